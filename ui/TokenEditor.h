#pragma once

#include <QPlainTextEdit>

namespace jwtflow {

class SegmentHighlighter;

// The encoded pane: a monospace, wrapping editor for the compact token, coloured by segment.
// Dropping a file that holds a token loads it (bounded size); dropped or pasted text is taken as is.
class TokenEditor : public QPlainTextEdit {
    Q_OBJECT

public:
    explicit TokenEditor(QWidget *parent = nullptr);

    // Replaces the text without announcing it as a user edit.
    void setTextQuietly(const QString &text);

Q_SIGNALS:
    void textEdited(const QString &text);
    // A dropped file could not be used; the message says why.
    void loadFailed(const QString &message);

protected:
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;
    void changeEvent(QEvent *event) override;

private:
    SegmentHighlighter *m_highlighter = nullptr;
    bool m_quiet = false;
    QString m_lastText;
};

} // namespace jwtflow
