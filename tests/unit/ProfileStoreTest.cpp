#include "store/ProfileStore.h"
#include "store/RecentFiles.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace jwtflow;
using Env = AssertionPreset::Environment;

namespace {

ConnectionProfile entra()
{
    ConnectionProfile p;
    p.name = QStringLiteral("Contoso/Entra \\ test");
    p.environment = Env::EntraTenant;
    p.environmentInput = QStringLiteral("contoso.onmicrosoft.com");
    p.clientId = QStringLiteral("00000000-1111-2222-3333-444444444444");
    p.certificatePath = QStringLiteral("/home/ann/keys/entra.crt");
    p.signingKeyPath = QStringLiteral("/home/ann/keys/entra.key");
    return p;
}

} // namespace

TEST(ProfileStore, SavesLoadsRenamesAndRemoves)
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("jwtflow.conf")), QSettings::IniFormat);
    ProfileStore store(settings);
    EXPECT_TRUE(store.names().isEmpty());

    const auto saved = store.save(entra());
    ASSERT_TRUE(saved.ok()) << saved.error().text().toStdString();
    EXPECT_FALSE(saved->id.isEmpty());
    ConnectionProfile b;
    b.name = QStringLiteral("acme");
    ASSERT_TRUE(store.save(b).ok());
    EXPECT_EQ(store.names(), (QStringList { QStringLiteral("acme"), entra().name })); // case-insensitive order

    auto loaded = store.load(entra().name);
    ASSERT_TRUE(loaded.ok());
    ConnectionProfile expected = entra();
    expected.id = saved->id;
    EXPECT_EQ(loaded.value(), expected);

    // Saving the same name again keeps its id (its keychain entry stays its own).
    EXPECT_EQ(store.save(entra())->id, saved->id);

    ASSERT_TRUE(store.rename(entra().name, QStringLiteral("Contoso")).ok());
    EXPECT_FALSE(store.contains(entra().name));
    EXPECT_EQ(store.load(QStringLiteral("Contoso"))->id, saved->id);
    EXPECT_EQ(store.rename(QStringLiteral("Contoso"), QStringLiteral("acme")).error().code, QStringLiteral("profile.exists"));

    ASSERT_TRUE(store.remove(QStringLiteral("acme")).ok());
    EXPECT_EQ(store.remove(QStringLiteral("acme")).error().code, QStringLiteral("profile.not-found"));
    EXPECT_EQ(store.load(QStringLiteral("nobody")).error().code, QStringLiteral("profile.not-found"));
    EXPECT_EQ(store.names(), QStringList { QStringLiteral("Contoso") });
}

TEST(ProfileStore, RejectsBadNamesAndUnknownEnvironments)
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("jwtflow.conf")), QSettings::IniFormat);
    ProfileStore store(settings);
    ConnectionProfile p;
    EXPECT_EQ(store.save(p).error().code, QStringLiteral("profile.empty-name"));
    p.name = QStringLiteral(" padded");
    EXPECT_EQ(store.save(p).error().code, QStringLiteral("profile.name-spaces"));
    p.name = QString(101, QLatin1Char('x'));
    EXPECT_EQ(store.save(p).error().code, QStringLiteral("profile.long-name"));

    p.name = QStringLiteral("future");
    ASSERT_TRUE(store.save(p).ok());
    settings.setValue(QStringLiteral("profiles/future/environment"), QStringLiteral("moon-base"));
    const auto loaded = store.load(QStringLiteral("future"));
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().code, QStringLiteral("profile.bad-environment"));
    EXPECT_TRUE(loaded.error().message.contains(QStringLiteral("moon-base")));
}

TEST(ProfileStore, EveryEnvironmentRoundTripsThroughItsKey)
{
    for (const Env env : AssertionPreset::environments()) {
        Env back = Env::Production;
        ASSERT_TRUE(ConnectionProfile::environmentFromKey(ConnectionProfile::environmentKey(env), &back));
        EXPECT_EQ(back, env);
    }
}

TEST(RecentFiles, MostRecentFirstUniqueCappedAndPruned)
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("jwtflow.conf")), QSettings::IniFormat);
    RecentFiles recent(settings, QStringLiteral("recent/keys"), 3);
    const QString a = dir.filePath(QStringLiteral("a.pem"));
    QFile(a).open(QIODevice::WriteOnly);
    recent.add(a);
    recent.add(dir.filePath(QStringLiteral("b.pem")));
    recent.add(a);
    EXPECT_EQ(recent.paths(), (QStringList { a, dir.filePath(QStringLiteral("b.pem")) }));
    recent.add(dir.filePath(QStringLiteral("c.pem")));
    recent.add(dir.filePath(QStringLiteral("d.pem")));
    EXPECT_EQ(recent.paths().size(), 3);
    EXPECT_EQ(recent.paths().constFirst(), dir.filePath(QStringLiteral("d.pem")));
    const QStringList missing = recent.pruneMissing();
    EXPECT_EQ(missing.size(), 2);
    EXPECT_EQ(recent.paths(), QStringList { a });
}
