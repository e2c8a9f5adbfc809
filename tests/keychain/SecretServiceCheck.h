#pragma once
// What the keychain tests need around them: whether a Secret Service is on the session bus (as
// tests/run-with-keyring provides), and what to do when it is not — skip, or fail when
// JWTFLOW_REQUIRE_KEYCHAIN=1 (CI), so a missing keyring can never pass as a skipped test.
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QString>
#include <QUuid>

#include <gtest/gtest.h>

namespace jwtflow::test {

inline bool secretServiceOnBus()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    return bus.isConnected() && bus.interface()
        && bus.interface()->isServiceRegistered(QStringLiteral("org.freedesktop.secrets")).value();
}

inline bool keychainRequired()
{
    return qEnvironmentVariable("JWTFLOW_REQUIRE_KEYCHAIN") == QLatin1String("1");
}

inline std::string noSecretServiceText()
{
    return "no Secret Service (org.freedesktop.secrets) on the session bus: run this binary through "
           "tests/run-with-keyring (ctest does), which needs dbus-daemon and gnome-keyring installed";
}

// A service name no other run uses, so tests never meet each other's (or the user's) entries.
inline QString uniqueService()
{
    return QStringLiteral("jwtflow-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace jwtflow::test

// In SetUp or a test body: skip without a Secret Service, or fail when one is required.
#define JWTFLOW_NEED_SECRET_SERVICE()                                                                                            \
    do {                                                                                                                         \
        if (!::jwtflow::test::secretServiceOnBus()) {                                                                            \
            if (::jwtflow::test::keychainRequired())                                                                             \
                FAIL() << "JWTFLOW_REQUIRE_KEYCHAIN=1 and " << ::jwtflow::test::noSecretServiceText();                           \
            GTEST_SKIP() << ::jwtflow::test::noSecretServiceText();                                                              \
        }                                                                                                                        \
    } while (false)
