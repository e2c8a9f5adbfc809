#include "KeyPicker.h"
#include "ErrorColor.h"
#include "ReadablePalette.h"

#include "crypto/CryptoProvider.h"
#include "crypto/KeyLoader.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

namespace jwtflow {

namespace {

KeyPicker::PassphraseProvider &passphraseProvider()
{
    static KeyPicker::PassphraseProvider provider = [](const QString &source) -> std::optional<QByteArray> {
        bool ok = false;
        const QString text = QInputDialog::getText(nullptr, QObject::tr("Passphrase"),
                                                   QObject::tr("%1 is encrypted. Passphrase:").arg(QFileInfo(source).fileName()),
                                                   QLineEdit::Password, QString(), &ok);
        if (!ok)
            return std::nullopt;
        return text.toUtf8();
    };
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
    const char *names[] = {"signingKey", "certificate", "verificationKey"};
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
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A SHA-256 fingerprint is one 95-character word: as the label's minimum it made the whole flow
    // page too wide to share the window with the trainer dock. The path row sets the width; a
    // fingerprint wider than the column is cut at the edge and stays whole in the tooltip and
    // when selected and copied.
    m_facts->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pathEdit, 0, 0);
    layout->addWidget(m_browse, 0, 1);
    layout->addWidget(m_facts, 1, 0, 1, 2);

    connect(m_browse, &QPushButton::clicked, this, &KeyPicker::browse);
    connect(m_pathEdit, &QLineEdit::returnPressed, this, [this] { loadFile(m_pathEdit->text().trimmed()); });
    connect(m_pathEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty() && (m_material || !m_error.isEmpty()))
            clear();
    });
    showFacts();
}

void KeyPicker::browse()
{
    const QString filter = m_role == Role::Certificate ? tr("Certificates (*.crt *.cer *.pem *.der);;All files (*)")
                                                       : tr("Keys and certificates (*.pem *.key *.crt *.cer *.der *.p12 *.pfx *.json *.jwk);;All files (*)");
    const QString path = fileChooser()(this, m_role == Role::SigningKey ? tr("Choose the private key") : tr("Choose a key or certificate"), filter);
    if (!path.isEmpty())
        loadFile(path);
}

void KeyPicker::loadFile(const QString &path, const QByteArray &knownPassphrase)
{
    if (path.isEmpty()) {
        clear();
        return;
    }
    forgetPassphrase();
    m_path = path;
    m_pathEdit->setText(path);
    m_pathEdit->setToolTip(path); // a narrow column shows only part of a long path
    m_loading = true;
    m_error.clear();
    m_facts->setText(tr("Loading %1…").arg(QFileInfo(path).fileName()));
    const int generation = ++m_generation;

    // What the loader was given, kept so the user may later ask to remember it in the keychain.
    struct Asked {
        QByteArray passphrase;
        bool usedKnown = false;
    };
    auto asked = std::make_shared<Asked>();
    auto answerWith = [asked, knownPassphrase](const std::function<std::optional<QByteArray>()> &ask) -> std::optional<QByteArray> {
        std::optional<QByteArray> answer;
        if (!knownPassphrase.isEmpty() && !asked->usedKnown) {
            asked->usedKnown = true;
            answer = knownPassphrase;
        } else {
            answer = ask();
        }
        if (answer)
            asked->passphrase = *answer;
        return answer;
    };

    if (synchronousLoading()) {
        const auto result = KeyLoader::loadFile(path, [answerWith](const QString &source) {
            return answerWith([source] { return passphraseProvider()(source); });
        });
        finishLoad(path, result, asked->passphrase, asked->usedKnown);
        return;
    }
    // Key files are parsed off the GUI thread (a PKCS#12 with a strong KDF takes a while); a
    // passphrase request hops back to the GUI thread and waits for the answer there.
    QPointer<KeyPicker> self(this);
    auto ask = [self, answerWith](const QString &source) -> std::optional<QByteArray> {
        return answerWith([self, source] {
            std::optional<QByteArray> answer;
            if (self)
                QMetaObject::invokeMethod(self, [&answer, source] { answer = passphraseProvider()(source); }, Qt::BlockingQueuedConnection);
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
            finishLoad(path, watcher->result(), asked->passphrase, asked->usedKnown);
        asked->passphrase.fill('\0');
    });
    watcher->setFuture(QtConcurrent::run([path, ask] { return KeyLoader::loadFile(path, ask); }));
}

void KeyPicker::finishLoad(const QString &path, const Result<KeyMaterial> &result, const QByteArray &passphrase, bool usedKnownPassphrase)
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
    if (m_role == Role::SigningKey && material.privateKey.isNull()) {
        m_material.reset();
        m_error = tr("%1 holds no private key (it has %2). Choose the private key file that belongs to the uploaded certificate.")
                      .arg(QFileInfo(path).fileName(), material.format);
        showFacts();
        Q_EMIT loadFailed(m_error);
        Q_EMIT materialChanged();
        return;
    }
    if (m_role == Role::Certificate && material.certificate.isNull()) {
        m_material.reset();
        m_error = tr("%1 holds no certificate (it has %2). Choose the .crt or .cer file you uploaded.").arg(QFileInfo(path).fileName(), material.format);
        showFacts();
        Q_EMIT loadFailed(m_error);
        Q_EMIT materialChanged();
        return;
    }
    m_material = material;
    m_passphrase = passphrase;
    showFacts();
    Q_EMIT materialChanged();
}

void KeyPicker::forgetPassphrase()
{
    m_passphrase.fill('\0');
    m_passphrase.clear();
}

void KeyPicker::clear()
{
    ++m_generation;
    m_loading = false;
    forgetPassphrase();
    m_material.reset();
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
        lines << (m_role == Role::SigningKey        ? tr("No signing key: edits stay unsigned.")
                  : m_role == Role::Certificate     ? tr("No certificate: the key cannot be checked against what the connected app holds.")
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
            lines << tr("JWKS with %n key(s): kid %1", nullptr, static_cast<int>(m.jwks.size())).arg(m.jwks.kids().join(QStringLiteral(", ")));
        } else if (!m.publicKey.isNull()) {
            lines << m.publicKey.description();
        }
        lines << m.notes;
        const QString warnings = joinWarnings(m.warnings(m_clock));
        if (!warnings.isEmpty()) {
            lines << warnings;
            colour = QStringLiteral("#8a6d00");
        }
    }
    m_facts->setText(lines.join(QLatin1Char('\n')));
    m_facts->setToolTip(m_material ? m_facts->text() : QString());
    m_facts->setStyleSheet(QStringLiteral("color: %1;").arg(colour));
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
