#pragma once

#include <QObject>

class QLabel;

namespace jwtflow {

// Makes a label's text selectable with the mouse once the pointer first enters it. Not at once:
// a selectable label keeps a text document, and a wrapped one lays it out again for every width
// its layout tries; for the five such labels of the first window that was 11 M of its 240 M
// start-up instructions (callgrind), for text nobody selects without pointing at it first.
class SelectableOnHover : public QObject {
    Q_OBJECT

public:
    static void install(QLabel *label);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    explicit SelectableOnHover(QLabel *label);
};

} // namespace jwtflow
