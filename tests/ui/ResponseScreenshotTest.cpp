// Renders the response widgets in their main states at 900x600. With JWTFLOW_SCREENSHOT_DIR set,
// the images are saved there as response-*.png to be looked at; without it they are only rendered.
#include "ResponseFixtures.h"
#include "ResponsePane.h"
#include "SendBar.h"

#include <QApplication>
#include <QDir>
#include <QPalette>
#include <QPixmap>
#include <QVBoxLayout>
#include <gtest/gtest.h>

using namespace jwtflow;
namespace fx = jwtflow::fixtures;

namespace {

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2a, 0x2e, 0x32));
    p.setColor(QPalette::WindowText, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::Base, QColor(0x1b, 0x1e, 0x20));
    p.setColor(QPalette::AlternateBase, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::Text, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::Button, QColor(0x31, 0x36, 0x3b));
    p.setColor(QPalette::ButtonText, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
    p.setColor(QPalette::HighlightedText, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::PlaceholderText, QColor(0xa1, 0xa9, 0xb1));
    p.setColor(QPalette::ToolTipBase, QColor(0x31, 0x36, 0x3b));
    p.setColor(QPalette::ToolTipText, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::Mid, QColor(0x4d, 0x53, 0x59));
    p.setColor(QPalette::Dark, QColor(0x14, 0x16, 0x18));
    p.setColor(QPalette::Light, QColor(0x40, 0x46, 0x4c));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6e, 0x75, 0x7c));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6e, 0x75, 0x7c));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6e, 0x75, 0x7c));
    return p;
}

struct Scene {
    Scene()
    {
        window.setObjectName(QStringLiteral("screenshotWindow"));
        auto *layout = new QVBoxLayout(&window);
        layout->setContentsMargins(12, 12, 12, 12);
        layout->setSpacing(10);
        bar = new SendBar(&window);
        pane = new ResponsePane(&window);
        pane->setUrlOpener([](const QUrl &) { return true; });
        layout->addWidget(bar);
        layout->addWidget(pane, 1);
        window.resize(900, 600);
        window.show();
    }

    void save(const char *name)
    {
        QApplication::processEvents();
        const QPixmap shot = window.grab();
        EXPECT_EQ(shot.size(), window.size() * shot.devicePixelRatio());
        const QString dir = qEnvironmentVariable("JWTFLOW_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            EXPECT_TRUE(shot.save(QDir(dir).filePath(QStringLiteral("response-%1.png").arg(QLatin1String(name)))));
        }
    }

    QWidget window;
    SendBar *bar = nullptr;
    ResponsePane *pane = nullptr;
};

void success(Scene &scene)
{
    scene.pane->setResult(fx::success());
    scene.pane->addCall(fx::identityCall(), QStringLiteral("Identity"));
}

void diagnosis(Scene &scene, const QByteArray &description, const QString &aud)
{
    const ExchangeResult result = fx::oauthError(description, aud);
    scene.pane->setResult(result, Diagnosis::diagnose(result, fx::context(aud)));
}

void tls(Scene &scene)
{
    const ExchangeResult result = fx::transport(HttpExchangeRecord::Transport::Tls,
        QStringLiteral("SSL handshake failed: The issuer certificate of a locally looked up certificate could not be found"),
        { QStringLiteral(
            "login.salesforce.com: The issuer certificate of a locally looked up certificate could not be found (certificate "
            "login.salesforce.com / Salesforce, Inc., issued by Corp TLS Inspection CA / Example Corp, valid "
            "2025-01-01T00:00:00Z to "
            "2026-01-01T00:00:00Z, SHA-256 "
            "3f:1c:9a:0b:77:e2:51:4d:c8:02:aa:19:6e:f4:3b:90:12:55:de:ad:be:ef:00:11:22:33:44:55:66:77:88:99)") },
        212);
    scene.pane->setResult(result, Diagnosis::diagnose(result, fx::context()));
}

} // namespace

TEST(ResponseScreenshots, MainStatesRender)
{
    {
        Scene scene;
        scene.save("empty");
    }
    {
        Scene scene;
        success(scene);
        scene.save("success");
        scene.pane->showCall(0);
        scene.pane->setSecretsRevealed(true);
        scene.save("success-revealed");
    }
    {
        Scene scene;
        diagnosis(scene, "audience is invalid", QStringLiteral("https://test.salesforce.com"));
        scene.save("diagnosis");
    }
    {
        Scene scene;
        diagnosis(scene, "user hasn't approved this consumer", QStringLiteral("https://login.salesforce.com"));
        scene.save("diagnosis-ambiguous");
    }
    {
        Scene scene;
        tls(scene);
        scene.save("transport-tls");
    }
    {
        Scene scene;
        const ExchangeResult result = fx::timeout();
        scene.pane->setResult(result, Diagnosis::diagnose(result, fx::context()));
        scene.bar->setRunning(true);
        scene.save("transport-timeout");
    }
    {
        // Dark as a system switch brings it: through the application palette, which the action
        // icons' ink follows (Icons).
        const QPalette light = QApplication::palette();
        QApplication::setPalette(darkPalette());
        {
            Scene scene;
            success(scene);
            scene.save("success-dark");
            diagnosis(scene, "audience is invalid", QStringLiteral("https://test.salesforce.com"));
            scene.save("diagnosis-dark");
        }
        QApplication::setPalette(light);
    }
}
