#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace jwtflow {

// An X.509 Name (the subject or issuer of a certificate), read by jwtflow from DER: the
// attributes in the order the certificate lists them, each with its type and its value as text.
// Reading untrusted names here, not in qca-ossl, is what keeps damaged certificates from crashing
// the app (fuzz_keys found such crashes in qca-ossl's certificate import).
class DistinguishedName {
public:
    struct Attribute {
        QString oid; // "2.5.4.3"
        QString value; // decoded text; "#0403…" (RFC 4514 hex form) for a value that is not a string
        bool operator==(const Attribute &other) const { return oid == other.oid && value == other.value; }
    };

    DistinguishedName() = default;

    // `der` is the whole Name element (SEQUENCE OF SET OF AttributeTypeAndValue); nothing when
    // it is not one (the caller says which name of what is damaged).
    static std::optional<DistinguishedName> fromDer(const QByteArray &der);

    // "CN=jwtflow test, O=jwtflow": short names for the common attribute types (CN, O, OU, C, L,
    // ST, emailAddress, …), "OID.1.2.3" for others; attributes of one multi-valued RDN joined by
    // "+". Control characters are shown as \XX, so a name cannot forge extra lines.
    QString toString() const;
    // The last (most specific) common name, or an empty string.
    QString commonName() const;
    const QList<Attribute> &attributes() const { return m_attributes; }
    bool isEmpty() const { return m_attributes.isEmpty(); }

    // Same attribute types and values in the same order (encodings such as PrintableString vs
    // UTF8String do not matter).
    bool operator==(const DistinguishedName &other) const { return m_attributes == other.m_attributes; }
    bool operator!=(const DistinguishedName &other) const { return !(*this == other); }

    // "CN", "O", …, or "OID.<dotted>" for a type without a common short name.
    static QString shortName(const QString &oid);

private:
    QList<Attribute> m_attributes;
    QList<int> m_rdnStarts; // index of the first attribute of each RDN, for the "+" of multi-valued ones
};

} // namespace jwtflow
