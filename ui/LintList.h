#pragma once

#include "flow/Lint.h"

#include <QListWidget>

namespace jwtflow {

// What Salesforce will reject, listed before anything is sent. Each item names the field it
// concerns; activating it asks the window to focus that field.
class LintList : public QListWidget {
    Q_OBJECT

public:
    explicit LintList(QWidget *parent = nullptr);

    void setLints(const QList<Lint> &lints);
    int errorCount() const { return m_errors; }

protected:
    void resizeEvent(QResizeEvent *event) override;

Q_SIGNALS:
    void fieldActivated(const QString &field);

private:
    int m_errors = 0;
    QList<Lint> m_shown;
    bool m_filled = false;
};

} // namespace jwtflow
