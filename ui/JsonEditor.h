#pragma once

#include <QWidget>

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
    void setError(const QString &message);    // empty: no error
    QString error() const;
    QPlainTextEdit *editor() const { return m_edit; }
    void setReadOnly(bool readOnly);

Q_SIGNALS:
    void textEdited(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyTheme();

    QPlainTextEdit *m_edit = nullptr;
    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter = nullptr;
    bool m_dark = false;
    QLabel *m_error = nullptr;
    bool m_quiet = false;
    QString m_lastText;
};

} // namespace jwtflow
