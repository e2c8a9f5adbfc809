#include "JsonEditor.h"
#include "ErrorColor.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QApplication>
#include <QEvent>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QLabel>
#include <QPalette>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QToolTip>
#include <QVBoxLayout>

namespace jwtflow {

namespace {

KSyntaxHighlighting::Repository &repository()
{
    // Loading the definitions costs milliseconds; share one repository for all editors.
    static KSyntaxHighlighting::Repository repo;
    return repo;
}

} // namespace

JsonEditor::JsonEditor(const QString &objectName, QWidget *parent, bool highlight)
    : QWidget(parent)
{
    setObjectName(objectName + QStringLiteral("Pane"));
    m_edit = new QPlainTextEdit(this);
    m_edit->setObjectName(objectName);
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Tab moves on to the next pane (keyboard navigation); the pretty-printed JSON is indented
    // with spaces, which the editor's own auto-indent keeps.
    m_edit->setTabChangesFocus(true);
    m_edit->setTabStopDistance(QFontMetricsF(m_edit->font()).horizontalAdvance(QLatin1Char(' ')) * 2);

    if (highlight)
        startHighlighting();

    m_error = new QLabel(this);
    m_error->setObjectName(objectName + QStringLiteral("Error"));
    m_error->setTextFormat(Qt::PlainText); // the message may quote untrusted text
    m_error->setWordWrap(true);
    m_error->setStyleSheet(ErrorColor::styleSheet(m_error));
    m_error->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit);
    layout->addWidget(m_error);

    // textChanged also fires when the highlighter re-applies formats (later, from a timer), so
    // only a real change of the text counts as an edit.
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        const QString text = m_edit->toPlainText();
        if (m_quiet || text == m_lastText)
            return;
        m_lastText = text;
        Q_EMIT textEdited(text);
    });
}

void JsonEditor::startHighlighting()
{
    if (m_highlighter)
        return;
    m_highlighter = new KSyntaxHighlighting::SyntaxHighlighter(m_edit->document());
    m_dark = palette().color(QPalette::Base).lightness() < 128;
    applyTheme();
    m_highlighter->setDefinition(repository().definitionForName(QStringLiteral("JSON")));
}

void JsonEditor::applyTheme()
{
    m_highlighter->setTheme(repository().defaultTheme(
        m_dark ? KSyntaxHighlighting::Repository::DarkTheme : KSyntaxHighlighting::Repository::LightTheme));
}

void JsonEditor::changeEvent(QEvent *event)
{
    // The system switched between light and dark: the JSON colours follow.
    if (event->type() == QEvent::PaletteChange && m_highlighter) {
        const bool dark = palette().color(QPalette::Base).lightness() < 128;
        if (dark != m_dark) {
            m_dark = dark;
            applyTheme();
            m_highlighter->rehighlight();
        }
    }
    QWidget::changeEvent(event);
}

void JsonEditor::setHoverText(HoverText hoverText)
{
    if (!m_hoverText)
        m_edit->viewport()->installEventFilter(this);
    m_hoverText = std::move(hoverText);
}

QString JsonEditor::hoverTextAt(const QPoint &viewportPos) const
{
    if (!m_hoverText)
        return {};
    const QTextCursor cursor = m_edit->cursorForPosition(viewportPos);
    return m_hoverText(cursor.block().text(), cursor.positionInBlock());
}

bool JsonEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit->viewport() && event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QString text = hoverTextAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, m_edit->viewport());
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

QString JsonEditor::text() const
{
    return m_edit->toPlainText();
}

void JsonEditor::setTextQuietly(const QString &text)
{
    if (text == m_edit->toPlainText())
        return;
    m_quiet = true;
    m_lastText = text;
    m_edit->setPlainText(text);
    m_quiet = false;
}

void JsonEditor::setError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

QString JsonEditor::error() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void JsonEditor::setReadOnly(bool readOnly)
{
    if (m_edit->isReadOnly() != readOnly) // called on every edit; a change event repolishes
        m_edit->setReadOnly(readOnly);
}

} // namespace jwtflow
