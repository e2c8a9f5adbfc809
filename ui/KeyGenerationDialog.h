#pragma once

#include "crypto/CredentialWriter.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace jwtflow {

// Generates an RSA key and a self-signed certificate and writes the set a connected app needs
// (NAME.key 0600, NAME.crt, NAME.cer), off the GUI thread; ends by saying what to upload where.
class KeyGenerationDialog : public QDialog {
    Q_OBJECT

public:
    explicit KeyGenerationDialog(QWidget *parent = nullptr);

    void setFolder(const QString &folder);
    // Starts generation as if Generate was clicked; the result arrives through generated()/failed.
    void generate();
    bool isBusy() const { return m_busy; }
    QString message() const;

Q_SIGNALS:
    void generated(const jwtflow::CredentialWriter::Files &files);

private:
    void finished(const Result<CredentialWriter::Files> &result);

    QComboBox *m_bits = nullptr;
    QLineEdit *m_commonName = nullptr;
    QSpinBox *m_days = nullptr;
    QLineEdit *m_folder = nullptr;
    QLineEdit *m_name = nullptr;
    QCheckBox *m_overwrite = nullptr;
    QPushButton *m_generate = nullptr;
    QLabel *m_message = nullptr;
    bool m_busy = false;
};

} // namespace jwtflow
