#include "ProfileStore.h"

#include <QSettings>
#include <QUrl>
#include <QUuid>

#include <algorithm>

namespace jwtflow {

namespace {

// Profile names are free text; QSettings keys treat '/' and '\' specially, so each profile's
// group is its percent-encoded name and the real name is stored inside it.
QString groupFor(const QString &name)
{
    return QStringLiteral("profiles/") + QString::fromLatin1(QUrl::toPercentEncoding(name));
}

Error notFound(const QString &name)
{
    return makeError(QStringLiteral("profile.not-found"), QStringLiteral("There is no profile named “%1”.").arg(name),
        QStringLiteral("Choose one from Profiles ▸ Load profile."));
}

} // namespace

ProfileStore::ProfileStore(QSettings &settings)
    : m_settings(settings)
{ }

QStringList ProfileStore::names() const
{
    QStringList names;
    m_settings.beginGroup(QStringLiteral("profiles"));
    const QStringList groups = m_settings.childGroups();
    for (const QString &group : groups) {
        const QString name = m_settings.value(group + QStringLiteral("/name")).toString();
        if (!name.isEmpty())
            names << name;
    }
    m_settings.endGroup();
    std::sort(
        names.begin(), names.end(), [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    return names;
}

bool ProfileStore::contains(const QString &name) const
{
    return m_settings.contains(groupFor(name) + QStringLiteral("/name"));
}

Result<ConnectionProfile> ProfileStore::load(const QString &name) const
{
    if (!contains(name))
        return notFound(name);
    m_settings.beginGroup(groupFor(name));
    ConnectionProfile profile;
    profile.name = m_settings.value(QStringLiteral("name")).toString();
    profile.id = m_settings.value(QStringLiteral("id")).toString();
    const QString environment = m_settings.value(QStringLiteral("environment")).toString();
    const bool known = ConnectionProfile::environmentFromKey(environment, &profile.environment);
    profile.environmentInput = m_settings.value(QStringLiteral("environmentInput")).toString();
    profile.clientId = m_settings.value(QStringLiteral("clientId")).toString();
    profile.username = m_settings.value(QStringLiteral("username")).toString();
    profile.signingKeyPath = m_settings.value(QStringLiteral("signingKeyPath")).toString();
    profile.certificatePath = m_settings.value(QStringLiteral("certificatePath")).toString();
    profile.verificationKeyPath = m_settings.value(QStringLiteral("verificationKeyPath")).toString();
    profile.passphraseInKeychain = m_settings.value(QStringLiteral("passphraseInKeychain"), false).toBool();
    m_settings.endGroup();
    if (!known)
        return makeError(QStringLiteral("profile.bad-environment"),
            QStringLiteral("Profile “%1” names an unknown environment “%2”.").arg(name, environment),
            QStringLiteral("Load it, choose the environment again and save it once more."));
    return profile;
}

Result<ConnectionProfile> ProfileStore::save(ConnectionProfile profile)
{
    if (auto valid = checkName(profile.name); !valid)
        return valid.error();
    // Not status() after writing: it can report an access error for a file that was written
    // (seen in the build root); isWritable() says whether the file can take the profile at all.
    if (!m_settings.isWritable())
        return makeError(QStringLiteral("profile.write-failed"),
            QStringLiteral("The profile cannot be written to %1.").arg(m_settings.fileName()),
            QStringLiteral("Check that the folder exists and is writable."));
    if (profile.id.isEmpty())
        profile.id = m_settings.value(groupFor(profile.name) + QStringLiteral("/id")).toString();
    if (profile.id.isEmpty())
        profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_settings.remove(groupFor(profile.name));
    m_settings.beginGroup(groupFor(profile.name));
    m_settings.setValue(QStringLiteral("name"), profile.name);
    m_settings.setValue(QStringLiteral("id"), profile.id);
    m_settings.setValue(QStringLiteral("environment"), ConnectionProfile::environmentKey(profile.environment));
    m_settings.setValue(QStringLiteral("environmentInput"), profile.environmentInput);
    m_settings.setValue(QStringLiteral("clientId"), profile.clientId);
    m_settings.setValue(QStringLiteral("username"), profile.username);
    m_settings.setValue(QStringLiteral("signingKeyPath"), profile.signingKeyPath);
    m_settings.setValue(QStringLiteral("certificatePath"), profile.certificatePath);
    m_settings.setValue(QStringLiteral("verificationKeyPath"), profile.verificationKeyPath);
    m_settings.setValue(QStringLiteral("passphraseInKeychain"), profile.passphraseInKeychain);
    m_settings.endGroup();
    m_settings.sync();
    return profile;
}

Result<void> ProfileStore::rename(const QString &from, const QString &to)
{
    if (auto valid = checkName(to); !valid)
        return valid;
    auto profile = load(from);
    if (!profile)
        return profile.error();
    if (from == to)
        return {};
    if (contains(to))
        return makeError(QStringLiteral("profile.exists"), QStringLiteral("A profile named “%1” already exists.").arg(to),
            QStringLiteral("Choose another name, or delete that profile first."));
    ConnectionProfile renamed = profile.value();
    renamed.name = to;
    if (auto saved = save(renamed); !saved)
        return saved.error();
    return remove(from);
}

Result<void> ProfileStore::remove(const QString &name)
{
    if (!contains(name))
        return notFound(name);
    m_settings.remove(groupFor(name));
    m_settings.sync();
    return {};
}

Result<void> ProfileStore::checkName(const QString &name)
{
    if (name.trimmed().isEmpty())
        return makeError(QStringLiteral("profile.empty-name"), QStringLiteral("A profile needs a name."),
            QStringLiteral("Type a name such as “Acme sandbox”."));
    if (name != name.trimmed())
        return makeError(QStringLiteral("profile.name-spaces"),
            QStringLiteral("A profile name cannot start or end with a space."),
            QStringLiteral("Remove the leading or trailing spaces."));
    if (name.size() > 100)
        return makeError(QStringLiteral("profile.long-name"),
            QStringLiteral("That profile name is %1 characters long.").arg(name.size()),
            QStringLiteral("Use at most 100 characters."));
    return {};
}

} // namespace jwtflow
