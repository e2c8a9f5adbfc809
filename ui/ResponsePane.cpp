#include "ResponsePane.h"

#include "DiagnosisCard.h"
#include "Icons.h"
#include "SecretClipboard.h"
#include "flow/CallAnswer.h"
#include "flow/CurlCommand.h"
#include "flow/RecordTableModel.h"
#include "flow/SecretMasker.h"
#include "token/Jwt.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTimeZone>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <utility>

namespace jwtflow {

namespace {

enum Page { EmptyPage, TokenPage, DiagnosisPage };
enum View { AnswerView, ResultView, HttpView };
enum ResultPage { FieldsPage, RecordsPage, VersionsPage, MessagePage };

bool isJwt(const QString &text)
{
    return text.count(QLatin1Char('.')) >= 2 && Jwt::parse(text).ok();
}

QTableView *tableView(const QString &objectName, const QString &accessibleName, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(objectName);
    table->setAccessibleName(accessibleName);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->setTextElideMode(Qt::ElideMiddle);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setHighlightSections(false);
    table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->setCornerButtonEnabled(false);
    if (auto *corner = table->findChild<QAbstractButton *>()) {
        corner->setObjectName(objectName + QStringLiteral("Corner"));
        corner->setAccessibleName(ResponsePane::tr("Select all rows"));
    }
    return table;
}

// Chip colours with white text: each keeps a contrast above 4.5:1 and reads on light and dark windows.
const QString kOkColour = QStringLiteral("#1e7b45");
const QString kErrorColour = QStringLiteral("#c0392b");
const QString kNetworkColour = QStringLiteral("#b35900");
const QString kQuietColour = QStringLiteral("#6c757d");

QString displayUrl(const HttpExchangeRecord &record, HttpExchangeRecord::Secrets secrets)
{
    const QString url = record.request.url.toDisplayString();
    return secrets == HttpExchangeRecord::Secrets::Mask ? record.secrets().apply(url) : url;
}

QString issuedAtText(const QString &issuedAt)
{
    bool numeric = false;
    const qint64 value = issuedAt.toLongLong(&numeric);
    if (!numeric || value <= 0)
        return issuedAt;
    // Salesforce sends milliseconds since the epoch as a string.
    const QDateTime when = issuedAt.size() >= 13 ? QDateTime::fromMSecsSinceEpoch(value, QTimeZone::utc())
                                                 : QDateTime::fromSecsSinceEpoch(value, QTimeZone::utc());
    return QStringLiteral("%1  (%2)").arg(issuedAt, when.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")));
}

QPlainTextEdit *textView(const QString &objectName, const QString &accessibleName, QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setReadOnly(true);
    view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    view->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    return view;
}

// A selectable value that reads as text, not as an input: no frame, no field background. Only
// the Base role is set, so every other colour still follows the palette (light, dark, a switch).
void makeValueField(QLineEdit *edit)
{
    edit->setReadOnly(true);
    edit->setFrame(false);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    QPalette palette = edit->palette();
    palette.setBrush(QPalette::Base, Qt::transparent);
    edit->setPalette(palette);
}

QPushButton *button(const QString &text, const QString &objectName, const QString &toolTip, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(objectName);
    b->setAccessibleName(QString(text).remove(QLatin1Char('&')));
    b->setToolTip(toolTip);
    return b;
}

} // namespace

void ResponsePane::showEvent(QShowEvent *event)
{
    // The pane starts hidden behind the Problems tab. The clear button's icon comes from the icon
    // theme, a lookup that took milliseconds before the window's first paint (measured), so it
    // waits for the first show.
    if (!m_themeIconsMade) {
        m_themeIconsMade = true;
        m_soql->setClearButtonEnabled(true);
    }
    QWidget::showEvent(event);
}

ResponsePane::ResponsePane(QWidget *parent)
    : QWidget(parent)
    , m_opener([](const QUrl &url) { return QDesktopServices::openUrl(url); })
    , m_clipboard(new SecretClipboard(this))
{
    setObjectName(QStringLiteral("responsePane"));
    setAccessibleName(tr("Response"));

    // Header: status chip, elapsed time, summary, reveal toggle; a notice line beneath.
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("responseStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setAccessibleName(tr("HTTP status"));
    m_elapsed = new QLabel(this);
    m_elapsed->setObjectName(QStringLiteral("responseElapsed"));
    m_elapsed->setTextFormat(Qt::PlainText);
    m_elapsed->setAccessibleName(tr("Elapsed time"));
    m_elapsed->setForegroundRole(QPalette::PlaceholderText);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("responseSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_summary->setAccessibleName(tr("Summary of the answer"));
    m_reveal = new QCheckBox(tr("Reveal secrets"), this);
    m_reveal->setObjectName(QStringLiteral("revealSecrets"));
    m_reveal->setAccessibleName(tr("Reveal secrets"));
    m_reveal->setToolTip(tr("Show the access token, the assertion's signature and other secrets in full"));
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("responseNotice"));
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setForegroundRole(QPalette::PlaceholderText);
    m_notice->setWordWrap(true);
    m_notice->hide();
    m_noticeTimer = new QTimer(this);
    m_noticeTimer->setSingleShot(true);
    connect(m_noticeTimer, &QTimer::timeout, m_notice, &QLabel::hide);

    auto *header = new QHBoxLayout;
    header->setSpacing(10);
    header->addWidget(m_status, 0, Qt::AlignVCenter);
    header->addWidget(m_elapsed, 0, Qt::AlignVCenter);
    header->addWidget(m_summary, 1, Qt::AlignVCenter);
    header->addWidget(m_reveal, 0, Qt::AlignVCenter);

    // Middle: nothing yet, the token, or the diagnosis.
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("responseStack"));
    m_placeholder = new QLabel(tr("No answer yet. Send the assertion to exchange it for an access token."), m_stack);
    m_placeholder->setObjectName(QStringLiteral("responsePlaceholder"));
    m_placeholder->setTextFormat(Qt::PlainText);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(buildTokenPage());
    m_card = new DiagnosisCard;
    m_cardScroll = new QScrollArea(m_stack);
    m_cardScroll->setObjectName(QStringLiteral("diagnosisScroll"));
    m_cardScroll->setWidgetResizable(true);
    m_cardScroll->setFrameShape(QFrame::NoFrame);
    m_cardScroll->setWidget(m_card);
    m_stack->addWidget(m_cardScroll);
    connect(m_card, &DiagnosisCard::fieldActivated, this, &ResponsePane::fieldActivated);

    // The answer first: the token (or the diagnosis), then each API call's result as data, and
    // the HTTP of every call behind its own tab, not above the answer.
    m_views = new QTabWidget(this);
    m_views->setObjectName(QStringLiteral("responseViews"));
    m_views->setAccessibleName(tr("Answer views"));
    m_views->setDocumentMode(true);
    m_views->addTab(m_stack, tr("Answer"));
    m_views->addTab(buildResultPage(), tr("Result"));
    m_views->addTab(buildCallsArea(), tr("HTTP"));

    m_copyUrl = button(tr("Copy the &link"), QStringLiteral("copyUnopenedUrl"),
        tr("Copy the sign-in link to open it in a browser yourself; the clipboard is cleared after 60 s"), this);
    m_copyUrl->setIcon(Icons::icon(Icons::Role::Copy));
    m_copyUrl->hide();
    connect(m_copyUrl, &QPushButton::clicked, this, [this] {
        if (m_unopenedUrl.isValid())
            copyText(m_unopenedUrl.toString(QUrl::FullyEncoded), tr("The sign-in link"));
    });
    auto *noticeRow = new QHBoxLayout;
    noticeRow->setContentsMargins(0, 0, 0, 0);
    noticeRow->addWidget(m_notice, 1);
    noticeRow->addWidget(m_copyUrl, 0, Qt::AlignTop);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(header);
    layout->addLayout(noticeRow);
    layout->addWidget(m_orgActions);
    layout->addWidget(m_views, 1);

    connect(m_reveal, &QCheckBox::toggled, this, &ResponsePane::setSecretsRevealed);
    connect(m_clipboard, &SecretClipboard::cleared, this, [this] {
        showNotice(tr("The clipboard was cleared."));
        m_noticeTimer->start(5000);
    });

    clear();
}

ResponsePane::~ResponsePane() = default;

QWidget *ResponsePane::buildTokenPage()
{
    m_tokenPage = new QWidget(m_stack);
    m_tokenPage->setObjectName(QStringLiteral("tokenPage"));
    auto *layout = new QVBoxLayout(m_tokenPage);
    layout->setContentsMargins(0, 4, 0, 4);
    layout->setSpacing(8);

    m_fields = new QFormLayout;
    m_fields->setLabelAlignment(Qt::AlignLeft);
    m_fields->setHorizontalSpacing(14);
    m_fields->setVerticalSpacing(2);
    m_fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_accessToken = new QLineEdit(m_tokenPage);
    m_copyToken = new QToolButton(m_tokenPage);
    m_copyToken->setObjectName(QStringLiteral("copyAccessToken"));
    m_copyToken->setIcon(Icons::icon(Icons::Role::Copy));
    m_copyToken->setText(tr("Copy"));
    m_copyToken->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_copyToken->setAccessibleName(tr("Copy the access token"));
    m_copyToken->setToolTip(tr("Copy the access token; the clipboard is cleared after 60 s"));
    m_inspectToken = new QToolButton(m_tokenPage);
    m_inspectToken->setObjectName(QStringLiteral("inspectAccessToken"));
    m_inspectToken->setText(tr("Inspect"));
    m_inspectToken->setAccessibleName(tr("Inspect the access token"));
    m_inspectToken->setToolTip(tr("This access token is a JWT: open it in the ID token inspector"));
    connect(m_inspectToken, &QToolButton::clicked, this, [this] {
        if (m_hasResult && m_result.ok())
            Q_EMIT inspectRequested(m_result.token.accessToken);
    });
    auto *tokenRow = new QHBoxLayout;
    tokenRow->setSpacing(6);
    tokenRow->addWidget(m_accessToken, 1);
    tokenRow->addWidget(m_copyToken);
    tokenRow->addWidget(m_inspectToken);
    tokenRow->addStretch(0);
    auto *tokenName = new QLabel(QStringLiteral("access_token"), m_tokenPage);
    tokenName->setForegroundRole(QPalette::PlaceholderText);
    tokenName->setBuddy(m_accessToken);
    m_fields->addRow(tokenName, tokenRow);
    m_accessToken->setObjectName(QStringLiteral("accessToken"));
    m_accessToken->setAccessibleName(QStringLiteral("access_token"));
    m_instanceUrl = addField(QStringLiteral("instance_url"), QStringLiteral("instanceUrl"));
    m_identityUrl = addField(QStringLiteral("id"), QStringLiteral("identityUrl"));
    m_scope = addField(QStringLiteral("scope"), QStringLiteral("tokenScope"));
    m_tokenType = addField(QStringLiteral("token_type"), QStringLiteral("tokenType"));
    m_issuedAt = addField(QStringLiteral("issued_at"), QStringLiteral("issuedAt"));
    makeValueField(m_accessToken);
    layout->addLayout(m_fields);

    m_warnings = new QLabel(m_tokenPage);
    m_warnings->setObjectName(QStringLiteral("tokenWarnings"));
    m_warnings->setTextFormat(Qt::PlainText);
    m_warnings->setWordWrap(true);
    layout->addWidget(m_warnings);

    // Actions with the token.
    m_orgActions = new QWidget(this); // above the views: the next call is one click from any result
    m_orgActions->setObjectName(QStringLiteral("orgActions"));
    // One row: the actions, then the query box taking what is left.
    auto *actions = new QHBoxLayout(m_orgActions);
    actions->setContentsMargins(0, 0, 0, 0);
    actions->setSpacing(6);
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    m_identity = button(tr("&Identity"), QStringLiteral("identityButton"),
        tr("GET the identity URL (id): who this token belongs to"), m_orgActions);
    m_versions = button(tr("API &versions"), QStringLiteral("versionsButton"),
        tr("GET /services/data: the REST API versions of the org"), m_orgActions);
    m_openOrg = button(tr("&Open org"), QStringLiteral("openOrgButton"),
        tr("Open the org in the browser, signed in with this token (frontdoor.jsp)"), m_orgActions);
    m_openOrg->setIcon(Icons::icon(Icons::Role::OpenInBrowser));
    buttons->addWidget(m_identity);
    buttons->addWidget(m_versions);
    buttons->addWidget(m_openOrg);
    actions->addLayout(buttons);

    auto *query = new QHBoxLayout;
    query->setSpacing(6);
    auto *soqlLabel = new QLabel(tr("SO&QL"), m_orgActions);
    m_soql = new QLineEdit(m_orgActions);
    m_soql->setObjectName(QStringLiteral("soqlQuery"));
    m_soql->setAccessibleName(tr("SOQL query"));
    m_soql->setPlaceholderText(tr("SELECT Id, Name FROM Organization"));
    m_soql->setText(QStringLiteral("SELECT Id, Name FROM Organization"));
    m_soql->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    soqlLabel->setBuddy(m_soql);
    m_runQuery = button(
        tr("&Run"), QStringLiteral("runQueryButton"), tr("Run the query (GET /services/data/vNN.0/query)"), m_orgActions);
    m_runQuery->setIcon(Icons::icon(Icons::Role::Run));
    query->addWidget(soqlLabel);
    m_soql->setMinimumWidth(m_soql->fontMetrics().averageCharWidth() * 16);
    query->addWidget(m_soql, 1);
    query->addWidget(m_runQuery);
    actions->addLayout(query, 1);

    m_copyCurlAction = button(tr("Copy as c&url"), QStringLiteral("copyExchangeCurlButton"),
        tr("Copy the token request as a curl command, secrets included; the clipboard is cleared after 60 s"), m_orgActions);
    m_copyCurlAction->setIcon(Icons::icon(Icons::Role::Copy));
    buttons->insertWidget(3, m_copyCurlAction);
    layout->addStretch(1);

    connect(m_identity, &QPushButton::clicked, this, &ResponsePane::identityRequested);
    connect(m_versions, &QPushButton::clicked, this, &ResponsePane::versionsRequested);
    connect(m_openOrg, &QPushButton::clicked, this, &ResponsePane::openOrgRequested);
    connect(m_runQuery, &QPushButton::clicked, this, &ResponsePane::runQuery);
    connect(m_soql, &QLineEdit::returnPressed, this, &ResponsePane::runQuery);
    connect(m_soql, &QLineEdit::textChanged, this,
        [this](const QString &text) { m_runQuery->setEnabled(!text.trimmed().isEmpty()); });
    connect(m_copyToken, &QToolButton::clicked, this, [this] {
        if (m_hasResult && m_result.ok())
            copyText(m_result.token.accessToken, tr("The access token"));
    });
    connect(m_copyCurlAction, &QPushButton::clicked, this, [this] {
        if (m_hasResult)
            copyText(CurlCommand::build(m_result.record.request, HttpExchangeRecord::Secrets::Show), tr("The curl command"));
    });
    return m_tokenPage;
}

QLineEdit *ResponsePane::addField(const QString &name, const QString &objectName)
{
    auto *edit = new QLineEdit(m_tokenPage);
    edit->setObjectName(objectName);
    edit->setAccessibleName(name);
    makeValueField(edit);
    auto *label = new QLabel(name, m_tokenPage);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setBuddy(edit);
    m_fields->addRow(label, edit);
    return edit;
}

QWidget *ResponsePane::buildCallsArea()
{
    m_callsArea = new QWidget(this);
    m_callsArea->setObjectName(QStringLiteral("callsArea"));

    m_callList = new QListWidget(m_callsArea);
    m_callList->setObjectName(QStringLiteral("callList"));
    m_callList->setAccessibleName(tr("Calls made"));
    m_callList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_callList->setTextElideMode(Qt::ElideMiddle);
    m_callList->setIconSize(QSize(16, 16));
    m_callList->setSpacing(2);
    m_callList->setMaximumWidth(240);
    m_callList->setMinimumWidth(160);
    connect(m_callList, &QListWidget::currentRowChanged, this, [this] { renderCall(); });

    m_callSummary = new QLabel(m_callsArea);
    m_callSummary->setObjectName(QStringLiteral("callSummary"));
    m_callSummary->setTextFormat(Qt::PlainText);
    m_callSummary->setWordWrap(true);
    // It starts with the call's URL, one long word: as the minimum it would widen the whole page.
    m_callSummary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_callSummary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_callSummary->setAccessibleName(tr("The selected call"));

    m_tabs = new QTabWidget(m_callsArea);
    m_tabs->setObjectName(QStringLiteral("responseTabs"));
    m_tabs->setAccessibleName(tr("Exchange views"));
    m_tabs->setDocumentMode(true);
    m_pretty = textView(QStringLiteral("prettyView"), tr("Pretty"), m_tabs);
    m_raw = textView(QStringLiteral("rawView"), tr("Raw HTTP"), m_tabs);
    m_tabs->addTab(m_pretty, tr("&Pretty"));
    m_tabs->addTab(m_raw, tr("Ra&w HTTP"));

    auto *curlPage = new QWidget(m_tabs);
    curlPage->setObjectName(QStringLiteral("curlPage"));
    m_curl = textView(QStringLiteral("curlView"), tr("curl command"), curlPage);
    m_copyCurl = button(tr("&Copy command"), QStringLiteral("copyCurlButton"),
        tr("Copy the real command, secrets included; the clipboard is cleared after 60 s"), curlPage);
    m_copyCurl->setIcon(Icons::icon(Icons::Role::Copy));
    auto *curlHint = new QLabel(tr("Shown masked unless secrets are revealed; copied in full."), curlPage);
    curlHint->setForegroundRole(QPalette::PlaceholderText);
    curlHint->setWordWrap(true);
    auto *curlBar = new QHBoxLayout;
    curlBar->setContentsMargins(0, 0, 0, 0);
    curlBar->addWidget(m_copyCurl);
    curlBar->addWidget(curlHint, 1);
    auto *curlLayout = new QVBoxLayout(curlPage);
    curlLayout->setContentsMargins(0, 6, 0, 0);
    curlLayout->setSpacing(6);
    curlLayout->addLayout(curlBar);
    curlLayout->addWidget(m_curl, 1);
    m_tabs->addTab(curlPage, tr("c&url"));
    connect(m_copyCurl, &QPushButton::clicked, this, &ResponsePane::copyCurl);

    auto *right = new QVBoxLayout;
    right->setSpacing(4);
    right->addWidget(m_callSummary);
    right->addWidget(m_tabs, 1);
    auto *layout = new QHBoxLayout(m_callsArea);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(m_callList);
    layout->addLayout(right, 1);
    return m_callsArea;
}

void ResponsePane::setResult(const ExchangeResult &result, const Diagnosis &diagnosis)
{
    m_result = result;
    m_hasResult = true;
    m_calls = { Call { tr("Token exchange"), result.record } };
    if (result.ok()) {
        m_card->clear();
        m_stack->setCurrentIndex(TokenPage);
    } else if (!diagnosis.code.isEmpty()) {
        m_card->setDiagnosis(diagnosis, result.record);
        m_stack->setCurrentIndex(DiagnosisPage);
        // A new diagnosis reads from its headline, not from where the last one was scrolled to;
        // once more after the new card's layout has settled.
        m_cardScroll->verticalScrollBar()->setValue(0);
        QTimer::singleShot(0, m_cardScroll, [scroll = QPointer<QScrollArea>(m_cardScroll)] {
            if (scroll)
                scroll->verticalScrollBar()->setValue(0);
        });
    } else {
        m_card->clear();
        m_placeholder->setText(tr("The exchange failed; its answer is in the HTTP tab."));
        m_stack->setCurrentIndex(EmptyPage);
    }
    renderHeader();
    renderToken();
    refreshCallItems();
    m_callList->setCurrentRow(0);
    renderCall();
    renderCallAnswer();
    showView(AnswerView); // the token or the diagnosis: what the user sent for
}

int ResponsePane::addCall(const HttpExchangeRecord &record, const QString &label)
{
    QString name = label;
    if (name.isEmpty()) {
        QString path = record.request.url.path();
        if (record.request.url.hasQuery())
            path += QStringLiteral("?…");
        name = QString::fromLatin1(record.request.method) + QLatin1Char(' ') + (path.isEmpty() ? QStringLiteral("/") : path);
    }
    m_calls.append(Call { name, record });
    refreshCallItems();
    m_callList->setCurrentRow(int(m_calls.size()) - 1);
    renderCall();
    renderCallAnswer();
    // The call's answer as data takes the pane; an answer that is not data (none, an error page)
    // is read where its HTTP is.
    showView(CallAnswer::read(record).kind == CallAnswer::Kind::None ? HttpView : ResultView);
    return int(m_calls.size()) - 1;
}

void ResponsePane::clear()
{
    m_result = ExchangeResult {};
    m_hasResult = false;
    m_calls.clear();
    m_card->clear();
    m_placeholder->setText(tr("No answer yet. Send the assertion to exchange it for an access token."));
    m_stack->setCurrentIndex(EmptyPage);
    m_unopenedUrl.clear();
    m_copyUrl->hide();
    renderHeader();
    renderToken();
    refreshCallItems();
    renderCall();
    renderCallAnswer();
    showView(AnswerView);
}

int ResponsePane::callCount() const
{
    return int(m_calls.size());
}

int ResponsePane::currentCall() const
{
    return m_callList->currentRow();
}

void ResponsePane::showCall(int row)
{
    if (row >= 0 && row < m_calls.size())
        m_callList->setCurrentRow(row);
}

void ResponsePane::setSecretsRevealed(bool revealed)
{
    revealed = revealed && m_revealAllowed;
    if (m_reveal->isChecked() != revealed) {
        const QSignalBlocker blocker(m_reveal);
        m_reveal->setChecked(revealed);
    }
    if (revealed == m_revealed)
        return;
    m_revealed = revealed;
    renderHeader();
    renderToken();
    renderCall();
    renderCallAnswer();
    Q_EMIT secretsRevealedChanged(m_revealed);
}

void ResponsePane::setRevealAllowed(bool allowed)
{
    m_revealAllowed = allowed;
    if (!allowed)
        setSecretsRevealed(false);
    m_reveal->setEnabled(allowed);
    m_reveal->setToolTip(allowed ? tr("Show the access token, the assertion's signature and other secrets in full")
                                 : tr("Presentation mode: every secret stays masked"));
}

void ResponsePane::setActionsEnabled(bool enabled)
{
    for (QWidget *w :
        { static_cast<QWidget *>(m_identity), static_cast<QWidget *>(m_versions), static_cast<QWidget *>(m_openOrg) })
        w->setEnabled(enabled);
    m_soql->setEnabled(enabled);
    m_runQuery->setEnabled(enabled && !m_soql->text().trimmed().isEmpty());
}

void ResponsePane::setUrlOpener(UrlOpener opener)
{
    m_opener = std::move(opener);
}

bool ResponsePane::openUrl(const QUrl &url)
{
    if (!url.isValid() || !m_opener)
        return false;
    const bool opened = m_opener(url);
    // The link carries the session (sid=): it is never written to a log, only offered to copy.
    m_unopenedUrl = opened ? QUrl() : url;
    m_copyUrl->setVisible(!opened);
    if (opened) {
        showNotice(tr("Opened %1 in the browser.").arg(url.host()));
        m_noticeTimer->start(8000);
    } else {
        m_noticeTimer->stop();
        showNotice(tr("No browser could be opened for %1. Copy the link and paste it into a browser: it signs you in "
                      "with this token, so keep it to yourself.")
                .arg(url.host()));
    }
    return opened;
}

QWidget *ResponsePane::buildResultPage()
{
    m_resultPage = new QWidget(this);
    m_resultPage->setObjectName(QStringLiteral("resultPage"));
    m_resultCaption = new QLabel(m_resultPage);
    m_resultCaption->setObjectName(QStringLiteral("resultCaption"));
    m_resultCaption->setTextFormat(Qt::PlainText);
    m_resultCaption->setWordWrap(true);
    m_resultCaption->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // a long URL must not widen the page

    m_resultStack = new QStackedWidget(m_resultPage);
    m_resultStack->setObjectName(QStringLiteral("resultStack"));
    m_fieldRows = new RecordTableModel(this);
    m_fieldsTable = tableView(QStringLiteral("resultFields"), tr("Fields of the answer"), m_resultStack);
    m_fieldsTable->setModel(m_fieldRows);
    m_records = new RecordTableModel(this);
    m_recordsTable = tableView(QStringLiteral("soqlTable"), tr("Records of the query"), m_resultStack);
    m_recordsTable->setModel(m_records);
    m_versionList = new QListWidget(m_resultStack);
    m_versionList->setObjectName(QStringLiteral("versionList"));
    m_versionList->setAccessibleName(tr("API versions"));
    m_resultMessage = textView(QStringLiteral("resultMessage"), tr("Message of the answer"), m_resultStack);
    m_resultStack->addWidget(m_fieldsTable);
    m_resultStack->addWidget(m_recordsTable);
    m_resultStack->addWidget(m_versionList);
    m_resultStack->addWidget(m_resultMessage);

    auto *layout = new QVBoxLayout(m_resultPage);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_resultCaption);
    layout->addWidget(m_resultStack, 1);
    return m_resultPage;
}

void ResponsePane::renderCallAnswer()
{
    // The newest org call's answer (the exchange's own answer is the Answer tab).
    const bool any = m_calls.size() > 1;
    m_views->setTabEnabled(ResultView, any);
    if (!any) {
        m_resultCaption->clear();
        m_fieldRows->setRecords({});
        m_records->setRecords({});
        m_versionList->clear();
        m_resultMessage->clear();
        return;
    }
    const Call &call = m_calls.constLast();
    const CallAnswer answer = CallAnswer::read(call.record);
    const SecretMasker masker = call.record.secrets();
    const auto shown = [this, &masker](const QString &text) { return m_revealed ? text : masker.apply(text); };
    QString caption = QStringLiteral("%1 · %2").arg(call.label, recordSummary(call.record));
    switch (answer.kind) {
    case CallAnswer::Kind::Fields: {
        QJsonArray rows;
        for (const auto &[name, value] : answer.fields)
            rows.append(QJsonObject { { QStringLiteral("Field"), name }, { QStringLiteral("Value"), shown(value) } });
        m_fieldRows->setRecords(rows);
        m_fieldsTable->resizeColumnToContents(0);
        m_resultStack->setCurrentWidget(m_fieldsTable);
        break;
    }
    case CallAnswer::Kind::Records:
        m_records->setRecords(answer.records, answer.columnOrder, answer.memberOrder);
        m_recordsTable->resizeColumnsToContents();
        m_resultStack->setCurrentWidget(m_recordsTable);
        caption += QStringLiteral(" · ") + answer.recordsCaption();
        break;
    case CallAnswer::Kind::Versions:
        m_versionList->clear();
        for (const CallAnswer::Version &v : answer.versions)
            m_versionList->addItem(tr("%1  %2  %3").arg(v.version, v.label, v.url));
        m_resultStack->setCurrentWidget(m_versionList);
        caption += QStringLiteral(" · ") + tr("%n version(s), newest first", nullptr, int(answer.versions.size()));
        break;
    case CallAnswer::Kind::Message:
    case CallAnswer::Kind::None:
        m_resultMessage->setPlainText(
            answer.kind == CallAnswer::Kind::None ? tr("No answer: see the HTTP tab.") : shown(answer.message));
        m_resultStack->setCurrentWidget(m_resultMessage);
        break;
    }
    m_resultCaption->setText(caption);
}

void ResponsePane::showView(int view)
{
    if (view == ResultView && !m_views->isTabEnabled(ResultView))
        view = AnswerView;
    m_views->setCurrentIndex(view);
}

void ResponsePane::copyCurl()
{
    const int row = m_callList->currentRow();
    if (row < 0 || row >= m_calls.size())
        return;
    copyText(CurlCommand::build(m_calls.at(row).record.request, HttpExchangeRecord::Secrets::Show), tr("The curl command"));
}

QString ResponsePane::recordSummary(const HttpExchangeRecord &record)
{
    if (record.transport != HttpExchangeRecord::Transport::None || record.response.status <= 0) {
        QString message = record.transportMessage.trimmed();
        if (message.endsWith(QLatin1Char('.')))
            message.chop(1);
        return message.isEmpty() ? tr("No answer") : message;
    }
    QString text = QStringLiteral("HTTP %1").arg(record.response.status);
    if (!record.response.reason.isEmpty())
        text += QLatin1Char(' ') + QString::fromUtf8(record.response.reason);
    return text;
}

QString ResponsePane::elapsedText(qint64 milliseconds)
{
    if (milliseconds < 1000)
        return tr("%1 ms").arg(milliseconds);
    return tr("%1 s").arg(double(milliseconds) / 1000.0, 0, 'f', 1);
}

HttpExchangeRecord::Secrets ResponsePane::secrets() const
{
    return m_revealed ? HttpExchangeRecord::Secrets::Show : HttpExchangeRecord::Secrets::Mask;
}

void ResponsePane::renderHeader()
{
    if (!m_hasResult) {
        m_status->hide();
        m_elapsed->clear();
        m_elapsed->hide();
        m_summary->setText(tr("Nothing sent yet"));
        m_summary->setForegroundRole(QPalette::PlaceholderText);
        return;
    }
    const HttpExchangeRecord &record = m_result.record;
    QString chip;
    QString colour = kErrorColour;
    if (m_result.isTransportError()) {
        const bool cancelled = record.transport == HttpExchangeRecord::Transport::Cancelled;
        chip = cancelled ? tr("Cancelled") : tr("No answer");
        colour = cancelled ? kQuietColour : kNetworkColour;
    } else {
        chip = QString::number(record.response.status);
        if (!record.response.reason.isEmpty())
            chip += QLatin1Char(' ') + QString::fromUtf8(record.response.reason);
        if (m_result.ok())
            colour = kOkColour;
    }
    m_status->setText(chip);
    m_status->setStyleSheet(QStringLiteral("QLabel#responseStatus { color: #ffffff; background-color: %1; border-radius: 3px;"
                                           " padding: 2px 8px; font-weight: bold; }")
            .arg(colour));
    m_status->show();
    m_elapsed->setText(elapsedText(m_result.elapsedMs()));
    m_elapsed->show();
    const QString summary = m_result.summary();
    m_summary->setText(m_revealed ? summary : record.secrets().apply(summary));
    m_summary->setForegroundRole(QPalette::WindowText);
}

void ResponsePane::renderToken()
{
    const bool ok = m_hasResult && m_result.ok();
    const TokenResponse &token = m_result.token;
    const auto setValue = [this](QLineEdit *edit, const QString &value) {
        edit->setText(value);
        edit->setCursorPosition(0);
        m_fields->setRowVisible(edit, !value.isEmpty());
    };
    const QString access = !ok ? QString() : m_revealed ? token.accessToken : SecretMasker::maskToken(token.accessToken);
    m_accessToken->setText(access);
    m_accessToken->setCursorPosition(0);
    // As wide as the token, so that the copy button sits right after it; narrower windows scroll it.
    const int tokenWidth
        = m_accessToken->fontMetrics().horizontalAdvance(access) + 2 * m_accessToken->fontMetrics().averageCharWidth();
    m_accessToken->setMinimumWidth(qMin(tokenWidth, 240));
    m_accessToken->setMaximumWidth(tokenWidth);
    m_accessToken->setToolTip(m_revealed ? QString() : tr("Masked: tick \"Reveal secrets\" to see it, or copy it"));
    m_inspectToken->setVisible(ok && isJwt(token.accessToken));
    setValue(m_instanceUrl, ok ? token.instanceUrl : QString());
    setValue(m_identityUrl, ok ? token.id : QString());
    setValue(m_scope, ok ? token.scope : QString());
    setValue(m_tokenType, ok ? token.tokenType : QString());
    setValue(m_issuedAt, ok ? issuedAtText(token.issuedAt) : QString());

    for (QWidget *extra : std::as_const(m_extraFields))
        m_fields->removeRow(extra);
    m_extraFields.clear();
    if (ok) {
        const QJsonObject others = token.otherFields();
        const SecretMasker masker = m_result.record.secrets();
        for (auto it = others.begin(); it != others.end(); ++it) {
            if (!it.value().isString() && !it.value().isDouble() && !it.value().isBool())
                continue; // nested values are in the Pretty view
            const QString text = it.value().toVariant().toString();
            QLineEdit *edit = addField(it.key(), QStringLiteral("tokenField_%1").arg(it.key()));
            edit->setText(m_revealed ? text : masker.apply(text));
            edit->setCursorPosition(0);
            m_extraFields << edit;
            if (isJwt(text)) { // an id_token: one click to the inspector
                auto *inspect = new QToolButton(edit);
                inspect->setObjectName(QStringLiteral("inspect_%1").arg(it.key()));
                inspect->setText(tr("Inspect"));
                inspect->setAccessibleName(tr("Inspect %1").arg(it.key()));
                inspect->setToolTip(tr("Open %1 in the ID token inspector").arg(it.key()));
                inspect->setCursor(Qt::ArrowCursor);
                connect(inspect, &QToolButton::clicked, this, [this, text] { Q_EMIT inspectRequested(text); });
                edit->setTextMargins(0, 0, inspect->sizeHint().width() + 4, 0);
                auto *row = new QHBoxLayout(edit);
                row->setContentsMargins(0, 0, 0, 0);
                row->addStretch(1);
                row->addWidget(inspect);
            }
        }
    }

    const QStringList warnings = ok ? token.warnings(m_result.mode == ExchangeResult::Mode::SalesforceJwtBearer) : QStringList();
    m_warnings->setText(warnings.isEmpty() ? QString() : tr("Note: %1").arg(warnings.join(QStringLiteral("\nNote: "))));
    m_warnings->setVisible(!warnings.isEmpty());
    // The org actions need Salesforce's instance_url.
    m_orgActions->setVisible(ok && m_result.mode == ExchangeResult::Mode::SalesforceJwtBearer && !token.instanceUrl.isEmpty());
}

void ResponsePane::refreshCallItems()
{
    const QSignalBlocker blocker(m_callList);
    const int current = m_callList->currentRow();
    m_callList->clear();
    for (const Call &call : std::as_const(m_calls)) {
        const HttpExchangeRecord &record = call.record;
        const bool good = record.answered() && record.response.status >= 200 && record.response.status < 300;
        const QString status = record.answered() ? QString::number(record.response.status) : tr("no answer");
        auto *item = new QListWidgetItem(Icons::icon(good ? Icons::Role::Ok : Icons::Role::Warning),
            QStringLiteral("%1\n%2 · %3").arg(call.label, status, elapsedText(record.elapsedMs)), m_callList);
        item->setToolTip(QStringLiteral("<p>%1</p>")
                .arg((QString::fromLatin1(record.request.method) + QLatin1Char(' ')
                    + displayUrl(record, HttpExchangeRecord::Secrets::Mask))
                        .toHtmlEscaped()));
        item->setData(Qt::AccessibleTextRole, QStringLiteral("%1, %2").arg(call.label, recordSummary(record)));
    }
    if (current >= 0 && current < m_callList->count())
        m_callList->setCurrentRow(current);
    // The list earns its space once there is more than the exchange to choose from; with no
    // call at all the placeholder above has the pane to itself.
    // (The HTTP tab's page itself is shown and hidden by its tab widget only.)
    m_callList->setVisible(m_calls.size() > 1);
}

void ResponsePane::renderCall()
{
    const int row = m_callList->currentRow();
    const bool any = row >= 0 && row < m_calls.size();
    m_tabs->setEnabled(any);
    m_copyCurl->setEnabled(any);
    if (!any) {
        m_callSummary->setText(tr("Pretty, raw and curl views of each call appear here."));
        m_callSummary->setForegroundRole(QPalette::PlaceholderText);
        m_pretty->clear();
        m_raw->clear();
        m_curl->clear();
        return;
    }
    const HttpExchangeRecord &record = m_calls.at(row).record;
    const HttpExchangeRecord::Secrets shown = secrets();
    m_callSummary->setText(QStringLiteral("%1 %2  →  %3 · %4")
            .arg(QString::fromLatin1(record.request.method), displayUrl(record, shown), recordSummary(record),
                elapsedText(record.elapsedMs)));
    m_callSummary->setForegroundRole(QPalette::WindowText);
    m_pretty->setPlainText(record.pretty(shown));
    m_raw->setPlainText(record.render(HttpExchangeRecord::Style::Raw, shown));
    m_curl->setPlainText(CurlCommand::build(record.request, shown));
}

void ResponsePane::runQuery()
{
    const QString soql = m_soql->text().trimmed();
    if (soql.isEmpty() || !m_soql->isEnabled())
        return;
    Q_EMIT queryRequested(soql);
}

void ResponsePane::copyText(const QString &text, const QString &what)
{
    m_clipboard->copy(text);
    m_noticeTimer->stop();
    showNotice(tr("%1 is on the clipboard, secrets included; it will be cleared in %2 s.")
            .arg(what)
            .arg((m_clipboard->clearDelay() + 999) / 1000));
}

void ResponsePane::showNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->show();
}

} // namespace jwtflow
