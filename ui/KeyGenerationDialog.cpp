#include "KeyGenerationDialog.h"
#include "ErrorColor.h"

#include "crypto/CryptoProvider.h"
#include "crypto/KeyGenerator.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

namespace jwtflow {

namespace {
const int kBitsRole = Qt::UserRole + 1;
} // namespace

KeyGenerationDialog::KeyGenerationDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("keyGenerationDialog"));
    setWindowTitle(tr("Generate a key and certificate"));
    m_bits = new QComboBox(this);
    m_bits->setObjectName(QStringLiteral("keyBits"));
    // The item's data is the KeyGenerator type; RSA items also carry their size.
    for (int bits : KeyGenerator::allowedBits()) {
        m_bits->addItem(tr("RSA %1 bits").arg(bits), QStringLiteral("rsa"));
        m_bits->setItemData(m_bits->count() - 1, bits, kBitsRole);
    }
    m_bits->addItem(tr("EC P-256 (ES256; Salesforce takes RSA only)"), QStringLiteral("ec-p256"));
    m_bits->addItem(tr("Ed25519 (EdDSA; Salesforce takes RSA only)"), QStringLiteral("ed25519"));
    m_commonName = new QLineEdit(QStringLiteral("jwtflow connected app"), this);
    m_commonName->setObjectName(QStringLiteral("keyCommonName"));
    m_days = new QSpinBox(this);
    m_days->setObjectName(QStringLiteral("keyValidityDays"));
    m_days->setRange(1, 3650);
    m_days->setValue(365);
    m_days->setSuffix(tr(" days"));
    m_folder = new QLineEdit(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation), this);
    m_folder->setObjectName(QStringLiteral("keyFolder"));
    auto *browse = new QPushButton(tr("Choose…"), this);
    browse->setObjectName(QStringLiteral("keyFolderBrowse"));
    m_name = new QLineEdit(QStringLiteral("jwtflow"), this);
    m_name->setObjectName(QStringLiteral("keyBaseName"));
    m_overwrite = new QCheckBox(tr("Replace existing files with these names"), this);
    m_overwrite->setObjectName(QStringLiteral("keyOverwrite"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("keyGenerationMessage"));
    m_message->setTextFormat(Qt::PlainText); // holds file paths
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    auto *form = new QFormLayout;
    form->addRow(tr("&Key:"), m_bits);
    form->addRow(tr("Certificate &CN:"), m_commonName);
    form->addRow(tr("&Validity:"), m_days);
    auto *folderLabel = new QLabel(tr("&Folder:"), this);
    folderLabel->setBuddy(m_folder);
    form->addRow(folderLabel, folderRow);
    form->addRow(tr("File &names:"), m_name);
    form->addRow(QString(), m_overwrite);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_generate = buttons->addButton(tr("&Generate"), QDialogButtonBox::ActionRole);
    m_generate->setObjectName(QStringLiteral("keyGenerate"));
    m_generate->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message, 1);
    layout->addWidget(buttons);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder
            = QFileDialog::getExistingDirectory(this, tr("Folder for the key and certificate"), m_folder->text());
        if (!folder.isEmpty())
            m_folder->setText(folder);
    });
    connect(m_generate, &QPushButton::clicked, this, &KeyGenerationDialog::generate);
    // Room for a long folder path at first, but no fixed minimum: the layout's own minimum keeps
    // the dialog usable on a 1024 px projector in presentation mode.
    resize(std::max(680, sizeHint().width()), sizeHint().height());
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void KeyGenerationDialog::setFolder(const QString &folder)
{
    m_folder->setText(folder);
}

QString KeyGenerationDialog::message() const
{
    return m_message->text();
}

void KeyGenerationDialog::generate()
{
    if (m_busy)
        return;
    m_busy = true;
    m_generate->setEnabled(false);
    const QString type = m_bits->currentData().toString();
    const int bits = m_bits->currentData(kBitsRole).toInt();
    m_message->setText(type == QLatin1String("rsa")
            ? tr("Generating an RSA %1-bit key… (4096 bits can take several seconds)").arg(bits)
            : tr("Generating an %1 key…").arg(m_bits->currentText()));
    const QString cn = m_commonName->text().trimmed();
    const int days = m_days->value();
    const QString folder = m_folder->text().trimmed();
    const QString name = m_name->text().trimmed();
    const bool overwrite = m_overwrite->isChecked();
    // Key generation is CPU-bound and may take seconds: never on the GUI thread. The crypto backend
    // starts on this thread first, so its shutdown waits for the worker (CryptoProvider).
    (void)CryptoProvider::ensureReady();
    auto *watcher = new QFutureWatcher<Result<CredentialWriter::Files>>(this);
    connect(watcher, &QFutureWatcher<Result<CredentialWriter::Files>>::finished, this, [this, watcher] {
        watcher->deleteLater();
        finished(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([type, bits, cn, days, folder, name, overwrite]() -> Result<CredentialWriter::Files> {
        auto key = KeyGenerator::generate(type, bits);
        if (!key)
            return key.error();
        auto certificate = KeyGenerator::selfSignedCertificate(key.value(), cn.isEmpty() ? name : cn, days);
        if (!certificate)
            return certificate.error();
        return CredentialWriter::write(key.value(), certificate.value(), folder, name, overwrite);
    }));
}

void KeyGenerationDialog::finished(const Result<CredentialWriter::Files> &result)
{
    m_busy = false;
    m_generate->setEnabled(true);
    if (!result) {
        m_message->setText(result.error().text());
        m_message->setStyleSheet(ErrorColor::styleSheet(m_message));
        return;
    }
    const CredentialWriter::Files &files = result.value();
    m_message->setStyleSheet(QString());
    m_message->setText(tr(
        "Written:\n  %1 (private key, readable only by you — never upload or share it)\n  %2 (certificate, PEM)\n  %3 "
        "(certificate, DER)\n\n"
        "Upload %2 to the app: an External Client App under Setup ▸ External Client Apps Manager ▸ your app ▸ Edit Settings ▸ "
        "OAuth Settings ▸ Enable JWT Bearer Flow ▸ Upload Files; a connected app under Setup ▸ App Manager ▸ your app ▸ Edit ▸ "
        "API (Enable OAuth Settings) ▸ Use digital signatures ▸ Choose File. For Microsoft Entra: App registrations ▸ your app ▸ "
        "Certificates & secrets ▸ "
        "Upload certificate (%3 or %2).\n\njwtflow now signs with %1.")
            .arg(QDir::toNativeSeparators(files.privateKey), QDir::toNativeSeparators(files.certificatePem),
                QDir::toNativeSeparators(files.certificateDer)));
    adjustSize();
    Q_EMIT generated(files);
}

} // namespace jwtflow
