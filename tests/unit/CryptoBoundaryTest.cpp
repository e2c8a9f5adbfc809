// The architecture's promise about QCA and OpenSSL's libcrypto: only model/crypto
// includes them, and no public header there exposes them, so ui/, app/ and the tests never see a
// QCA or OpenSSL type.
#include <QDir>
#include <QDirIterator>
#include <QFile>

#include <gtest/gtest.h>

TEST(CryptoBoundary, OnlyModelCryptoSourcesIncludeQca)
{
    const QDir root(QStringLiteral(JWTFLOW_TEST_DATA "/../.."));
    ASSERT_TRUE(root.exists(QStringLiteral("model/crypto")));
    QStringList offenders;
    int scanned = 0;
    for (const char *folder : { "model", "ui", "app", "tests" }) {
        QDirIterator it(root.filePath(QString::fromLatin1(folder)), { QStringLiteral("*.h"), QStringLiteral("*.cpp") },
            QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = root.relativeFilePath(it.next());
            // npm packages the client tests install (tests/clients/*/node_modules) are not ours:
            // Node ships OpenSSL's headers.
            if (path.contains(QStringLiteral("/node_modules/")))
                continue;
            QFile file(it.filePath());
            if (!file.open(QIODevice::ReadOnly))
                continue;
            ++scanned;
            const QByteArray text = file.readAll();
            // Needles assembled at run time, so this file does not match itself.
            const QByteArray include = QByteArrayLiteral("#include ");
            const bool includesQca = text.contains(include + "<Qt" + "Crypto") || text.contains(include + "<qca")
                || text.contains(include + "<open" + "ssl/") || text.contains(include + "\"crypto/" + "internal/");
            if (!includesQca)
                continue;
            const bool allowed = path.startsWith(QStringLiteral("model/crypto/"))
                && (path.endsWith(QStringLiteral(".cpp")) || path.startsWith(QStringLiteral("model/crypto/internal/")));
            if (!allowed)
                offenders << path;
        }
    }
    EXPECT_GT(scanned, 20);
    EXPECT_TRUE(offenders.isEmpty()) << offenders.join(QStringLiteral(", ")).toStdString();
}

// Untrusted certificate bytes never reach qca-ossl, which crashed on damaged ones (fuzz_keys):
// jwtflow reads certificates with its own DER parser and hands QCA only the public key.
TEST(CryptoBoundary, QcaNeverParsesCertificateBytes)
{
    const QDir root(QStringLiteral(JWTFLOW_TEST_DATA "/../.."));
    QStringList offenders;
    // Needles assembled at run time, so this file does not match itself.
    const QByteArray prefix = QByteArrayLiteral("QCA::") + "Certificate::from";
    QDirIterator it(root.filePath(QStringLiteral("model")), { QStringLiteral("*.h"), QStringLiteral("*.cpp") }, QDir::Files,
        QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(prefix))
            offenders << root.relativeFilePath(it.filePath());
    }
    EXPECT_TRUE(offenders.isEmpty()) << offenders.join(QStringLiteral(", ")).toStdString();
}
