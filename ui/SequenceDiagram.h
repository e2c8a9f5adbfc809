#pragma once

#include <QWidget>

class QTextOption;

namespace jwtflow {

class SequenceLog;

// The flow as a sequence diagram: three lifelines — the client (jwtflow), the token endpoint and
// the API — and an arrow for each real request and response in the SequenceLog, labelled
// ("POST /services/oauth2/token (assertion)", "400 invalid_grant"), refusals in red, the newest
// pair lit up. The newest arrows are always in view, under a fixed lifeline header (what a class
// watches); the wheel scrolls back through earlier ones. Clicking an arrow selects it
// (messageActivated) so its raw text can be shown. Sizes follow the widget's font, so
// presentation mode enlarges the whole diagram.
class SequenceDiagram : public QWidget {
    Q_OBJECT

public:
    explicit SequenceDiagram(SequenceLog *log, QWidget *parent = nullptr);

    int messageAt(const QPoint &point) const; // -1: none
    // Where message `index` is drawn; empty while it is scrolled out of view.
    QRect messageRect(int index) const;
    int selected() const { return m_selected; }
    void setSelected(int index);
    // Messages hidden below the view (0: the newest is shown); the wheel changes it.
    int scrollBack() const { return m_back; }
    void setScrollBack(int messages);
    int firstShown() const { return m_first; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // A refused request's arrow and words: the palette's error colour (ErrorColor).
    QColor errorColor() const;

Q_SIGNALS:
    void messageActivated(int index);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Row {
        QRect rect; // the whole row (click target), empty when not shown
        QRect labelRect; // where the label and detail are written
        int labelHeight = 0;
        int arrowY = 0;
        int height = 0;
    };

    void relayout();
    int lifelineX(int lifeline) const;
    QFont detailFont() const;
    QFont titleFont() const;
    QFont subtitleFont() const;

    SequenceLog *m_log = nullptr;
    QList<Row> m_rows;
    int m_headerHeight = 0;
    int m_selected = -1;
    int m_back = 0;
    int m_first = 0; // the first message shown
};

} // namespace jwtflow
