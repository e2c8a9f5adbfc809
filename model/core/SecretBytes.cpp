#include "SecretBytes.h"

#include <string.h> // explicit_bzero (glibc 2.25+): not removed as a dead store
#include <utility>

namespace jwtflow {

SecretBytes::SecretBytes(QByteArray &&bytes)
    : m_bytes(std::move(bytes))
{
    own();
}

SecretBytes::SecretBytes(const QByteArray &bytes)
    : m_bytes(bytes.constData(), bytes.size())
{ }

SecretBytes::SecretBytes(const SecretBytes &other)
    : m_bytes(other.detachedCopy())
{ }

SecretBytes::SecretBytes(SecretBytes &&other) noexcept
    : m_bytes(std::exchange(other.m_bytes, QByteArray()))
{ }

SecretBytes &SecretBytes::operator=(const SecretBytes &other)
{
    if (this != &other) {
        wipe();
        m_bytes = other.detachedCopy();
    }
    return *this;
}

SecretBytes &SecretBytes::operator=(SecretBytes &&other) noexcept
{
    if (this != &other) {
        wipe();
        m_bytes = std::exchange(other.m_bytes, QByteArray());
    }
    return *this;
}

SecretBytes::~SecretBytes()
{
    wipe();
}

QByteArray SecretBytes::detachedCopy() const
{
    return QByteArray(m_bytes.constData(), m_bytes.size());
}

void SecretBytes::own()
{
    // Shared with another QByteArray, or static data (a literal, read-only): copy it into a
    // buffer of our own, which wipe() may write into.
    if (!m_bytes.isEmpty() && !m_bytes.isDetached())
        m_bytes = QByteArray(m_bytes.constData(), m_bytes.size());
}

void SecretBytes::wipe()
{
    if (m_bytes.isEmpty())
        return;
    // In place, without detaching: copies lent out through bytes() share this buffer and go blank
    // with it rather than keeping the secret in a block nobody wipes.
    explicit_bzero(const_cast<char *>(m_bytes.constData()), static_cast<size_t>(m_bytes.size()));
    m_bytes.truncate(0);
}

} // namespace jwtflow
