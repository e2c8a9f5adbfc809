#pragma once

#include "core/Clock.h"
#include "core/SecretBytes.h"

#include <QWidget>

class QLabel;
class QScrollArea;
class QSplitter;
class QTabWidget;

namespace jwtflow {

class BearerFlowSession;
class ConnectionForm;
class ExpiryBadge;
class FailureBanner;
class JsonEditor;
class LintList;
class PastedTokenBar;
class ResponsePane;
class SecretClipboard;
class SendBar;
class SignaturePanel;
class TokenDocument;
class TokenEditor;

// The Bearer flow tab: the failure banner and the connection form on top, the encoded token on
// the left, the decoded header and payload and the signature block beside it, the expiry
// countdown, the problems and the answer below. Every part binds to the one BearerFlowSession;
// the page only lays them out and routes what none of them owns (a field to focus, an answer to
// bring into view).
class FlowPage : public QWidget {
    Q_OBJECT

public:
    // highlightNow false: the JSON syntax definitions load later (startHighlighting), after the
    // window's first paint.
    FlowPage(const Clock &clock, BearerFlowSession *session, bool highlightNow, QWidget *parent = nullptr);

    ConnectionForm *connectionForm() const { return m_connection; }
    SignaturePanel *signaturePanel() const { return m_signature; }
    ResponsePane *responsePane() const { return m_response; }

    void startHighlighting();
    // Loads key files into the signature block as if chosen there; an empty path leaves that one.
    void loadKeyFiles(const QString &signingKey, const QString &certificate);
    // One key file each, as a saved profile has them: an empty path clears that choice.
    void setSigningKeyFile(const QString &path, const QByteArray &passphrase);
    void setCertificateFile(const QString &path);
    void setVerificationKeyFile(const QString &path);
    SecretBytes signingPassphrase() const; // the one that opened the signing key, if any (a copy, wiped when dropped)
    void openToken(const QString &text); // as if typed into the encoded pane
    // Puts the focus on a walkthrough step's subject ("signing-key", "payload", "send", ...).
    bool focusTarget(const QString &target);
    // A connection field ("iss", "host", ...), "key", or a claim / "header.<member>" in the JSON panes.
    void focusField(const QString &field);
    // Presentation mode: secrets stay masked whatever is clicked.
    void setRevealAllowed(bool allowed);
    // Beside the trainer dock the JSON panes get the largest share of the columns.
    void shareColumns(bool besideTrainer);

Q_SIGNALS:
    void status(const QString &text); // this tab's latest event, for the status bar
    void sendRequested();
    void inspectRequested(const QString &token);

private:
    void buildLayout();
    void bindToSession();
    void copyEncodedToken();
    void showDocument(int origin);
    void showErrors();
    void showLints();
    void showAnswer();
    void setProblemsTabText(const QString &text);
    void setTabOrder();

    const Clock &m_clock;
    BearerFlowSession *m_session;
    TokenDocument *m_document; // the session's
    ConnectionForm *m_connection = nullptr;
    FailureBanner *m_failureBanner = nullptr;
    PastedTokenBar *m_pastedBar = nullptr;
    TokenEditor *m_encoded = nullptr;
    QLabel *m_encodedError = nullptr;
    ExpiryBadge *m_expiry = nullptr;
    JsonEditor *m_header = nullptr;
    JsonEditor *m_payload = nullptr;
    SignaturePanel *m_signature = nullptr;
    LintList *m_lints = nullptr;
    SendBar *m_sendBar = nullptr;
    SecretClipboard *m_clipboard = nullptr; // the encoded token's Copy
    ResponsePane *m_response = nullptr;
    QScrollArea *m_responseScroll = nullptr;
    QTabWidget *m_bottomTabs = nullptr;
    QSplitter *m_editors = nullptr;
    QSplitter *m_decoded = nullptr; // Header above Payload
    QSplitter *m_vertical = nullptr;
    bool m_userSizedAnswer = false; // the user dragged the editors/answer split: keep it
};

} // namespace jwtflow
