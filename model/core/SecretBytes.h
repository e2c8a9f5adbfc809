#pragma once

#include <QByteArray>

namespace jwtflow {

// The bytes of a secret (a passphrase) that are overwritten when they are dropped: on
// destruction, wipe(), and when another value is assigned. The buffer is its own (a copy is a
// deep copy), and bytes() lends it read-only: a QByteArray copied from bytes() shares it and is
// wiped with it, so use such a copy only while this object holds the secret (a caller that keeps
// the bytes longer, e.g. an asynchronous keychain write, takes detachedCopy() and wipes it itself).
class SecretBytes {
public:
    SecretBytes() = default;
    // Takes bytes' buffer when nobody else shares it, else copies it.
    explicit SecretBytes(QByteArray &&bytes);
    explicit SecretBytes(const QByteArray &bytes);
    SecretBytes(const SecretBytes &other);
    SecretBytes(SecretBytes &&other) noexcept;
    SecretBytes &operator=(const SecretBytes &other);
    SecretBytes &operator=(SecretBytes &&other) noexcept;
    ~SecretBytes();

    const QByteArray &bytes() const { return m_bytes; }
    bool isEmpty() const { return m_bytes.isEmpty(); }
    qsizetype size() const { return m_bytes.size(); }
    // A copy in a buffer of its own, not wiped by this object: the caller wipes it.
    QByteArray detachedCopy() const;
    // Overwrites every byte with 0, in place, then empties (the allocation is kept until destruction).
    void wipe();

private:
    void own();
    QByteArray m_bytes;
};

} // namespace jwtflow
