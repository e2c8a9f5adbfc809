#include "IdTokenInspector.h"

#include "ErrorColor.h"
#include "Icons.h"
#include "crypto/KeyLoader.h"
#include "flow/SystemProxyFactory.h"
#include "inspect/InspectionVerdict.h"
#include "token/TimeClaim.h"

#include <QClipboard>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace jwtflow {

namespace {

QLabel *plainLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText); // token, claim and server texts are untrusted
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLineEdit *lineEdit(const QString &objectName, const QString &placeholder, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    return edit;
}

QString fetchedText(const KeyDiscovery::IssuerKeys &keys, const Clock &clock)
{
    const qint64 age = clock.nowSecs() - keys.fetchedAt.toSecsSinceEpoch();
    return QObject::tr("Keys of %1: %2 (kids %3) from %4, fetched %5 (%6).")
        .arg(keys.issuer)
        .arg(keys.jwks.size())
        .arg(keys.jwks.kids().join(QStringLiteral(", ")), keys.jwksUri.toString(),
            keys.fetchedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")),
            age < 5 ? QObject::tr("just now") : QObject::tr("%1 ago").arg(TimeClaim::durationText(age)));
}

} // namespace

void IdTokenInspector::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange && m_kind && m_mapping)
        sizeFonts();
}

void IdTokenInspector::sizeFonts()
{
    // Sized from the inspector's own font, never from a copy taken once: a copy taken in
    // presentation mode would keep its large size after it.
    const auto scaled = [](QFont font, qreal factor) {
        if (font.pointSizeF() > 0)
            font.setPointSizeF(font.pointSizeF() * factor);
        else if (font.pixelSize() > 0)
            font.setPixelSize(qRound(font.pixelSize() * factor));
        return font;
    };
    QFont bold = scaled(font(), 1.2);
    bold.setBold(true);
    m_kind->setFont(bold);
    m_mapping->setFont(scaled(font(), 0.9));
}

IdTokenInspector::IdTokenInspector(const Clock &clock, QNetworkAccessManager *manager, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock)
    , m_manager(manager)
{
    setObjectName(QStringLiteral("idTokenInspector"));
    if (!m_manager) {
        m_manager = new QNetworkAccessManager(this);
        SystemProxyFactory::installIfUnset(m_manager);
    }
    m_discovery = new KeyDiscovery(m_manager, this);
    m_discovery->setClock(&m_clock);
    connect(m_discovery, &KeyDiscovery::keysReady, this, &IdTokenInspector::onKeysReady);
    connect(m_discovery, &KeyDiscovery::failed, this, &IdTokenInspector::onKeysFailed);

    auto *right = new QSplitter(Qt::Vertical, this);
    right->setObjectName(QStringLiteral("inspectorRightSplitter"));
    right->setChildrenCollapsible(false);
    right->addWidget(createDetailsPane());
    right->addWidget(createVerifyPane());
    right->setStretchFactor(0, 1);
    right->setStretchFactor(1, 1);
    right->setSizes({ 460, 400 });

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("inspectorSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(createInputPane());
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({ 340, 940 });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(createVerdictBar());
    layout->addWidget(splitter, 1);

    showSelected();
}

QWidget *IdTokenInspector::createVerdictBar()
{
    auto *bar = new QFrame(this);
    bar->setObjectName(QStringLiteral("verdictBar"));
    bar->setFrameShape(QFrame::StyledPanel);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(8, 4, 4, 4);
    m_verdict = plainLabel(QStringLiteral("verdictLine"), bar);
    m_verdict->setAccessibleName(tr("Verdict"));
    m_copyVerdict = new QPushButton(tr("Copy verdict"), bar);
    m_copyVerdict->setObjectName(QStringLiteral("copyVerdictButton"));
    m_copyVerdict->setToolTip(tr("Copy this line, to paste into a ticket"));
    // Not a secret: kind, times, the key's name and the audience, never the token itself.
    connect(m_copyVerdict, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_verdict->text()); });
    row->addWidget(m_verdict, 1);
    row->addWidget(m_copyVerdict, 0, Qt::AlignVCenter);
    return bar;
}

QString IdTokenInspector::verdictLine() const
{
    return m_verdict->text();
}

void IdTokenInspector::showVerdict()
{
    const TokenInspection::Item *item = selectedItem();
    if (!item) {
        m_verdict->setText(tr("Nothing to inspect yet: paste a token on the left."));
        m_verdict->setStyleSheet(QString());
        m_copyVerdict->setEnabled(false);
        return;
    }
    const InspectionVerdict verdict = InspectionVerdict::of(*item, m_report, m_clock);
    m_verdict->setText(verdict.line());
    QFont bold = font();
    bold.setBold(true);
    m_verdict->setFont(bold);
    m_verdict->setStyleSheet(verdict.problem ? ErrorColor::styleSheet(this) : QString());
    m_verdict->setProperty("problem", verdict.problem);
    m_copyVerdict->setEnabled(true);
}

QWidget *IdTokenInspector::createInputPane()
{
    auto *pane = new QWidget(this);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *inputLabel = new QLabel(tr("&Paste a token, a token response (JSON), an Authorization header or a URL:"), pane);
    inputLabel->setWordWrap(true);
    m_input = new QPlainTextEdit(pane);
    m_input->setObjectName(QStringLiteral("inspectorInput"));
    m_input->setPlaceholderText(tr("eyJhbGciOi…  or  {\"access_token\": …, \"id_token\": …}  or  Authorization: Bearer …  or  "
                                   "https://app/callback#id_token=…"));
    m_input->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_input->setWordWrapMode(QTextOption::WrapAnywhere);
    m_input->setAccessibleName(tr("Input to inspect"));
    inputLabel->setBuddy(m_input);
    connect(m_input, &QPlainTextEdit::textChanged, this, &IdTokenInspector::reinspect);

    auto *foundLabel = new QLabel(tr("&Found:"), pane);
    m_found = new QListWidget(pane);
    m_found->setObjectName(QStringLiteral("foundTokens"));
    m_found->setAccessibleName(tr("Tokens found in the input"));
    m_found->setWordWrap(true);
    foundLabel->setBuddy(m_found);
    connect(m_found, &QListWidget::currentRowChanged, this, [this](int row) {
        m_selected = row;
        showSelected();
    });

    layout->addWidget(inputLabel);
    layout->addWidget(m_input, 3);
    layout->addWidget(foundLabel);
    layout->addWidget(m_found, 2);
    return pane;
}

QWidget *IdTokenInspector::createDetailsPane()
{
    auto *pane = new QWidget(this);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);

    m_kind = plainLabel(QStringLiteral("tokenKind"), pane);
    m_explanation = plainLabel(QStringLiteral("tokenExplanation"), pane);

    // What the token is for, in words, and the way over to the bearer flow.
    m_plainPanel = new QFrame(pane);
    m_plainPanel->setObjectName(QStringLiteral("plainLanguagePanel"));
    m_plainPanel->setFrameShape(QFrame::StyledPanel);
    m_plainPanel->setAutoFillBackground(true);
    QPalette palette = m_plainPanel->palette();
    palette.setColor(QPalette::Window, palette.color(QPalette::AlternateBase));
    m_plainPanel->setPalette(palette);
    auto *panelLayout = new QHBoxLayout(m_plainPanel);
    auto *panelText = new QVBoxLayout;
    m_plainText = plainLabel(QStringLiteral("plainLanguageText"), m_plainPanel);
    m_mapping = plainLabel(QStringLiteral("bearerFlowMapping"), m_plainPanel);
    sizeFonts();
    panelText->addWidget(m_plainText);
    panelText->addWidget(m_mapping);
    m_useButton = new QPushButton(tr("Use in the JWT &bearer flow"), m_plainPanel);
    m_useButton->setObjectName(QStringLiteral("useInBearerFlowButton"));
    m_useButton->setToolTip(tr("Open the bearer flow with iss and sub pre-filled from this token where they map"));
    connect(m_useButton, &QPushButton::clicked, this, [this] {
        const BearerFlowHint hint = bearerFlowHint();
        Q_EMIT useInMainTab(hint);
    });
    panelLayout->addLayout(panelText, 1);
    panelLayout->addWidget(m_useButton, 0, Qt::AlignTop);

    m_header = plainLabel(QStringLiteral("headerSummary"), pane);

    m_claims = new QTableWidget(0, 4, pane);
    m_claims->setObjectName(QStringLiteral("claimsTable"));
    m_claims->setAccessibleName(tr("Claims explained"));
    m_claims->setHorizontalHeaderLabels({ tr("Claim"), tr("Value"), tr("Meaning"), tr("Source") });
    m_claims->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_claims->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_claims->setWordWrap(true);
    m_claims->verticalHeader()->setVisible(false);
    m_claims->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_claims->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Interactive);
    m_claims->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_claims->horizontalHeader()->setSectionResizeMode(3, QHeaderView::ResizeToContents);
    m_claims->horizontalHeader()->resizeSection(1, 320);
    m_claims->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    layout->addWidget(m_kind);
    layout->addWidget(m_explanation);
    layout->addWidget(m_plainPanel);
    layout->addWidget(m_header);
    layout->addWidget(m_claims, 1);
    return pane;
}

QWidget *IdTokenInspector::createVerifyPane()
{
    auto *box = new QGroupBox(tr("Verify"), this);
    box->setObjectName(QStringLiteral("verifyGroup"));
    auto *layout = new QHBoxLayout(box);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    auto *fileRow = new QHBoxLayout;
    m_keyFile = lineEdit(QStringLiteral("keyFileEdit"), tr("certificate, public key, JWK or JWKS file"), box);
    m_keyFileButton = new QPushButton(tr("Choose…"), box);
    m_keyFileButton->setObjectName(QStringLiteral("keyFileButton"));
    fileRow->addWidget(m_keyFile, 1);
    fileRow->addWidget(m_keyFileButton);
    connect(m_keyFileButton, &QPushButton::clicked, this, &IdTokenInspector::chooseKeyFile);
    connect(m_keyFile, &QLineEdit::editingFinished, this, [this] {
        m_keySource = m_keyFile->text().trimmed().isEmpty() ? KeySource::None : KeySource::File;
        verify();
    });
    auto *fileLabel = new QLabel(tr("Key &file:"), box);
    fileLabel->setBuddy(m_keyFile);
    form->addRow(fileLabel, fileRow);

    m_keyPaste = new QPlainTextEdit(box);
    m_keyPaste->setObjectName(QStringLiteral("keyPasteEdit"));
    m_keyPaste->setPlaceholderText(tr("…or paste a certificate or public key (PEM), a JWK or a JWKS"));
    m_keyPaste->setAccessibleName(tr("Pasted key"));
    m_keyPaste->setFixedHeight(m_keyPaste->fontMetrics().lineSpacing() * 4 + 12);
    connect(m_keyPaste, &QPlainTextEdit::textChanged, this, [this] {
        m_keySource = m_keyPaste->toPlainText().trimmed().isEmpty() ? KeySource::None : KeySource::Pasted;
        verify();
    });
    form->addRow(tr("&Paste key:"), m_keyPaste);

    auto *fetchRow = new QHBoxLayout;
    m_fetchButton = new QPushButton(tr("Fetch &issuer keys"), box);
    m_fetchButton->setObjectName(QStringLiteral("fetchKeysButton"));
    m_fetchButton->setToolTip(tr("iss + /.well-known/openid-configuration → jwks_uri (https only, or this machine)"));
    m_refetchButton = new QPushButton(tr("&Refetch"), box);
    m_refetchButton->setObjectName(QStringLiteral("refetchKeysButton"));
    m_refetchButton->setToolTip(tr("Fetch the issuer's keys again, e.g. after a key rotation"));
    fetchRow->addWidget(m_fetchButton);
    fetchRow->addWidget(m_refetchButton);
    fetchRow->addStretch(1);
    connect(m_fetchButton, &QPushButton::clicked, this, [this] { fetchKeys(false); });
    connect(m_refetchButton, &QPushButton::clicked, this, [this] { fetchKeys(true); });
    // The status goes under the buttons in one box: a wrapped label alone in a form row gets
    // more height than it needs.
    m_keyStatus = plainLabel(QStringLiteral("keyStatusLabel"), box);
    m_keyStatus->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    auto *fetchBox = new QVBoxLayout;
    fetchBox->setSpacing(2);
    fetchBox->addLayout(fetchRow);
    fetchBox->addWidget(m_keyStatus);
    form->addRow(QString(), fetchBox);

    // aud names an ID token's client and an access token's API: one field, worded for both.
    m_clientId = lineEdit(QStringLiteral("clientIdEdit"), tr("ID token: your consumer key · access token: the API"), box);
    m_nonce = lineEdit(QStringLiteral("nonceEdit"), tr("the nonce your client sent"), box);
    m_accessToken
        = lineEdit(QStringLiteral("accessTokenEdit"), tr("for at_hash; default: the access_token found next to it"), box);
    m_skew = new QSpinBox(box);
    m_skew->setObjectName(QStringLiteral("skewSpin"));
    m_skew->setRange(0, 86400);
    m_skew->setValue(static_cast<int>(IdTokenVerifier::kDefaultSkewSecs));
    m_skew->setSuffix(tr(" s"));
    m_skew->setToolTip(tr("Allowed clock skew for exp, nbf and iat"));
    form->addRow(tr("Expected &audience:"), m_clientId);
    form->addRow(tr("&Nonce:"), m_nonce);
    form->addRow(tr("&Access token:"), m_accessToken);
    form->addRow(tr("Clock &skew:"), m_skew);
    for (QLineEdit *edit : { m_clientId, m_nonce, m_accessToken })
        connect(edit, &QLineEdit::textChanged, this, &IdTokenInspector::verify);
    connect(m_skew, &QSpinBox::valueChanged, this, &IdTokenInspector::verify);

    auto *results = new QVBoxLayout;
    m_summary = plainLabel(QStringLiteral("verificationSummary"), box);
    m_checks = new QListWidget(box);
    m_checks->setObjectName(QStringLiteral("checksList"));
    m_checks->setAccessibleName(tr("Verification checks"));
    m_checks->setWordWrap(true);
    m_checks->setTextElideMode(Qt::ElideNone);
    results->addWidget(m_summary);
    results->addWidget(m_checks, 1);

    // The form keeps its natural height (a wrapped status label would otherwise spread its rows).
    auto *formColumn = new QVBoxLayout;
    formColumn->addLayout(form);
    formColumn->addStretch(1);
    layout->addLayout(formColumn, 1);
    layout->addLayout(results, 1);
    return box;
}

void IdTokenInspector::setInput(const QString &text)
{
    m_input->setPlainText(text); // textChanged → reinspect()
}

QString IdTokenInspector::input() const
{
    return m_input->toPlainText();
}

void IdTokenInspector::selectToken(int index)
{
    m_found->setCurrentRow(index);
}

const TokenInspection::Item *IdTokenInspector::selectedItem() const
{
    return m_selected >= 0 && m_selected < m_items.size() ? &m_items[m_selected] : nullptr;
}

BearerFlowHint IdTokenInspector::bearerFlowHint() const
{
    const TokenInspection::Item *item = selectedItem();
    return item && item->isVerifiable() ? BearerFlowHint::fromToken(*item->jwt) : BearerFlowHint {};
}

void IdTokenInspector::reinspect()
{
    m_items = TokenInspection::inspect(m_input->toPlainText(), m_clock);
    const QSignalBlocker blocker(m_found);
    m_found->clear();
    for (const TokenInspection::Item &item : std::as_const(m_items)) {
        auto *entry = new QListWidgetItem(tr("%1 — %2").arg(item.found.label, item.classification.title), m_found);
        entry->setToolTip(tr("from the %1").arg(item.found.source));
        entry->setData(Qt::UserRole, item.kindName());
        if (!item.isToken())
            entry->setIcon(Icons::icon(Icons::Role::Warning));
    }
    // An ID token is what people come here for: select it first.
    m_selected = m_items.isEmpty() ? -1 : 0;
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        if (m_items[i].classification.kind == TokenClassifier::Kind::IdToken) {
            m_selected = static_cast<int>(i);
            break;
        }
    }
    m_found->setCurrentRow(m_selected);
    showSelected();
}

void IdTokenInspector::showSelected()
{
    const TokenInspection::Item *item = selectedItem();
    if (!item) {
        m_kind->setText(tr("Nothing to inspect yet"));
        m_explanation->setText(tr("Paste a token, a whole token response, an Authorization header or a callback URL on the left; "
                                  "everything recognisable in it is listed there."));
        m_plainPanel->setVisible(false);
        m_header->clear();
        m_claims->setRowCount(0);
        verify();
        return;
    }
    m_kind->setText(item->classification.title);
    QString explanation = item->classification.explanation;
    if (item->jwt && !item->jwt->notes().isEmpty())
        explanation += QLatin1Char('\n') + item->jwt->notes().join(QLatin1Char('\n'));
    m_explanation->setText(explanation);

    // The plain-language panel: what this token can and cannot do, and the way to what the user wants.
    QString plain = item->classification.canDo;
    const bool isIdToken = item->classification.kind == TokenClassifier::Kind::IdToken;
    if (isIdToken) {
        for (const TokenInspection::Item &other : std::as_const(m_items)) {
            if (other.found.label == QStringLiteral("access_token")) {
                plain += QLatin1Char(' ') + tr("This input has one: access_token, listed on the left.");
                break;
            }
        }
    }
    m_plainText->setText(plain);
    m_plainPanel->setVisible(!plain.isEmpty());
    const BearerFlowHint hint = bearerFlowHint();
    const bool mapsToFlow = (isIdToken || item->classification.kind == TokenClassifier::Kind::BearerAssertion) && !hint.isEmpty();
    m_useButton->setVisible(mapsToFlow);
    m_mapping->setVisible(mapsToFlow);
    m_mapping->setText(hint.notes.join(QLatin1Char(' ')));

    QStringList header;
    for (const ClaimDictionary::Explained &e : item->header)
        header << QStringLiteral("%1 %2").arg(e.name, e.value);
    m_header->setText(header.isEmpty() ? QString() : tr("Header: %1").arg(header.join(QStringLiteral(" · "))));
    m_header->setToolTip([&] {
        QStringList lines;
        for (const ClaimDictionary::Explained &e : item->header)
            lines << QStringLiteral("%1 — %2").arg(e.name, e.known ? e.meaning : tr("unknown header member"));
        return lines.join(QLatin1Char('\n'));
    }());
    showClaims(*item);
    updateKeyButtons();
    verify();
}

void IdTokenInspector::showClaims(const TokenInspection::Item &item)
{
    m_claims->setRowCount(0);
    m_claims->setRowCount(static_cast<int>(item.claims.size()));
    int row = 0;
    for (const ClaimDictionary::Explained &e : item.claims) {
        auto *name = new QTableWidgetItem(e.name);
        auto *value = new QTableWidgetItem(e.value);
        QString meaning = e.known ? QStringLiteral("%1: %2").arg(e.title, e.meaning)
                                  : tr("Unknown claim: not in jwtflow's dictionary; its meaning depends on the issuer.");
        for (const QString &note : e.notes)
            meaning += QLatin1Char('\n') + note;
        auto *meaningItem = new QTableWidgetItem(meaning);
        auto *source = new QTableWidgetItem(e.known ? e.source : tr("unknown"));
        if (!e.known) {
            for (QTableWidgetItem *cell : { name, meaningItem, source }) {
                QFont font = cell->font();
                font.setItalic(true);
                cell->setFont(font);
                cell->setForeground(palette().color(QPalette::PlaceholderText));
            }
        }
        name->setData(Qt::UserRole, e.known);
        value->setToolTip(e.value);
        m_claims->setItem(row, 0, name);
        m_claims->setItem(row, 1, value);
        m_claims->setItem(row, 2, meaningItem);
        m_claims->setItem(row, 3, source);
        ++row;
    }
}

std::optional<KeyMaterial> IdTokenInspector::currentKeys(QString *status, QString *expectedIssuer) const
{
    const TokenInspection::Item *item = selectedItem();
    const QString issuer = item ? item->issuer() : QString();
    const QString pasted = m_keyPaste->toPlainText().trimmed();
    const QString file = m_keyFile->text().trimmed();
    const std::optional<KeyDiscovery::IssuerKeys> fetched = issuer.isEmpty() ? std::nullopt : m_discovery->cached(issuer);

    QList<KeySource> order { m_keySource, KeySource::Pasted, KeySource::File, KeySource::Fetched };
    for (KeySource source : order) {
        switch (source) {
        case KeySource::Pasted:
            if (!pasted.isEmpty()) {
                auto material = KeyLoader::loadData(pasted.toUtf8(), tr("the pasted key"));
                if (!material) {
                    *status = tr("The pasted key cannot be read: %1").arg(material.error().text());
                    return std::nullopt;
                }
                *status = tr("Verifying with the pasted key (%1).").arg(material->format);
                return material.value();
            }
            break;
        case KeySource::File:
            if (!file.isEmpty()) {
                auto material = KeyLoader::loadFile(file);
                if (!material) {
                    *status = material.error().text();
                    return std::nullopt;
                }
                *status = tr("Verifying with %1 (%2).").arg(file, material->format);
                return material.value();
            }
            break;
        case KeySource::Fetched:
            if (fetched) {
                *status = fetchedText(*fetched, m_clock);
                *expectedIssuer = fetched->issuer;
                return fetched->material();
            }
            break;
        case KeySource::None:
            break;
        }
    }
    *status = tr("No key yet: choose a file, paste the issuer's keys, or fetch them from the issuer.");
    return std::nullopt;
}

void IdTokenInspector::verify()
{
    m_checks->clear();
    m_report.reset();
    const TokenInspection::Item *item = selectedItem();
    QString keyStatus;
    QString expectedIssuer;
    const std::optional<KeyMaterial> keys = currentKeys(&keyStatus, &expectedIssuer);
    if (m_fetchError && item && item->issuer() == m_fetchErrorIssuer && !keys)
        keyStatus = m_fetchError->text();
    m_keyStatus->setText(keyStatus);

    if (!item || !item->isVerifiable()) {
        m_summary->setText(item && item->jwt
                ? tr("Nothing to verify: the token is encrypted; only its recipient can read the claims.")
                : item ? tr("Nothing to verify: this is not a JWT.")
                       : QString());
        showVerdict();
        return;
    }

    IdTokenVerifier::Options options;
    options.keys = keys;
    options.expectedIssuer = expectedIssuer;
    if (!keys && m_fetchError && item->issuer() == m_fetchErrorIssuer)
        options.keysError = m_fetchError;
    options.clientId = m_clientId->text().trimmed();
    options.nonce = m_nonce->text().trimmed();
    options.accessToken = m_accessToken->text().trimmed();
    options.accessTokenOrigin = tr("the given access token");
    if (options.accessToken.isEmpty()) {
        const QString companion = TokenInspection::companionAccessToken(m_items);
        if (companion != item->found.token) {
            options.accessToken = companion;
            options.accessTokenOrigin = tr("the access_token found next to it");
        }
    }
    options.skewSecs = m_skew->value();
    options.profile = item->profile();
    m_report = IdTokenVerifier::verify(*item->jwt, options, m_clock);

    int failed = 0;
    int passed = 0;
    for (const TokenCheck &check : m_report->checks) {
        Icons::Role icon = Icons::Role::Information;
        if (check.status == TokenCheck::Status::Passed) {
            icon = Icons::Role::Ok;
            ++passed;
        } else if (check.status == TokenCheck::Status::Failed) {
            icon = Icons::Role::Error;
            ++failed;
        }
        auto *entry = new QListWidgetItem(Icons::icon(icon), QStringLiteral("%1 — %2").arg(check.name, check.message), m_checks);
        entry->setData(Qt::UserRole, check.name);
        entry->setData(Qt::UserRole + 1, TokenCheck::statusName(check.status));
        entry->setToolTip(TokenCheck::statusName(check.status));
    }
    const int skipped = static_cast<int>(m_report->checks.size()) - failed - passed;
    if (failed > 0)
        m_summary->setText((failed == 1 ? tr("1 check failed") : tr("%1 checks failed").arg(failed))
            + tr(", %1 passed, %2 skipped.").arg(passed).arg(skipped));
    else
        m_summary->setText(tr("No check failed: %1 passed, %2 skipped.").arg(passed).arg(skipped));
    showVerdict();
}

void IdTokenInspector::chooseKeyFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Key to verify with"), QString(),
        tr("Keys and certificates (*.pem *.crt *.cer *.der *.key *.pub *.json *.jwk *.jwks);;All files (*)"));
    if (path.isEmpty())
        return;
    m_keyFile->setText(path);
    m_keySource = KeySource::File;
    verify();
}

void IdTokenInspector::fetchKeys(bool refetch)
{
    const TokenInspection::Item *item = selectedItem();
    if (!item || item->issuer().isEmpty())
        return;
    const QString issuer = item->issuer();
    m_fetchError.reset();
    const auto started = refetch ? m_discovery->refetch(issuer) : m_discovery->fetch(issuer);
    if (!started) {
        m_fetchError = started.error();
        m_fetchErrorIssuer = issuer;
        verify();
        return;
    }
    m_keyStatus->setText(tr("Fetching the keys of %1 …").arg(issuer));
    updateKeyButtons();
}

void IdTokenInspector::onKeysReady(const KeyDiscovery::IssuerKeys &, bool)
{
    // verify() reads them from the discovery cache, for whichever token is selected by then.
    m_fetchError.reset();
    m_keySource = KeySource::Fetched;
    updateKeyButtons();
    verify();
}

void IdTokenInspector::onKeysFailed(const QString &issuer, const Error &error)
{
    m_fetchError = error;
    m_fetchErrorIssuer = issuer;
    updateKeyButtons();
    verify();
    if (KeyDiscovery::isUnreachable(error))
        m_keyPaste->setFocus(); // the offline way: paste the keys
}

void IdTokenInspector::updateKeyButtons()
{
    const TokenInspection::Item *item = selectedItem();
    const QString issuer = item ? item->issuer() : QString();
    const bool running = m_discovery->isRunning();
    const bool canFetch = item && item->isVerifiable() && !issuer.isEmpty();
    m_fetchButton->setEnabled(canFetch && !running);
    m_refetchButton->setEnabled(canFetch && !running && m_discovery->cached(issuer).has_value());
    m_fetchButton->setToolTip(canFetch ? tr("Fetch the keys of %1 through its OpenID discovery document").arg(issuer)
                                       : tr("The selected token names no issuer (iss) to fetch keys from"));
}

} // namespace jwtflow
