#include "ConnectionProfile.h"

#include <array>
#include <utility>

namespace jwtflow {

namespace {

using Env = AssertionPreset::Environment;

constexpr std::array<std::pair<Env, const char *>, 6> kEnvironmentKeys { {
    { Env::Production, "production" },
    { Env::Sandbox, "sandbox" },
    { Env::MyDomain, "my-domain" },
    { Env::ExperienceCloudSite, "experience-cloud-site" },
    { Env::PracticeOrg, "practice-org" },
    { Env::EntraTenant, "entra-tenant" },
} };

} // namespace

QString ConnectionProfile::environmentKey(Env env)
{
    for (const auto &[value, key] : kEnvironmentKeys) {
        if (value == env)
            return QString::fromLatin1(key);
    }
    return QStringLiteral("production");
}

bool ConnectionProfile::environmentFromKey(const QString &key, Env *env)
{
    for (const auto &[value, text] : kEnvironmentKeys) {
        if (key == QLatin1String(text)) {
            *env = value;
            return true;
        }
    }
    return false;
}

QString ConnectionProfile::passphraseSecretKey(const QString &profileId)
{
    return QStringLiteral("profile/%1/signing-key-passphrase").arg(profileId);
}

} // namespace jwtflow
