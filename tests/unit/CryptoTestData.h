#pragma once

// Shared by the crypto tests: the fixtures of tests/data/keys (see make-keys.sh there).

#include "crypto/KeyLoader.h"

#include <QFile>
#include <QMap>
#include <QString>

#include <gtest/gtest.h>

#include <optional>

namespace cryptotest {

inline QString keyPath(const char *name)
{
    return QStringLiteral(JWTFLOW_TEST_DATA "/keys/") + QString::fromLatin1(name);
}

inline QByteArray readFixture(const char *name)
{
    QFile file(keyPath(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline const QByteArray kPassphrase = QByteArrayLiteral("correct horse");

inline jwtflow::PassphraseCallback answer(const QByteArray &passphrase, int *calls = nullptr)
{
    return [passphrase, calls](const QString &) -> std::optional<QByteArray> {
        if (calls)
            ++*calls;
        return passphrase;
    };
}

// What OpenSSL recorded about rsa2048.crt (name=value lines of rsa2048.crt.txt).
inline QMap<QString, QString> recordedFacts()
{
    QMap<QString, QString> facts;
    for (const QByteArray &line : readFixture("rsa2048.crt.txt").split('\n')) {
        const qsizetype eq = line.indexOf('=');
        if (eq > 0)
            facts.insert(QString::fromLatin1(line.left(eq)), QString::fromLatin1(line.mid(eq + 1)));
    }
    return facts;
}

// Load or fail the test with the error's text.
inline jwtflow::KeyMaterial load(const char *name, const jwtflow::PassphraseCallback &passphrase = {})
{
    auto material = jwtflow::KeyLoader::loadFile(keyPath(name), passphrase);
    if (!material)
        ADD_FAILURE() << name << ": " << material.error().text().toStdString();
    return material ? material.value() : jwtflow::KeyMaterial {};
}

} // namespace cryptotest
