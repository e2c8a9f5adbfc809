#include "RecentFiles.h"

#include <QFileInfo>
#include <QSettings>

namespace jwtflow {

RecentFiles::RecentFiles(QSettings &settings, QString key, int limit)
    : m_settings(settings)
    , m_key(std::move(key))
    , m_limit(limit)
{ }

QStringList RecentFiles::paths() const
{
    return m_settings.value(m_key).toStringList();
}

void RecentFiles::add(const QString &path)
{
    if (path.isEmpty())
        return;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = paths();
    list.removeAll(absolute);
    list.prepend(absolute);
    store(list.mid(0, m_limit));
}

void RecentFiles::remove(const QString &path)
{
    QStringList list = paths();
    if (list.removeAll(path) > 0)
        store(list);
}

QStringList RecentFiles::pruneMissing()
{
    QStringList kept;
    QStringList missing;
    const QStringList list = paths();
    for (const QString &path : list)
        (QFileInfo::exists(path) ? kept : missing) << path;
    if (!missing.isEmpty())
        store(kept);
    return missing;
}

void RecentFiles::clear()
{
    m_settings.remove(m_key);
}

void RecentFiles::store(const QStringList &list)
{
    if (list.isEmpty())
        m_settings.remove(m_key);
    else
        m_settings.setValue(m_key, list);
}

} // namespace jwtflow
