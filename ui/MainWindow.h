#pragma once

#include "core/Clock.h"

#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace jwtflow {

class ConnectionForm;
class ExpiryBadge;
class JsonEditor;
class LintList;
class SignaturePanel;
class TokenDocument;
class TokenEditor;

// The main window. The bearer-flow tab: connection form on top, encoded token on the left,
// decoded header and payload and the signature block on the right, the expiry countdown and the
// lints below. Everything is kept in step by a TokenDocument; widgets present and forward, the
// rules live in model/.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(const Clock &clock = SystemClock::instance(), QWidget *parent = nullptr);

    void openToken(const QString &text);
    TokenDocument *document() const { return m_document; }
    ConnectionForm *connectionForm() const { return m_connection; }
    SignaturePanel *signaturePanel() const { return m_signature; }

private:
    QWidget *createFlowPage();
    void createMenus();
    void showDocument(int origin);
    void showErrors();
    void applyConnection();
    void applyKeys();
    void applyCertificateHeader();
    void runLints();
    void focusField(const QString &field);
    void openTokenFile();
    void showAbout();

    const Clock &m_clock;
    TokenDocument *m_document = nullptr;
    QTabWidget *m_tabs = nullptr;
    ConnectionForm *m_connection = nullptr;
    TokenEditor *m_encoded = nullptr;
    JsonEditor *m_header = nullptr;
    JsonEditor *m_payload = nullptr;
    SignaturePanel *m_signature = nullptr;
    ExpiryBadge *m_expiry = nullptr;
    LintList *m_lints = nullptr;
    QLabel *m_encodedError = nullptr;
    QLabel *m_status = nullptr;
    QTabWidget *m_bottomTabs = nullptr;
};

} // namespace jwtflow
