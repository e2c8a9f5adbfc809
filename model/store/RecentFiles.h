#pragma once

#include <QStringList>

class QSettings;

namespace jwtflow {

// A most-recent-first list of file PATHS under one settings key (e.g. "recent/keys"), at most
// `limit` long. Paths only: never the files' contents, so a recent token file's JWT stays in its
// file and a private key's bytes never reach the settings file.
class RecentFiles {
public:
    RecentFiles(QSettings &settings, QString key, int limit = 8);

    QStringList paths() const;
    void add(const QString &path); // made absolute; moves to the front if already listed
    void remove(const QString &path);
    // Drops the paths whose files no longer exist and returns them (for a message).
    QStringList pruneMissing();
    void clear();

private:
    void store(const QStringList &paths);

    QSettings &m_settings;
    QString m_key;
    int m_limit;
};

} // namespace jwtflow
