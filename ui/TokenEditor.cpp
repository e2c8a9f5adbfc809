#include "TokenEditor.h"

#include "SegmentHighlighter.h"

#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QMimeData>

namespace jwtflow {

namespace {
constexpr qint64 kMaxTokenFile = 1024 * 1024; // a JWT is kilobytes; anything bigger is the wrong file
}

TokenEditor::TokenEditor(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAnywhere);
    setTabChangesFocus(true); // a token holds no tabs: Tab moves on (keyboard navigation)
    m_highlighter = new SegmentHighlighter(document());
    m_highlighter->setPalette(palette());
    // textChanged also fires when the highlighter re-applies formats; only a real change counts.
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        const QString text = toPlainText();
        if (m_quiet || text == m_lastText)
            return;
        m_lastText = text;
        Q_EMIT textEdited(text);
    });
}

void TokenEditor::setTextQuietly(const QString &text)
{
    if (text == toPlainText())
        return;
    m_quiet = true;
    m_lastText = text;
    // Keep the cursor where it was when possible: the user may be reading at that spot.
    const int position = textCursor().position();
    setPlainText(text);
    QTextCursor cursor = textCursor();
    cursor.setPosition(qMin(position, text.size()));
    setTextCursor(cursor);
    m_quiet = false;
}

void TokenEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_highlighter)
        m_highlighter->setPalette(palette()); // a light/dark switch: segment colours that read on the new base
}

bool TokenEditor::canInsertFromMimeData(const QMimeData *source) const
{
    return source->hasUrls() || QPlainTextEdit::canInsertFromMimeData(source);
}

void TokenEditor::insertFromMimeData(const QMimeData *source)
{
    if (source->hasUrls() && source->urls().constFirst().isLocalFile()) {
        const QString path = source->urls().constFirst().toLocalFile();
        QFile file(path);
        if (QFileInfo(path).size() > kMaxTokenFile) {
            Q_EMIT loadFailed(tr("%1 is %2 bytes; a JWT is a few kilobytes. Drop the file that holds only the token.")
                    .arg(QFileInfo(path).fileName())
                    .arg(QFileInfo(path).size()));
            return;
        }
        if (!file.open(QIODevice::ReadOnly)) {
            Q_EMIT loadFailed(tr("Cannot read %1: %2").arg(QFileInfo(path).fileName(), file.errorString()));
            return;
        }
        setPlainText(QString::fromUtf8(file.readAll()).trimmed());
        return;
    }
    QPlainTextEdit::insertFromMimeData(source);
}

} // namespace jwtflow
