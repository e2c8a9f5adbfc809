#pragma once

#include "flow/AssertionPreset.h"

#include <QString>

namespace jwtflow {

// A named connection the user can come back to: where the assertion goes, who it is for and
// which key files sign and check it. Only what is safe in a plain settings file lives here:
// key FILE PATHS, never key bytes, passphrases or tokens (those go to SecretStore, if anywhere).
struct ConnectionProfile {
    QString name;
    QString id; // stable across renames; names the profile's keychain entries. ProfileStore assigns it.
    AssertionPreset::Environment environment = AssertionPreset::Environment::Production;
    QString environmentInput; // My Domain / site URL or Entra tenant; empty where none is asked
    QString clientId;
    QString username;
    QString signingKeyPath;
    QString certificatePath;
    QString verificationKeyPath;
    // True when the user asked for the signing key's passphrase to be kept in the system keychain
    // (the flag only: the passphrase itself is never in the settings file).
    bool passphraseInKeychain = false;

    // Stable words for the settings file, so reordering the enum never changes a saved profile.
    static QString environmentKey(AssertionPreset::Environment env);
    static bool environmentFromKey(const QString &key, AssertionPreset::Environment *env);

    // The keychain entry that holds this profile's signing-key passphrase.
    static QString passphraseSecretKey(const QString &profileId);

    bool operator==(const ConnectionProfile &) const = default;
};

} // namespace jwtflow
