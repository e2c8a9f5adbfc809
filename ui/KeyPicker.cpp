#include "KeyPicker.h"
#include "ErrorColor.h"
#include "KeyPasteDialog.h"
#include "PassphraseDialog.h"
#include "ReadablePalette.h"
#include "SelectableOnHover.h"

#include "crypto/CryptoProvider.h"
#include "crypto/KeyLoader.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QToolButton>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

namespace jwtflow {

namespace {

KeyPicker::PassphraseProvider &passphraseProvider()
{
    static KeyPicker::PassphraseProvider provider = [](const QString &source) { return KeyPicker::askPassphrase(source); };
    return provider;
}

KeyPicker::FileChooser &fileChooser()
{
    static KeyPicker::FileChooser chooser = [](QWidget *parent, const QString &title, const QString &filter) {
        return QFileDialog::getOpenFileName(parent, title, QString(), filter);
    };
    return chooser;
}

bool &synchronousLoading()
{
    static bool synchronous = false;
    return synchronous;
}

QString joinWarnings(const KeyWarnings &warnings)
{
    QStringList lines;
    for (const KeyWarning &w : warnings)
        lines << QStringLiteral("⚠ %1 %2").arg(w.message, w.hint);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

std::optional<QByteArray> KeyPicker::askPassphrase(const QString &source)
{
    // The answer is a copy for the loader, which wipes it; the dialog wipes its own.
    const auto answer = PassphraseDialog::ask(QFileInfo(source).fileName());
    if (!answer)
        return std::nullopt;
    return answer->detachedCopy();
}

void KeyPicker::setPassphraseProvider(PassphraseProvider provider)
{
    passphraseProvider() = std::move(provider);
}

void KeyPicker::setFileChooser(FileChooser chooser)
{
    fileChooser() = std::move(chooser);
}

void KeyPicker::setSynchronousLoading(bool synchronous)
{
    synchronousLoading() = synchronous;
}

KeyPicker::KeyPicker(Role role, const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_role(role)
    , m_clock(clock)
{
    const char *names[] = { "signingKey", "certificate", "verificationKey" };
    const QString name = QString::fromLatin1(names[static_cast<int>(role)]);
    setObjectName(name + QStringLiteral("Picker"));
    setAcceptDrops(true);

    m_pathEdit = new QLineEdit(this);
    m_pathEdit->setObjectName(name + QStringLiteral("Path"));
    // The clear button shows only over a path. Making it looks its icon up in the icon theme,
    // measured at milliseconds per field at start-up, so it is made when the first path arrives.
    connect(m_pathEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (!text.isEmpty())
            m_pathEdit->setClearButtonEnabled(true);
    });
    switch (role) {
    case Role::SigningKey:
        m_pathEdit->setPlaceholderText(tr("Private key that signs (PEM, DER, PKCS#12, JWK) — drop a file here"));
        m_pathEdit->setAccessibleName(tr("Signing private key file"));
        break;
    case Role::Certificate:
        m_pathEdit->setPlaceholderText(tr("Certificate uploaded to the connected app (.crt, .cer, .pem)"));
        m_pathEdit->setAccessibleName(tr("Uploaded certificate file"));
        break;
    case Role::VerificationKey:
        m_pathEdit->setPlaceholderText(tr("Certificate, public key, JWK or JWKS that verifies a pasted token"));
        m_pathEdit->setAccessibleName(tr("Verification key file"));
        break;
    }
    m_browse = new QPushButton(tr("Choose…"), this);
    m_browse->setObjectName(name + QStringLiteral("Browse"));
    m_browse->setAccessibleName(tr("Choose %1").arg(m_pathEdit->accessibleName().toLower()));
    m_browse->setToolTip(tr("Choose the file in a dialog — or drop it here, or type its path and press Enter"));
    m_facts = new QLabel(this);
    m_facts->setObjectName(name + QStringLiteral("Facts"));
    m_facts->setTextFormat(Qt::PlainText); // subjects and file names are untrusted text
    m_facts->setWordWrap(true);
    SelectableOnHover::install(m_facts);
    // A SHA-256 fingerprint is one 95-character word: as the label's minimum it made the whole flow
    // page too wide to share the window with the trainer dock. The path row sets the width; a
    // fingerprint wider than the column is cut at the edge and stays whole in the tooltip and
    // when selected and copied.
    m_facts->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_facts->hide();
    // One line of facts; the rest on demand. Beside the trainer dock the column is narrow, and a
    // dozen lines of fingerprints pushed the signature state out of view.
    m_summary = new QLabel(this);
    m_summary->setObjectName(name + QStringLiteral("Summary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_details = new QToolButton(this);
    m_details->setObjectName(name + QStringLiteral("Details"));
    m_details->setText(tr("Details"));
    m_details->setCheckable(true);
    m_details->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_details->setToolTip(tr("Show every fact: subject, issuer, validity, fingerprints, x5t, warnings"));
    m_paste = new QPushButton(tr("Paste…"), this);
    m_paste->setObjectName(name + QStringLiteral("Paste"));
    m_paste->setAccessibleName(tr("Paste %1 as text").arg(m_pathEdit->accessibleName().toLower()));
    m_paste->setToolTip(tr("Paste the key as text (PEM, JWK or JWKS) instead of choosing a file; it is never saved"));
    // The path keeps room for a file name: never squeezed to three letters.
    m_pathEdit->setMinimumWidth(m_pathEdit->fontMetrics().averageCharWidth() * 10);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pathEdit, 0, 0);
    layout->addWidget(m_browse, 0, 1);
    layout->addWidget(m_paste, 0, 2);
    layout->addWidget(m_summary, 1, 0, 1, 2);
    layout->addWidget(m_details, 1, 2);
    layout->addWidget(m_facts, 2, 0, 1, 3);
    layout->setColumnStretch(0, 1);

    connect(m_browse, &QPushButton::clicked, this, &KeyPicker::browse);
    connect(m_paste, &QPushButton::clicked, this, &KeyPicker::pasteKey);
    connect(m_details, &QToolButton::toggled, this, [this] { showFacts(); });
    connect(m_pathEdit, &QLineEdit::returnPressed, this, [this] {
        if (!m_pasted) // the field shows "(pasted key)", which is no path
            loadFile(m_pathEdit->text().trimmed());
    });
    connect(m_pathEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty() && (m_material || !m_error.isEmpty()))
            clear();
    });
    showFacts();
}

void KeyPicker::browse()
{
    const QString filter = m_role == Role::Certificate
        ? tr("Certificates (*.crt *.cer *.pem *.der);;All files (*)")
        : tr("Keys and certificates (*.pem *.key *.crt *.cer *.der *.p12 *.pfx *.json *.jwk);;All files (*)");
    const QString path = fileChooser()(
        this, m_role == Role::SigningKey ? tr("Choose the private key") : tr("Choose a key or certificate"), filter);
    if (!path.isEmpty())
        loadFile(path);
}

void KeyPicker::loadFile(const QString &path, const SecretBytes &knownPassphrase)
{
    if (path.isEmpty()) {
        clear();
        return;
    }
    forgetPassphrase();
    m_pasted = false;
    m_pathEdit->setReadOnly(false);
    m_path = path;
    m_pathEdit->setText(path);
    m_pathEdit->setToolTip(path); // a narrow column shows only part of a long path
    m_loading = true;
    m_error.clear();
    m_facts->setText(tr("Loading %1…").arg(QFileInfo(path).fileName()));
    m_facts->show();
    m_summary->hide();
    m_details->hide();
    const int generation = ++m_generation;

    // What the loader was given, kept so the user may later ask to remember it in the keychain.
    // Both copies are SecretBytes: wiped when the load is over, whichever way it ends.
    struct Asked {
        SecretBytes known;
        SecretBytes passphrase;
        bool usedKnown = false;
    };
    auto asked = std::make_shared<Asked>();
    asked->known = knownPassphrase;
    // Each answer goes to the loader as a QByteArray of its own, which the loader wipes (KeyLoader).
    auto answerWith = [asked](const std::function<std::optional<QByteArray>()> &ask) -> std::optional<QByteArray> {
        std::optional<QByteArray> answer;
        if (!asked->known.isEmpty() && !asked->usedKnown) {
            asked->usedKnown = true;
            answer = asked->known.detachedCopy();
            asked->known.wipe();
        } else {
            answer = ask();
        }
        if (answer)
            asked->passphrase = SecretBytes(*answer);
        return answer;
    };

    if (synchronousLoading()) {
        const auto result = KeyLoader::loadFile(
            path, [answerWith](const QString &source) { return answerWith([source] { return passphraseProvider()(source); }); });
        finishLoad(path, result, std::move(asked->passphrase), asked->usedKnown);
        return;
    }
    // Key files are parsed off the GUI thread (a PKCS#12 with a strong KDF takes a while); a
    // passphrase request hops back to the GUI thread and waits for the answer there.
    QPointer<KeyPicker> self(this);
    auto ask = [self, answerWith](const QString &source) -> std::optional<QByteArray> {
        return answerWith([self, source] {
            std::optional<QByteArray> answer;
            if (self)
                QMetaObject::invokeMethod(
                    self, [&answer, source] { answer = passphraseProvider()(source); }, Qt::BlockingQueuedConnection);
            return answer;
        });
    };
    // The crypto backend starts here, on the GUI thread, not in the worker: then its shutdown is
    // always ordered after the wait for workers (CryptoProvider), even when the window closes at once.
    (void)CryptoProvider::ensureReady();
    auto *watcher = new QFutureWatcher<Result<KeyMaterial>>(this);
    connect(watcher, &QFutureWatcher<Result<KeyMaterial>>::finished, this, [this, watcher, path, generation, asked] {
        watcher->deleteLater();
        if (generation == m_generation)
            finishLoad(path, watcher->result(), std::move(asked->passphrase), asked->usedKnown);
        asked->passphrase.wipe();
        asked->known.wipe();
    });
    watcher->setFuture(QtConcurrent::run([path, ask] { return KeyLoader::loadFile(path, ask); }));
}

void KeyPicker::finishLoad(
    const QString &path, const Result<KeyMaterial> &result, SecretBytes &&passphrase, bool usedKnownPassphrase)
{
    m_loading = false;
    if (!result && usedKnownPassphrase && result.error().code == QStringLiteral("key.wrong-passphrase")) {
        // The remembered passphrase no longer opens the file (it was re-exported): ask the user.
        loadFile(path);
        return;
    }
    if (!result) {
        // Keep the path the user chose on screen, so they can fix it; drop the old key.
        m_material.reset();
        m_error = result.error().text();
        showFacts();
        Q_EMIT loadFailed(m_error);
        Q_EMIT materialChanged();
        return;
    }
    const KeyMaterial &material = result.value();
    if (const auto fits = fitsRole(material, QFileInfo(path).fileName()); !fits) {
        m_material.reset();
        m_error = fits.error().message;
        showFacts();
        Q_EMIT loadFailed(m_error);
        Q_EMIT materialChanged();
        return;
    }
    m_material = material;
    m_passphrase = std::move(passphrase);
    showFacts();
    Q_EMIT materialChanged();
}

Result<void> KeyPicker::fitsRole(const KeyMaterial &material, const QString &name) const
{
    if (m_role == Role::SigningKey && material.privateKey.isNull())
        return makeError(QStringLiteral("key.no-private-key"),
            tr("%1 holds no private key (it has %2). Choose the private key file that belongs to the uploaded certificate.")
                .arg(name, material.format));
    if (m_role == Role::Certificate && material.certificate.isNull())
        return makeError(QStringLiteral("key.no-certificate"),
            tr("%1 holds no certificate (it has %2). Choose the .crt or .cer file you uploaded.").arg(name, material.format));
    return {};
}

Result<void> KeyPicker::setPastedMaterial(const KeyMaterial &material)
{
    if (auto fits = fitsRole(material, tr("The pasted text")); !fits)
        return fits;
    ++m_generation; // a file still loading does not replace it
    m_loading = false;
    forgetPassphrase();
    m_pasted = true;
    m_path.clear(); // no path: profiles and recent files never see a pasted key
    m_error.clear();
    m_material = material;
    m_pathEdit->setText(tr("(pasted key)"));
    m_pathEdit->setToolTip(tr("A key pasted as text: kept in memory only, never saved. Clear the field to drop it."));
    m_pathEdit->setReadOnly(true);
    m_pathEdit->setClearButtonEnabled(true);
    showFacts();
    Q_EMIT materialChanged();
    return {};
}

void KeyPicker::pasteKey()
{
    const QString title = m_role == Role::SigningKey ? tr("Paste the private key that signs")
        : m_role == Role::Certificate                ? tr("Paste the uploaded certificate")
                                                     : tr("Paste the key that verifies");
    const QString placeholder = m_role == Role::SigningKey
        ? tr("-----BEGIN PRIVATE KEY-----\n…\n-----END PRIVATE KEY-----\n\nor a private JWK: {\"kty\":\"RSA\", … \"d\": …}")
        : tr("-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----\n\nor a public key, a JWK or a JWKS");
    KeyPasteDialog dialog(title, placeholder, [this](const KeyMaterial &material) { return setPastedMaterial(material); }, this);
    dialog.exec();
}

void KeyPicker::forgetPassphrase()
{
    m_passphrase.wipe();
}

void KeyPicker::clear()
{
    ++m_generation;
    m_loading = false;
    forgetPassphrase();
    m_material.reset(); // a pasted key goes with it: its only copy was in the loaded key
    m_pasted = false;
    m_pathEdit->setReadOnly(false);
    m_path.clear();
    m_error.clear();
    m_pathEdit->clear();
    showFacts();
    Q_EMIT materialChanged();
}

QString KeyPicker::factsText() const
{
    return m_facts->text();
}

void KeyPicker::showFacts()
{
    QString colour = QStringLiteral("palette(text)");
    QStringList lines;
    if (!m_error.isEmpty()) {
        lines << m_error;
        colour = ErrorColor::name(this);
    } else if (!m_material) {
        lines << (m_role == Role::SigningKey ? tr("No signing key: edits stay unsigned.")
                : m_role == Role::Certificate
                ? tr("No certificate: the key cannot be checked against what the connected app holds.")
                : tr("No verification key: pasted tokens are not checked."));
        colour = ReadablePalette::hintColour(this);
    } else {
        const KeyMaterial &m = *m_material;
        lines << tr("%1 · %2").arg(QFileInfo(m.source).fileName(), m.format);
        if (!m.privateKey.isNull() && m_role == Role::SigningKey)
            lines << m.privateKey.description();
        if (!m.certificate.isNull()) {
            const Certificate &c = m.certificate;
            lines << tr("Subject %1 · issuer %2 · serial %3").arg(c.subject(), c.issuer(), c.serialNumber());
            lines << tr("Valid %1 → %2 (UTC)").arg(c.notBefore().toString(Qt::ISODate), c.notAfter().toString(Qt::ISODate));
            lines << tr("SHA-1 %1").arg(c.sha1Fingerprint());
            lines << tr("SHA-256 %1").arg(c.sha256Fingerprint());
            lines << tr("x5t %1 · x5t#S256 %2").arg(c.x5t(), c.x5tS256());
        } else if (!m.jwks.isEmpty()) {
            lines << tr("JWKS with %n key(s): kid %1", nullptr, static_cast<int>(m.jwks.size()))
                         .arg(m.jwks.kids().join(QStringLiteral(", ")));
        } else if (!m.publicKey.isNull()) {
            lines << m.publicKey.description();
        }
        lines << m.notes;
        const QString warnings = joinWarnings(m.warnings(m_clock));
        if (!warnings.isEmpty()) {
            lines << warnings;
            colour = ReadablePalette::toneName(ReadablePalette::Tone::Warning, this);
        }
    }
    m_facts->setText(lines.join(QLatin1Char('\n')));
    m_facts->setToolTip(m_material ? m_facts->text() : QString());
    const QString sheet = QStringLiteral("color: %1;").arg(colour);
    m_facts->setStyleSheet(sheet);
    // An error or a missing key is said in full; a loaded key is one line, details on demand.
    const bool folded = m_material && m_error.isEmpty();
    QString summary;
    if (folded) {
        const KeyMaterial &m = *m_material;
        QString kind = !m.privateKey.isNull() ? m.privateKey.kindText()
            : !m.certificate.isNull()         ? m.certificate.commonName()
            : !m.publicKey.isNull()           ? m.publicKey.kindText()
                                              : m.format;
        summary = tr("%1 · %2").arg(m_pasted ? tr("pasted") : QFileInfo(m.source).fileName(), kind);
        const int warnings = static_cast<int>(m.warnings(m_clock).size());
        if (warnings > 0)
            summary = tr("⚠ %1 · %n warning(s)", nullptr, warnings).arg(summary);
    }
    m_summary->setText(summary);
    m_summary->setToolTip(folded ? m_facts->text() : QString());
    m_summary->setStyleSheet(sheet);
    m_summary->setVisible(folded);
    m_details->setVisible(folded);
    m_facts->setVisible(!folded || m_details->isChecked());
}

QString KeyPicker::summaryText() const
{
    return m_summary->text();
}

void KeyPicker::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().constFirst().isLocalFile())
        event->acceptProposedAction();
}

void KeyPicker::dropEvent(QDropEvent *event)
{
    loadFile(event->mimeData()->urls().constFirst().toLocalFile());
    event->acceptProposedAction();
}

} // namespace jwtflow
