#include "ClearTextConfirmation.h"

#include <QPushButton>

namespace jwtflow {

ClearTextConfirmation::ClearTextConfirmation(const QString &host, QWidget *parent)
    : QMessageBox(parent)
    , m_host(host)
{
    setObjectName(QStringLiteral("clearTextConfirmation"));
    setIcon(QMessageBox::Warning);
    setWindowTitle(tr("Send in clear text?"));
    setText(tr("<b>%1 is reached over plain http.</b>").arg(host.toHtmlEscaped()));
    setInformativeText(
        tr("The assertion, and the access token that comes back, would cross the network unencrypted: anyone on the way "
           "can read them and use them until they expire. Salesforce only answers over https; plain http is for a test "
           "server you trust. Only this computer (localhost) is reached over http without asking.\n\n"
           "Allowing it lasts until jwtflow quits."));
    m_allow = addButton(tr("Send in clear text to %1").arg(host), QMessageBox::AcceptRole);
    QPushButton *cancel = addButton(QMessageBox::Cancel);
    setDefaultButton(cancel);
    setEscapeButton(cancel);
    connect(this, &QMessageBox::buttonClicked, this, [this](QAbstractButton *button) {
        if (button == m_allow)
            Q_EMIT allowed(m_host);
    });
}

} // namespace jwtflow
