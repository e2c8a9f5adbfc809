#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>

namespace jwtflow {

// Just enough ASN.1 DER to tell key and certificate files apart by content (QCA only says
// "decode error"), to spot truncation, to read certificates without qca-ossl (which crashes on
// damaged ones), and to build the few structures QCA cannot: an RSA key from JWK numbers and a
// certificate signed with SHA-256 (qca-ossl self-signs with SHA-1).
class Der {
public:
    enum Tag : quint8 {
        Boolean = 0x01,
        Integer = 0x02,
        BitString = 0x03,
        OctetString = 0x04,
        Null = 0x05,
        ObjectId = 0x06,
        Utf8String = 0x0c,
        NumericString = 0x12,
        PrintableString = 0x13,
        TeletexString = 0x14,
        Ia5String = 0x16,
        UtcTime = 0x17,
        GeneralizedTime = 0x18,
        VisibleString = 0x1a,
        UniversalString = 0x1c,
        BmpString = 0x1e,
        Sequence = 0x30,
        Set = 0x31,
        ContextSpecific0 = 0xa0,
        ContextSpecific1 = 0xa1,
        ContextSpecific2 = 0xa2,
        ContextSpecific3 = 0xa3,
        ImplicitPrimitive1 = 0x81, // [1] IMPLICIT of a primitive type, e.g. issuerUniqueID
        ImplicitPrimitive2 = 0x82,
    };

    struct Element {
        quint8 tag = 0;
        QByteArray content;
        qsizetype size = 0; // header + content, in bytes
    };

    enum class Status { Ok, Truncated, Malformed };

    // Reads the element at `pos`. Truncated: the length promises more bytes than there are.
    static Status read(QByteArrayView data, qsizetype pos, Element &out);
    // Children of a constructed element; an empty list and *ok = false when they do not parse.
    static QList<Element> children(const Element &parent, bool *ok = nullptr);
    // Dotted form of an OBJECT IDENTIFIER's content bytes, e.g. "1.2.840.113549.1.1.1".
    static QString oidToString(QByteArrayView content);
    // Whether `data` is exactly one complete element (what a PEM body or a DER file must be).
    static Status checkComplete(QByteArrayView data);

    // Writing.
    static QByteArray encode(quint8 tag, const QByteArray &content);
    static QByteArray sequence(const QByteArray &content) { return encode(Sequence, content); }
    static QByteArray set(const QByteArray &content) { return encode(Set, content); }
    // An INTEGER from unsigned big-endian bytes (leading zeros trimmed, a 0x00 added when needed).
    static QByteArray unsignedInteger(QByteArrayView bigEndian);
    static QByteArray smallInteger(int value);
    static QByteArray oid(const QString &dotted);
    static QByteArray null() { return encode(Null, {}); }
    static QByteArray boolean(bool value) { return encode(Boolean, QByteArray(1, value ? '\xff' : '\0')); }
    static QByteArray bitString(const QByteArray &bytes) { return encode(BitString, QByteArray(1, '\0') + bytes); }
    static QByteArray octetString(const QByteArray &bytes) { return encode(OctetString, bytes); }
    static QByteArray utf8String(const QString &text) { return encode(Utf8String, text.toUtf8()); }
    // UTCTime up to 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5).
    static QByteArray time(const QDateTime &when);
    // A UTCTime or GeneralizedTime element as UTC (RFC 5280 §4.1.2.5); invalid QDateTime if neither.
    static QDateTime parseTime(const Element &element);
    // An INTEGER's content as unsigned big-endian bytes (sign byte dropped).
    static QByteArray integerMagnitude(const QByteArray &content);
};

} // namespace jwtflow
