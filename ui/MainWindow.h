#pragma once

#include <QMainWindow>

class QLabel;

namespace jwtflow {

class JsonEditor;
class TokenDocument;
class TokenEditor;

// The main window: encoded token on the left, decoded header and payload on the right, both
// editable, kept in step by a TokenDocument. Widgets present and forward; the rules live in model/.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

    void openToken(const QString &text);
    TokenDocument *document() const { return m_document; }

private:
    void createMenus();
    void showDocument(int origin);
    void showErrors();
    void showSignatureState();
    void openTokenFile();
    void showAbout();

    TokenDocument *m_document = nullptr;
    TokenEditor *m_encoded = nullptr;
    JsonEditor *m_header = nullptr;
    JsonEditor *m_payload = nullptr;
    QLabel *m_encodedError = nullptr;
    QLabel *m_signature = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace jwtflow
