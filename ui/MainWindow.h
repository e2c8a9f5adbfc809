#pragma once

#include <QMainWindow>

class QLabel;
class QPlainTextEdit;

namespace jwtflow {

// The main window: encoded token on the left, decoded header and payload on the right.
// It presents the model (Jwt) and forwards what the user types; the rules live in model/.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

    void openToken(const QString &text);

private:
    void createMenus();
    void decodeEncodedText();
    void openTokenFile();
    void showAbout();

    QPlainTextEdit *m_encoded = nullptr;
    QPlainTextEdit *m_header = nullptr;
    QPlainTextEdit *m_payload = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace jwtflow
