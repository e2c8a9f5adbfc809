#pragma once

#include <QWidget>

#include <functional>

class QLabel;
class QPlainTextEdit;

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

namespace jwtflow {

// A JSON pane (header or payload): syntax highlighting from KSyntaxHighlighting, and the parse
// error of the current text shown inline under it with line and column.
class JsonEditor : public QWidget {
    Q_OBJECT

public:
    // highlight = false leaves the colours for a later startHighlighting() (the window's start-up
    // defers loading the syntax definitions until it has painted once).
    explicit JsonEditor(const QString &objectName, QWidget *parent = nullptr, bool highlight = true);
    void startHighlighting();

    QString text() const;
    void setTextQuietly(const QString &text); // not announced as a user edit
    void setError(const QString &message); // empty: no error
    QString error() const;
    QPlainTextEdit *editor() const { return m_edit; }
    void setReadOnly(bool readOnly);
    // What a hover over (line text, column) shows as a tooltip; empty: none. The payload editor
    // shows the dates of exp, iat, nbf and auth_time this way (DateClaim::hoverTextAt).
    using HoverText = std::function<QString(const QString &line, int column)>;
    void setHoverText(HoverText hoverText);
    // The tooltip a hover at `viewportPos` shows (for tests and the tooltip event).
    QString hoverTextAt(const QPoint &viewportPos) const;

Q_SIGNALS:
    void textEdited(const QString &text);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyTheme();

    QPlainTextEdit *m_edit = nullptr;
    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter = nullptr;
    bool m_dark = false;
    QLabel *m_error = nullptr;
    bool m_quiet = false;
    QString m_lastText;
    HoverText m_hoverText;
};

} // namespace jwtflow
