#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "inspect/BearerFlowHint.h"
#include "inspect/IdTokenVerifier.h"
#include "inspect/KeyDiscovery.h"
#include "inspect/TokenInspection.h"

#include <QWidget>

#include <optional>

class QFrame;
class QLabel;
class QLineEdit;
class QListWidget;
class QNetworkAccessManager;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace jwtflow {

// The ID token inspector tab, for support engineers handed an id_token: paste anything (a token,
// a token response, an Authorization header, a URL), see every token found and what it is, the
// selected one's claims in plain words, and its verification (signature with pasted, picked or
// fetched keys; iss, aud, times, nonce, at_hash) as a list of passed / failed / skipped checks.
// The plain-language panel says what the token can and cannot do, with one click over to the
// bearer flow. Presents the model (inspect/); no crypto, HTTP or JSON rules of its own.
class IdTokenInspector : public QWidget {
    Q_OBJECT

public:
    // `manager` is used for fetching issuer keys; without one the widget makes its own (system proxy).
    explicit IdTokenInspector(
        const Clock &clock = SystemClock::instance(), QNetworkAccessManager *manager = nullptr, QWidget *parent = nullptr);

    void setInput(const QString &text);
    QString input() const;

    int tokenCount() const { return static_cast<int>(m_items.size()); }
    void selectToken(int index);
    int selectedIndex() const { return m_selected; }

    // For the selected token: what it pre-fills in the bearer flow, and its last verification.
    BearerFlowHint bearerFlowHint() const;
    std::optional<IdTokenVerifier::Report> report() const { return m_report; }
    // The line the inspector opens with (InspectionVerdict), as shown and as "Copy verdict" copies it.
    QString verdictLine() const;
    KeyDiscovery *discovery() const { return m_discovery; }

Q_SIGNALS:
    // "Use in the JWT bearer flow": the main tab pre-fills iss (consumer key) and sub (username);
    // either may be empty where the token has nothing that maps. bearerFlowHint() has the audience.
    // "Use in the JWT bearer flow": what the token maps to (iss, sub, the issuer's login host as aud)
    // and how each was mapped, for the session to build a working assertion from.
    void useInMainTab(const jwtflow::BearerFlowHint &hint);

protected:
    // Presentation mode changes the font: the headline and the mapping note follow it both ways.
    void changeEvent(QEvent *event) override;

private:
    void sizeFonts();
    enum class KeySource { None, Pasted, File, Fetched };

    QWidget *createVerdictBar();
    QWidget *createInputPane();
    QWidget *createDetailsPane();
    QWidget *createVerifyPane();

    void reinspect();
    void showSelected();
    void showClaims(const TokenInspection::Item &item);
    void verify();
    void chooseKeyFile();
    void fetchKeys(bool refetch);
    void onKeysReady(const KeyDiscovery::IssuerKeys &keys, bool fromCache);
    void onKeysFailed(const QString &issuer, const Error &error);
    void updateKeyButtons();
    void showVerdict();

    // The keys to verify with: the user's last choice among pasted text, a file and fetched keys,
    // falling back to whichever is there. `status` describes them (or why they cannot be read).
    std::optional<KeyMaterial> currentKeys(QString *status, QString *expectedIssuer) const;
    const TokenInspection::Item *selectedItem() const;

    const Clock &m_clock;
    QNetworkAccessManager *m_manager = nullptr;
    KeyDiscovery *m_discovery = nullptr;

    QList<TokenInspection::Item> m_items;
    int m_selected = -1;
    std::optional<IdTokenVerifier::Report> m_report;
    KeySource m_keySource = KeySource::None;
    std::optional<Error> m_fetchError; // of the selected token's issuer, until the next fetch
    QString m_fetchErrorIssuer;

    QPlainTextEdit *m_input = nullptr;
    QListWidget *m_found = nullptr;
    QLabel *m_kind = nullptr;
    QLabel *m_explanation = nullptr;
    QFrame *m_plainPanel = nullptr;
    QLabel *m_plainText = nullptr;
    QLabel *m_mapping = nullptr;
    QPushButton *m_useButton = nullptr;
    QLabel *m_header = nullptr;
    QTableWidget *m_claims = nullptr;
    QLineEdit *m_keyFile = nullptr;
    QPushButton *m_keyFileButton = nullptr;
    QPlainTextEdit *m_keyPaste = nullptr;
    QPushButton *m_fetchButton = nullptr;
    QPushButton *m_refetchButton = nullptr;
    QLabel *m_keyStatus = nullptr;
    QLineEdit *m_clientId = nullptr;
    QLineEdit *m_nonce = nullptr;
    QLineEdit *m_accessToken = nullptr;
    QSpinBox *m_skew = nullptr;
    QListWidget *m_checks = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_verdict = nullptr;
    QPushButton *m_copyVerdict = nullptr;
};

} // namespace jwtflow
