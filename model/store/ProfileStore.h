#pragma once

#include "core/Result.h"
#include "store/ConnectionProfile.h"

#include <QStringList>

class QSettings;

namespace jwtflow {

// Named connection profiles in a QSettings (group "profiles"): list, load, save, rename, delete.
// The settings object is the caller's (the app's default one, or a temporary file in tests).
// Error codes start with "profile.".
class ProfileStore {
public:
    explicit ProfileStore(QSettings &settings);

    QStringList names() const; // sorted, case-insensitively
    bool contains(const QString &name) const;
    Result<ConnectionProfile> load(const QString &name) const;
    // Saves under profile.name, replacing a profile of that name (whose id it keeps when the
    // given profile has none); returns what was stored, with its id.
    Result<ConnectionProfile> save(ConnectionProfile profile);
    Result<void> rename(const QString &from, const QString &to);
    Result<void> remove(const QString &name);

    // A name the user may give a profile, or why not.
    static Result<void> checkName(const QString &name);

private:
    QSettings &m_settings;
};

} // namespace jwtflow
