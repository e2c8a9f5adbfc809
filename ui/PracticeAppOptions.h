#pragma once

#include "practice/PracticeAppOption.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QLabel;

namespace jwtflow {

// The trainer's "App settings" tab: the practice app's settings that change what a granted
// exchange answers (JWT-based access tokens, an id_token), one check box each with what it does
// and where Setup keeps it for an External Client App and a connected app. A click forwards the
// wish (optionRequested); the trainer dock sets it on the practice org and shows the state here.
class PracticeAppOptions : public QWidget {
    Q_OBJECT

public:
    explicit PracticeAppOptions(QWidget *parent = nullptr);

    QCheckBox *checkBox(PracticeAppOption::Id id) const { return m_boxes.value(static_cast<int>(id)); }
    // The practice org's state, shown without asking for a change.
    void showOption(PracticeAppOption::Id id, bool on);
    // Without a practice org nothing can be set: the tab says why.
    void setAvailable(bool available, const QString &reason = {});
    bool isAvailable() const;

Q_SIGNALS:
    void optionRequested(jwtflow::PracticeAppOption::Id id, bool on);

private:
    QHash<int, QCheckBox *> m_boxes;
    QLabel *m_unavailable = nullptr;
};

} // namespace jwtflow
