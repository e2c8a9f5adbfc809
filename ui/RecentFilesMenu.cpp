#include "RecentFilesMenu.h"

#include "flow/BearerFlowSession.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace jwtflow {

RecentFilesMenu::RecentFilesMenu(QSettings &settings, QWidget *parent)
    : QMenu(tr("Open &Recent"), parent)
    , m_signingKeys(settings, QStringLiteral("recent/signingKeys"))
    , m_certificates(settings, QStringLiteral("recent/certificates"))
    , m_tokens(settings, QStringLiteral("recent/tokenFiles"))
{
    setObjectName(QStringLiteral("openRecentMenu"));
    setToolTipsVisible(true);
    connect(this, &QMenu::aboutToShow, this, [this] {
        if (const QString pruned = pruneMissing(); !pruned.isEmpty())
            Q_EMIT message(pruned);
        rebuild();
    });
    rebuild();
}

RecentFiles &RecentFilesMenu::list(Kind kind)
{
    switch (kind) {
    case Kind::SigningKey:
        return m_signingKeys;
    case Kind::Certificate:
        return m_certificates;
    case Kind::TokenFile:
        break;
    }
    return m_tokens;
}

const RecentFiles &RecentFilesMenu::list(Kind kind) const
{
    return const_cast<RecentFilesMenu *>(this)->list(kind);
}

void RecentFilesMenu::track(const BearerFlowSession *session)
{
    // A file the session now signs with or checks against (a pasted or generated key has none).
    const auto remember = [this](Kind kind, const std::optional<KeyMaterial> &material) {
        const QString path = material ? material->filePath : QString();
        if (path.isEmpty() || path == m_tracked.value(int(kind)))
            return;
        m_tracked.insert(int(kind), path);
        add(kind, path);
    };
    connect(session, &BearerFlowSession::keysChanged, this, [session, remember] {
        remember(Kind::SigningKey, session->signingKey());
        remember(Kind::Certificate, session->certificate());
    });
}

void RecentFilesMenu::add(Kind kind, const QString &path)
{
    if (m_ignored.contains(path) || m_ignored.contains(QFileInfo(path).absoluteFilePath()))
        return;
    list(kind).add(path); // the menu is rebuilt when it next opens
}

QStringList RecentFilesMenu::paths(Kind kind) const
{
    return list(kind).paths();
}

QString RecentFilesMenu::pruneMissing()
{
    QStringList missing;
    for (const Kind kind : { Kind::SigningKey, Kind::Certificate, Kind::TokenFile })
        missing << list(kind).pruneMissing();
    if (missing.isEmpty())
        return {};
    QStringList names;
    for (const QString &path : missing)
        names << QDir::toNativeSeparators(path);
    return tr("Removed from Open Recent, because the file no longer exists: %1").arg(names.join(QStringLiteral(", ")));
}

void RecentFilesMenu::rebuild()
{
    clear();
    const struct {
        Kind kind;
        QString title;
    } sections[] = { { Kind::SigningKey, tr("Private keys") }, { Kind::Certificate, tr("Certificates") },
        { Kind::TokenFile, tr("Token files") } };
    int shown = 0;
    for (const auto &section : sections) {
        const QStringList files = list(section.kind).paths();
        if (files.isEmpty())
            continue;
        addSection(section.title);
        for (const QString &path : files) {
            QAction *action = addAction(QStringLiteral("&%1 %2").arg(++shown % 10).arg(QFileInfo(path).fileName()));
            action->setToolTip(QDir::toNativeSeparators(path));
            action->setData(path);
            const Kind kind = section.kind;
            connect(action, &QAction::triggered, this, [this, kind, path] {
                if (!QFileInfo::exists(path)) {
                    list(kind).remove(path); // no rebuild here: this action is still being delivered
                    Q_EMIT message(
                        tr("%1 no longer exists; it was removed from Open Recent.").arg(QDir::toNativeSeparators(path)));
                    return;
                }
                Q_EMIT openRequested(kind, path);
            });
        }
    }
    if (shown == 0) {
        QAction *none = addAction(tr("No recent files"));
        none->setEnabled(false);
        return;
    }
    addSeparator();
    QAction *clearAll = addAction(tr("&Clear the list"), this, [this] {
        for (const Kind kind : { Kind::SigningKey, Kind::Certificate, Kind::TokenFile })
            list(kind).clear();
    });
    clearAll->setObjectName(QStringLiteral("clearRecentAction"));
}

} // namespace jwtflow
