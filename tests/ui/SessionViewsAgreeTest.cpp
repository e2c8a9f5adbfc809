// Two Bearer flow pages bound to one BearerFlowSession always show the same state — connection,
// token panes, signature, problems, the pasted-token bar, the failure banner, the answer and the
// status line: a seeded, reproducible random sequence of edits (typed into either page), pastes,
// key loads, failures on purpose and sends against the real practice org, checked after every step.
#include "FailureBanner.h"
#include "FlowPage.h"
#include "KeyPicker.h"
#include "PastedTokenBar.h"
#include "SignaturePanel.h"
#include "crypto/KeyLoader.h"
#include "crypto/Signer.h"
#include "flow/BearerFlowSession.h"
#include "practice/PracticeOrg.h"
#include "support/WaitFor.h"
#include "token/Jwt.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QRandomGenerator>
#include <QTabWidget>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace jwtflow;

namespace {

QString fixture(const char *name)
{
    return QStringLiteral(JWTFLOW_TEST_DATA "/keys/") + QString::fromLatin1(name);
}

// Types text into a line edit as a user does (select all, then the characters): textEdited fires.
void typeInto(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    if (text.isEmpty()) {
        QKeyEvent press(QEvent::KeyPress, Qt::Key_Delete, Qt::NoModifier);
        QCoreApplication::sendEvent(edit, &press);
        return;
    }
    for (const QChar c : text) {
        QKeyEvent press(QEvent::KeyPress, Qt::Key_unknown, Qt::NoModifier, QString(c));
        QCoreApplication::sendEvent(edit, &press);
    }
}

struct Views {
    FlowPage root;
    SignaturePanel *signature;
    PastedTokenBar *pasted;
    FailureBanner *banner;
    QString status; // the page's last status-bar text
    explicit Views(BearerFlowSession *session)
        : root(session->clock(), session, false)
        , signature(root.signaturePanel())
        , pasted(root.findChild<PastedTokenBar *>())
        , banner(root.findChild<FailureBanner *>())
    {
        QObject::connect(&root, &FlowPage::status, &root, [this](const QString &text) { status = text; });
    }
    QString field(const char *name) const { return root.findChild<QLineEdit *>(QString::fromLatin1(name))->text().trimmed(); }
    QString label(const char *name) const { return root.findChild<QLabel *>(QString::fromLatin1(name))->text(); }
    QString text(const char *name) const { return root.findChild<QPlainTextEdit *>(QString::fromLatin1(name))->toPlainText(); }
    QString state() const
    {
        QStringList s;
        s << root.findChild<QComboBox *>(QStringLiteral("environment"))->currentText();
        for (const char *name : { "clientId", "username", "audience" })
            s << field(name);
        s << text("encodedEditor") << text("headerEditor") << text("payloadEditor");
        s << label("signatureState") << label("keyMatchBadge");
        s << root.findChild<QTabWidget *>(QStringLiteral("bottomTabs"))->tabText(0); // Problems (n)
        s << (pasted->isHidden() ? QStringLiteral("-") : pasted->text());
        s << (banner->isHidden() ? QStringLiteral("-") : banner->text());
        s << label("responseStatus") << label("responseSummary");
        s << status;
        return s.join(QStringLiteral(" | "));
    }
};

QString signedToken(const QJsonObject &claims, const char *keyFile)
{
    auto jwt = Jwt::compose(
        QByteArrayLiteral("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"), QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const auto key = KeyLoader::loadPrivateKey(fixture(keyFile));
    if (!jwt || !key || !Signer::sign(jwt.value(), key.value(), QStringLiteral("RS256")))
        return {};
    return QString::fromLatin1(jwt->encoded());
}

} // namespace

TEST(SessionViews, TwoViewsAgreeAfterEveryStepOfARandomSession)
{
    KeyPicker::setSynchronousLoading(true);
    QTemporaryDir data;
    // demo.* = the fixtures' rsa2048 pair, so no key is generated.
    for (const auto &[from, to] : { std::pair { "rsa2048-pkcs8.pem", "demo.key" }, std::pair { "rsa2048.crt", "demo.crt" },
             std::pair { "rsa2048.cer", "demo.cer" }, std::pair { "other2048.pem", "org-signing.key" },
             std::pair { "other2048.crt", "org-signing.crt" } })
        ASSERT_TRUE(QFile::copy(fixture(from), QDir(data.path()).filePath(QString::fromLatin1(to))));
    PracticeOrg org;
    PracticeOrg::Options options;
    options.dataFolder = data.path();
    ASSERT_TRUE(org.start(options).ok());
    QNetworkAccessManager network;
    BearerFlowSession session(SystemClock::instance(), &network);
    session.setPracticeOrg(&org);
    session.setConnection({ AssertionPreset::Environment::PracticeOrg, {}, org.consumerKey(), org.username(), {} });

    Views a(&session);
    Views b(&session);
    Views *views[] = { &a, &b };

    const QString keys[] = { fixture("rsa2048-pkcs8.pem"), fixture("other2048.pem") };
    const QString certs[] = { fixture("rsa2048.crt"), fixture("other2048.crt") };
    const QString clientIds[] = { org.consumerKey(), QStringLiteral("3MVG9unknown"), QString() };
    const QString usernames[] = { org.username(), QStringLiteral("nobody@acme.com"), QString() };
    const QString audiences[]
        = { QString(), QStringLiteral("https://login.salesforce.com"), QStringLiteral("https://test.salesforce.com") };
    const QJsonObject foreign { { QStringLiteral("iss"), QStringLiteral("https://acme.my.salesforce.com") },
        { QStringLiteral("sub"), QStringLiteral("005xx000001SwiUAAS") },
        { QStringLiteral("aud"), QStringLiteral("3MVG9OtherApp") },
        { QStringLiteral("exp"), SystemClock::instance().nowSecs() + 600 } };
    const QString pastes[] = { signedToken(foreign, "other2048.pem"), QStringLiteral("not a token"),
        QStringLiteral("eyJhbGciOiJub25lIn0.eyJpc3MiOiIzTVZHOWFiYyIsInN1YiI6ImJvYkBleGFtcGxlLmNvbSJ9.") };

    QRandomGenerator random(20261202); // seeded: the same sequence on every run
    int sends = 0;
    constexpr int kSteps = 240;
    for (int step = 0; step < kSteps; ++step) {
        Views *v = views[random.bounded(2)];
        const int action = int(random.bounded(11u));
        QString what;
        switch (action) {
        case 0:
            what = QStringLiteral("type client id");
            typeInto(v->root.findChild<QLineEdit *>(QStringLiteral("clientId")), clientIds[random.bounded(3)]);
            break;
        case 1:
            what = QStringLiteral("type username");
            typeInto(v->root.findChild<QLineEdit *>(QStringLiteral("username")), usernames[random.bounded(3)]);
            break;
        case 2:
            what = QStringLiteral("type audience");
            typeInto(v->root.findChild<QLineEdit *>(QStringLiteral("audience")), audiences[random.bounded(3)]);
            break;
        case 3: {
            what = QStringLiteral("environment");
            auto *combo = v->root.findChild<QComboBox *>(QStringLiteral("environment"));
            combo->setCurrentIndex(random.bounded(2) ? combo->findText(QStringLiteral("Practice org"))
                                                     : combo->findText(QStringLiteral("Production")));
            break;
        }
        case 4:
            what = QStringLiteral("signing key");
            v->signature->signingPicker()->loadFile(keys[random.bounded(2)]);
            break;
        case 5:
            what = QStringLiteral("certificate");
            v->signature->certificatePicker()->loadFile(certs[random.bounded(2)]);
            break;
        case 6:
            what = QStringLiteral("verification key");
            v->signature->verificationPicker()->loadFile(certs[random.bounded(2)]);
            break;
        case 7:
            what = QStringLiteral("paste");
            session.pasteToken(pastes[random.bounded(3)]);
            break;
        case 8: {
            what = QStringLiteral("use token / undo / new assertion");
            const int pick = int(random.bounded(3u));
            if (pick == 0)
                session.adoptTokenConnection();
            else if (pick == 1)
                session.undoConnection();
            else
                session.composeFromConnection();
            break;
        }
        case 9: {
            what = QStringLiteral("failure on purpose");
            if (random.bounded(2))
                (void)session.applyFailure(ScenarioSwitchboard::Switch::UserNotApproved);
            else
                session.resetFailure();
            break;
        }
        default: {
            what = QStringLiteral("send");
            const int serial = session.answerSerial();
            if (session.send().ok()) {
                ++sends;
                ASSERT_TRUE(test::waitFor([&] { return session.answerSerial() > serial; }, 10000, 1)) << "step " << step;
            }
            break;
        }
        }
        // Both views show the session's facts, and the same ones.
        ASSERT_EQ(a.state().toStdString(), b.state().toStdString()) << "step " << step << " (" << what.toStdString() << ")";
        const auto c = session.connection();
        ASSERT_EQ(a.field("clientId"), c.clientId) << "step " << step;
        ASSERT_EQ(a.field("username"), c.username) << "step " << step;
        ASSERT_EQ(a.field("audience"), c.audience) << "step " << step;
        ASSERT_EQ(a.pasted->isHidden(), session.tokenDiffers().isEmpty() && !session.canUndoConnection()) << "step " << step;
        ASSERT_EQ(a.banner->isHidden(), !session.activeFailure().has_value()) << "step " << step;
    }
    EXPECT_GE(sends, 10); // the sequence does reach the practice org
    EXPECT_FALSE(a.label("responseStatus").isEmpty()); // and the answers were part of what was compared
    EXPECT_FALSE(a.status.isEmpty());
}
