#pragma once

#include "store/RecentFiles.h"

#include <QHash>
#include <QMenu>

class QSettings;

namespace jwtflow {

class BearerFlowSession;

// File ▸ Open Recent: the private keys, certificates and token FILES opened lately (paths only,
// at most 8 of each; a pasted token is never remembered, see README). Files that disappeared are
// dropped when the menu opens, with a message saying which.
class RecentFilesMenu : public QMenu {
    Q_OBJECT

public:
    enum class Kind { SigningKey, Certificate, TokenFile };

    RecentFilesMenu(QSettings &settings, QWidget *parent = nullptr);

    // Remembers every key and certificate file the session takes on, except `ignored` (e.g. the
    // demo key).
    void track(const BearerFlowSession *session);
    void setIgnoredPaths(const QStringList &paths) { m_ignored = paths; }
    void add(Kind kind, const QString &path);
    QStringList paths(Kind kind) const;
    // Drops missing files from every list; returns a message naming them (empty if none).
    QString pruneMissing();

Q_SIGNALS:
    void openRequested(jwtflow::RecentFilesMenu::Kind kind, const QString &path);
    void message(const QString &text);

private:
    void rebuild();
    RecentFiles &list(Kind kind);
    const RecentFiles &list(Kind kind) const;

    RecentFiles m_signingKeys;
    RecentFiles m_certificates;
    RecentFiles m_tokens;
    QStringList m_ignored;
    QHash<int, QString> m_tracked; // the file each Kind was last remembered from
};

} // namespace jwtflow
