// The ID token inspector tab, offscreen: paste a token response, pick the id_token, verify it with
// a pasted JWK, read the plain-language panel, and go over to the bearer flow.
#include "IdTokenInspector.h"
#include "Icons.h"
#include "support/IdTokenFixtures.h"

#include <QClipboard>
#include <QEventLoop>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QTcpServer>
#include <QTimer>

#include <gtest/gtest.h>

using namespace jwtflow;
using namespace idtokentest;

namespace {

QString tokenResponse(qint64 now = kNow, const QString &issuer = kIssuer)
{
    return QStringLiteral(
        R"({"access_token":"%1","id_token":"%2","instance_url":"https://acme.my.salesforce.com","token_type":"Bearer"})")
        .arg(kAccessToken, idToken(now, issuer));
}

template<typename T> T *child(const QWidget &widget, const char *name)
{
    T *found = widget.findChild<T *>(QString::fromLatin1(name));
    EXPECT_NE(found, nullptr) << name;
    return found;
}

QString checkStatus(const QWidget &widget, const QString &name)
{
    auto *list = child<QListWidget>(widget, "checksList");
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->data(Qt::UserRole).toString() == name)
            return list->item(i)->data(Qt::UserRole + 1).toString();
    }
    return QStringLiteral("(absent)");
}

// Pastes, picks and fills in what a support engineer would.
void fillIn(IdTokenInspector &inspector)
{
    inspector.setInput(tokenResponse());
    child<QPlainTextEdit>(inspector, "keyPasteEdit")->setPlainText(QString::fromUtf8(readKeyFile("rsa2048.jwk.json")));
    child<QLineEdit>(inspector, "clientIdEdit")->setText(kClientId);
    child<QLineEdit>(inspector, "nonceEdit")->setText(kNonce);
}

} // namespace

TEST(IdTokenInspector, EveryInteractiveWidgetHasAnObjectName)
{
    const FixedClock clock(kNow);
    IdTokenInspector inspector(clock);
    for (const char *name :
        { "inspectorInput", "foundTokens", "claimsTable", "useInBearerFlowButton", "keyFileEdit", "keyFileButton", "keyPasteEdit",
            "fetchKeysButton", "refetchKeysButton", "clientIdEdit", "nonceEdit", "accessTokenEdit", "skewSpin", "checksList",
            "plainLanguagePanel", "plainLanguageText", "tokenKind", "keyStatusLabel" })
        EXPECT_NE(inspector.findChild<QWidget *>(QString::fromLatin1(name)), nullptr) << name;
    for (QLabel *label : inspector.findChildren<QLabel *>()) {
        if (!label->objectName().isEmpty()) {
            EXPECT_EQ(label->textFormat(), Qt::PlainText) << label->objectName().toStdString();
        }
    }
}

TEST(IdTokenInspector, ATokenResponseListsBothTokensAndSelectsTheIdToken)
{
    const FixedClock clock(kNow);
    IdTokenInspector inspector(clock);
    inspector.setInput(tokenResponse());
    auto *found = child<QListWidget>(inspector, "foundTokens");
    ASSERT_EQ(found->count(), 2);
    EXPECT_EQ(found->item(0)->text(), QStringLiteral("id_token — OpenID Connect ID token"));
    EXPECT_EQ(found->item(1)->text(), QStringLiteral("access_token — Salesforce access token (opaque)"));
    EXPECT_EQ(inspector.selectedIndex(), 0);
    EXPECT_EQ(child<QLabel>(inspector, "tokenKind")->text(), QStringLiteral("OpenID Connect ID token"));

    inspector.selectToken(1);
    EXPECT_EQ(child<QLabel>(inspector, "tokenKind")->text(), QStringLiteral("Salesforce access token (opaque)"));
    EXPECT_TRUE(child<QPushButton>(inspector, "useInBearerFlowButton")->isHidden());
    inspector.selectToken(0);
    EXPECT_FALSE(child<QPushButton>(inspector, "useInBearerFlowButton")->isHidden());
}

TEST(IdTokenInspector, ThePlainLanguagePanelSaysWhatAnIdTokenCannotDo)
{
    const FixedClock clock(kNow);
    IdTokenInspector inspector(clock);
    inspector.setInput(tokenResponse());
    const QString text = child<QLabel>(inspector, "plainLanguageText")->text();
    EXPECT_TRUE(text.contains(QStringLiteral("An ID token tells the client who signed in; it cannot authorise API calls")))
        << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("JWT bearer flow")));
    EXPECT_TRUE(text.contains(QStringLiteral("This input has one"))) << text.toStdString();
    EXPECT_FALSE(child<QWidget>(inspector, "plainLanguagePanel")->isHidden());
}

TEST(IdTokenInspector, ClaimsTableExplainsAndMarksUnknownClaims)
{
    const FixedClock clock(kNow);
    IdTokenInspector inspector(clock);
    inspector.setInput(tokenResponse());
    auto *table = child<QTableWidget>(inspector, "claimsTable");
    ASSERT_GT(table->rowCount(), 5);
    bool sawExp = false;
    bool sawUnknown = false;
    for (int row = 0; row < table->rowCount(); ++row) {
        const QString name = table->item(row, 0)->text();
        if (name == QStringLiteral("exp")) {
            sawExp = true;
            EXPECT_TRUE(table->item(row, 1)->text().contains(QStringLiteral("expires in 5 min")))
                << table->item(row, 1)->text().toStdString();
            EXPECT_TRUE(table->item(row, 2)->text().contains(QStringLiteral("Expiration time")));
            EXPECT_EQ(table->item(row, 3)->text(), QStringLiteral("RFC 7519"));
        }
        if (name == QStringLiteral("x_custom")) {
            sawUnknown = true;
            EXPECT_FALSE(table->item(row, 0)->data(Qt::UserRole).toBool());
            EXPECT_TRUE(table->item(row, 2)->text().startsWith(QStringLiteral("Unknown claim")));
        }
    }
    EXPECT_TRUE(sawExp);
    EXPECT_TRUE(sawUnknown);
}

TEST(IdTokenInspector, VerifyingWithAPastedJwkShowsTheChecksPassed)
{
    const FixedClock clock(kNow);
    IdTokenInspector inspector(clock);
    inspector.setInput(tokenResponse());
    EXPECT_EQ(checkStatus(inspector, QStringLiteral("signature")), QStringLiteral("skipped"));
    fillIn(inspector);
    for (const char *name : { "signature", "aud", "exp", "iat", "nonce", "at_hash" })
        EXPECT_EQ(checkStatus(inspector, QString::fromLatin1(name)), QStringLiteral("passed")) << name;
    ASSERT_TRUE(inspector.report().has_value());
    EXPECT_FALSE(inspector.report()->anyFailed());
    EXPECT_TRUE(child<QLabel>(inspector, "keyStatusLabel")->text().contains(QStringLiteral("pasted key")))
        << child<QLabel>(inspector, "keyStatusLabel")->text().toStdString();
    EXPECT_TRUE(child<QLabel>(inspector, "verificationSummary")->text().startsWith(QStringLiteral("No check failed")));

    child<QLineEdit>(inspector, "clientIdEdit")->setText(QStringLiteral("3MVG9other"));
    EXPECT_EQ(checkStatus(inspector, QStringLiteral("aud")), QStringLiteral("failed"));
    EXPECT_TRUE(child<QLabel>(inspector, "verificationSummary")->text().startsWith(QStringLiteral("1 check failed")));
}

TEST(IdTokenInspector, EachCheckCarriesTheIconOfItsStatus)
{
    const FixedClock clock(kNow);
    IdTokenInspector inspector(clock);
    fillIn(inspector);
    child<QLineEdit>(inspector, "clientIdEdit")->setText(QStringLiteral("3MVG9other")); // aud fails
    auto *list = child<QListWidget>(inspector, "checksList");
    QSet<QString> seen;
    for (int i = 0; i < list->count(); ++i) {
        const QListWidgetItem *item = list->item(i);
        const QString status = item->data(Qt::UserRole + 1).toString();
        const Icons::Role role = status == QLatin1String("passed") ? Icons::Role::Ok
            : status == QLatin1String("failed")                    ? Icons::Role::Error
                                                                   : Icons::Role::Information;
        EXPECT_EQ(item->icon().cacheKey(), Icons::icon(role).cacheKey()) << item->text().toStdString();
        seen << status;
    }
    EXPECT_TRUE(seen.contains(QStringLiteral("passed")));
    EXPECT_TRUE(seen.contains(QStringLiteral("failed")));
}

TEST(IdTokenInspector, TheBearerFlowButtonEmitsIssAndSub)
{
    const FixedClock clock(kNow);
    IdTokenInspector inspector(clock);
    inspector.setInput(tokenResponse());
    QString iss;
    QString sub;
    QObject::connect(&inspector, &IdTokenInspector::useInMainTab, &inspector, [&](const jwtflow::BearerFlowHint &hint) {
        iss = hint.iss;
        sub = hint.sub;
    });
    child<QPushButton>(inspector, "useInBearerFlowButton")->click();
    EXPECT_EQ(iss, kClientId);
    EXPECT_EQ(sub, QStringLiteral("ann@example.com"));
    EXPECT_EQ(inspector.bearerFlowHint().audience, kIssuer);
    EXPECT_TRUE(child<QLabel>(inspector, "bearerFlowMapping")->text().contains(QStringLiteral("preferred_username")));
}

TEST(IdTokenInspector, AnUnreachableIssuerOffersToPasteTheKeys)
{
    QTcpServer closed;
    ASSERT_TRUE(closed.listen(QHostAddress::LocalHost, 0));
    const QString issuer = QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort());
    closed.close();

    const FixedClock clock(kNow);
    IdTokenInspector inspector(clock);
    inspector.discovery()->setTimeout(3000);
    inspector.setInput(idToken(kNow, issuer));
    auto *fetch = child<QPushButton>(inspector, "fetchKeysButton");
    ASSERT_TRUE(fetch->isEnabled());
    EXPECT_FALSE(child<QPushButton>(inspector, "refetchKeysButton")->isEnabled());
    QEventLoop loop;
    QObject::connect(inspector.discovery(), &KeyDiscovery::failed, &loop, &QEventLoop::quit);
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    fetch->click();
    loop.exec();
    const QString status = child<QLabel>(inspector, "keyStatusLabel")->text();
    EXPECT_TRUE(status.contains(QStringLiteral("offline"))) << status.toStdString();
    EXPECT_TRUE(status.contains(QStringLiteral("Paste the issuer's keys"))) << status.toStdString();
    EXPECT_EQ(checkStatus(inspector, QStringLiteral("signature")), QStringLiteral("skipped"));
}

// Not a check: renders the tab for people to look at, when asked to.
TEST(IdTokenInspector, Screenshot)
{
    const QByteArray path = qgetenv("JWTFLOW_INSPECTOR_SCREENSHOT");
    if (path.isEmpty())
        GTEST_SKIP() << "set JWTFLOW_INSPECTOR_SCREENSHOT=FILE.png to render the tab";
    const FixedClock clock(kNow);
    IdTokenInspector inspector(clock);
    inspector.resize(1280, 860);
    fillIn(inspector);
    inspector.show();
    QEventLoop loop;
    QTimer::singleShot(200, &loop, &QEventLoop::quit);
    loop.exec();
    EXPECT_TRUE(inspector.grab().save(QString::fromLocal8Bit(path)));
}

TEST(IdTokenInspector, OpensWithAVerdictLineThatCopiesAsShown)
{
    const FixedClock clock(kNow + 3 * 3600 + 600); // the token expired 3 hours ago
    IdTokenInspector inspector(clock);
    inspector.setInput(tokenResponse());
    child<QPlainTextEdit>(inspector, "keyPasteEdit")->setPlainText(QString::fromUtf8(readKeyFile("rsa2048.jwk.json")));
    auto *verdict = child<QLabel>(inspector, "verdictLine");
    EXPECT_EQ(verdict->textFormat(), Qt::PlainText);
    EXPECT_TRUE(verdict->text().startsWith(QStringLiteral("OpenID Connect ID token · expired 3 hours ago (")))
        << verdict->text().toStdString();
    EXPECT_TRUE(verdict->text().contains(QStringLiteral(" · signature verified with "))) << verdict->text().toStdString();
    EXPECT_TRUE(verdict->property("problem").toBool());
    EXPECT_EQ(inspector.verdictLine(), verdict->text());

    child<QPushButton>(inspector, "copyVerdictButton")->click();
    EXPECT_EQ(QGuiApplication::clipboard()->text(), verdict->text());

    child<QLineEdit>(inspector, "clientIdEdit")->setText(QStringLiteral("3MVG9someOtherApp"));
    EXPECT_TRUE(verdict->text().endsWith(QStringLiteral("NOT the expected client id"))) << verdict->text().toStdString();
}
