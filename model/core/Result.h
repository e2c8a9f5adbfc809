#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace jwtflow {

// What went wrong, for three readers: `code` for tests and scripts, `message` for the user
// (what is wrong), `hint` for the user (what to do about it).
struct Error {
    QString code;
    QString message;
    QString hint;

    // "message — hint", as a one-line text for status bars and the CLI.
    QString text() const { return hint.isEmpty() ? message : message + QStringLiteral(" — ") + hint; }
};

// Either a value or an Error; model calls return it instead of throwing (no exception crosses Qt).
template<typename T> class [[nodiscard]] Result {
public:
    Result(T value)
        : m_state(std::in_place_index<0>, std::move(value))
    { }
    Result(Error error)
        : m_state(std::in_place_index<1>, std::move(error))
    { }

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_state); }
    T &value() & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }
    const T *operator->() const { return &std::get<0>(m_state); }
    T *operator->() { return &std::get<0>(m_state); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<1>(m_state); }

private:
    std::variant<T, Error> m_state;
};

template<> class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
        , m_failed(true)
    { }

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

inline Error makeError(QString code, QString message, QString hint = {})
{
    return Error { std::move(code), std::move(message), std::move(hint) };
}

} // namespace jwtflow
