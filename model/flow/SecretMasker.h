#pragma once

#include <QString>
#include <QStringList>

namespace jwtflow {

// Hides secrets in anything shown, logged or copied, while keeping what helps debugging: a JWT
// keeps its header and claims (only the signature goes), a Salesforce "00D…!…" token keeps its
// org id. Collect the secrets once, then apply() to every rendering (URL, headers, bodies): each
// secret is also found percent-encoded and JSON-escaped.
class SecretMasker {
public:
    static QString mask() { return QStringLiteral("****"); }

    // A bearer value: a JWT loses its signature, "00D…!rest" loses "rest", anything else all of it.
    void addToken(const QString &value);
    // A value hidden entirely (client secrets, passwords, cookies).
    void addWhole(const QString &value);

    bool isEmpty() const { return m_secrets.isEmpty(); }
    QString apply(QString text) const;

    // The token's masked form on its own, e.g. for a field in the CLI output.
    static QString maskToken(const QString &value);

private:
    QStringList m_secrets;
};

} // namespace jwtflow
