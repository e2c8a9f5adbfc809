#pragma once

#include "flow/Diagnosis.h"
#include "flow/ExchangeResult.h"
#include "flow/HttpExchangeRecord.h"

#include <QUrl>
#include <QWidget>
#include <functional>

class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTabWidget;
class QTimer;
class QToolButton;

namespace jwtflow {

class DiagnosisCard;
class RecordTableModel;
class SecretClipboard;

// What the token endpoint answered, and every call made with the token since.
//
// Top: the exchange's status, elapsed time and one-line summary, and "Reveal secrets". Then, on
// success, the token fields (access_token masked until revealed) with actions — Identity, API
// versions, a SOQL box, Open org, Copy as curl — or, on failure, the DiagnosisCard. Below: the
// calls (the exchange first, then each org call added with addCall()), the selected one shown
// as Pretty / Raw HTTP / curl, masked unless revealed. Copying puts the real command on the
// clipboard, marked secret and cleared after 60 s.
//
// The pane forwards intent only: the window connects identityRequested() & co. to OrgClient,
// and its finished(id, record) back to addCall(); openOrgRequested() to OrgClient::frontdoorUrl()
// and then openUrl().
class ResponsePane : public QWidget {
    Q_OBJECT

public:
    // Opens a URL in the system browser; tests replace it so that no browser starts.
    using UrlOpener = std::function<bool(const QUrl &)>;

    explicit ResponsePane(QWidget *parent = nullptr);
    ~ResponsePane() override;

    // A finished token exchange; diagnosis is shown when the exchange failed. Resets the calls.
    void setResult(const ExchangeResult &result, const Diagnosis &diagnosis = {});
    // A call made with the token (OrgClient::finished); label defaults to "GET /path". Selects it.
    // Returns its row in the list of calls.
    int addCall(const HttpExchangeRecord &record, const QString &label = {});
    void clear();

    bool hasResult() const { return m_hasResult; }
    const ExchangeResult &result() const { return m_result; }
    int callCount() const;
    int currentCall() const;
    void showCall(int row);

    bool secretsRevealed() const { return m_revealed; }
    // Presentation mode: false masks every secret and disables "Reveal secrets".
    void setRevealAllowed(bool allowed);
    // While an org call runs the action buttons are disabled.
    void setActionsEnabled(bool enabled);

    void setUrlOpener(UrlOpener opener);
    SecretClipboard *clipboard() const { return m_clipboard; }
    DiagnosisCard *diagnosisCard() const { return m_card; }

    // Words for a record's header line: "HTTP 200 OK", or the network failure.
    static QString recordSummary(const HttpExchangeRecord &record);
    static QString elapsedText(qint64 milliseconds);

public Q_SLOTS:
    void setSecretsRevealed(bool revealed);
    // Open a URL (the frontdoor link) through the opener; false when it could not be opened, and
    // then the pane says so and offers the link to copy (it signs in: the secret clipboard).
    bool openUrl(const QUrl &url);
    // Copy the selected call (or the exchange) as a curl command, secrets included.
    void copyCurl();

Q_SIGNALS:
    void identityRequested();
    void versionsRequested();
    void queryRequested(const QString &soql);
    void openOrgRequested();
    // "Inspect" on a JWT of the answer (an id_token, an access token that is a JWT).
    void inspectRequested(const QString &token);
    // A diagnosis cause's implicated claim or setting was clicked.
    void fieldActivated(const QString &field);
    void secretsRevealedChanged(bool revealed);

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Call {
        QString label;
        HttpExchangeRecord record;
    };

    void renderHeader();
    void renderToken();
    void renderCall();
    void refreshCallItems();
    void renderCallAnswer();
    void showView(int view);
    void runQuery();
    void copyText(const QString &text, const QString &what);
    void showNotice(const QString &text);
    HttpExchangeRecord::Secrets secrets() const;
    QWidget *buildTokenPage();
    QWidget *buildCallsArea();
    QWidget *buildResultPage();
    QLineEdit *addField(const QString &name, const QString &objectName);

    ExchangeResult m_result;
    bool m_hasResult = false;
    QList<Call> m_calls;
    bool m_revealed = false;
    bool m_revealAllowed = true;
    UrlOpener m_opener;
    SecretClipboard *m_clipboard = nullptr;

    QLabel *m_status = nullptr;
    QLabel *m_elapsed = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_notice = nullptr;
    QTimer *m_noticeTimer = nullptr;
    QCheckBox *m_reveal = nullptr;
    QTabWidget *m_views = nullptr; // Answer, Result, HTTP
    QUrl m_unopenedUrl; // the frontdoor link no browser took, until copied or replaced
    QPushButton *m_copyUrl = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_placeholder = nullptr;
    QScrollArea *m_cardScroll = nullptr;
    DiagnosisCard *m_card = nullptr;

    QWidget *m_tokenPage = nullptr;
    QFormLayout *m_fields = nullptr;
    QLineEdit *m_accessToken = nullptr;
    QToolButton *m_copyToken = nullptr;
    QToolButton *m_inspectToken = nullptr;
    QLineEdit *m_instanceUrl = nullptr;
    QLineEdit *m_identityUrl = nullptr;
    QLineEdit *m_scope = nullptr;
    QLineEdit *m_tokenType = nullptr;
    QLineEdit *m_issuedAt = nullptr;
    QList<QWidget *> m_extraFields;
    QLabel *m_warnings = nullptr;
    QWidget *m_orgActions = nullptr;
    QPushButton *m_identity = nullptr;
    QPushButton *m_versions = nullptr;
    QPushButton *m_openOrg = nullptr;
    QPushButton *m_copyCurlAction = nullptr;
    QLineEdit *m_soql = nullptr;
    QPushButton *m_runQuery = nullptr;
    bool m_themeIconsMade = false; // on the first show (showEvent)

    QWidget *m_resultPage = nullptr;
    QLabel *m_resultCaption = nullptr;
    QStackedWidget *m_resultStack = nullptr;
    QTableView *m_fieldsTable = nullptr;
    QTableView *m_recordsTable = nullptr;
    QListWidget *m_versionList = nullptr;
    QPlainTextEdit *m_resultMessage = nullptr;
    RecordTableModel *m_records = nullptr;
    RecordTableModel *m_fieldRows = nullptr;

    QWidget *m_callsArea = nullptr;
    QListWidget *m_callList = nullptr;
    QLabel *m_callSummary = nullptr;
    QTabWidget *m_tabs = nullptr;
    QPlainTextEdit *m_pretty = nullptr;
    QPlainTextEdit *m_raw = nullptr;
    QPlainTextEdit *m_curl = nullptr;
    QPushButton *m_copyCurl = nullptr;
};

} // namespace jwtflow
