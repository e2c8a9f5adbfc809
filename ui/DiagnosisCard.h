#pragma once

#include "flow/Diagnosis.h"
#include "flow/HttpExchangeRecord.h"

#include <QColor>
#include <QFrame>

class QLabel;
class QVBoxLayout;

namespace jwtflow {

// Why a token request failed and what to do: the title, the server's own words (or the network's),
// the note when those words cover several causes, then the causes most likely first, each with the
// claim or setting it implicates (clickable: fieldActivated()) and a checklist of fixes. Transport
// failures get the same card, with the TLS certificate details when there are any.
class DiagnosisCard : public QFrame {
    Q_OBJECT

public:
    explicit DiagnosisCard(QWidget *parent = nullptr);

    // record: the exchange the diagnosis is about, for the request line and TLS details (optional).
    void setDiagnosis(const Diagnosis &diagnosis, const HttpExchangeRecord &record = {});
    void clear();

    const Diagnosis &diagnosis() const { return m_diagnosis; }
    bool isEmpty() const { return m_diagnosis.code.isEmpty(); }

    // "Salesforce said", "Microsoft Entra said", "Network error", ... for a diagnosis code.
    static QString serverCaption(const QString &code);

Q_SIGNALS:
    // The user clicked the claim or setting a cause implicates ("aud", "exp", "key", "host", ...).
    void fieldActivated(const QString &field);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    // The labels' fonts are sized from the card's: when it changes (presentation mode on or off),
    // the card is built again, so no label keeps the other mode's size.
    void changeEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    QWidget *buildCause(int index, const Diagnosis::Cause &cause);
    QLabel *label(const QString &text, const QString &objectName, bool selectable = false);

    Diagnosis m_diagnosis;
    HttpExchangeRecord m_record;
    bool m_rebuildPending = false;
    QVBoxLayout *m_layout = nullptr;
    QWidget *m_body = nullptr;
    QWidget *m_serverBox = nullptr;
    QColor m_accent;
};

} // namespace jwtflow
