#include "ResponsePane.h"

#include "DiagnosisCard.h"
#include "Icons.h"
#include "ResponseFixtures.h"
#include "SecretClipboard.h"
#include "flow/CurlCommand.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolButton>
#include <gtest/gtest.h>

using namespace jwtflow;
namespace fx = jwtflow::fixtures;

namespace {

template<typename T> T *child(const QWidget &parent, const char *name)
{
    T *found = parent.findChild<T *>(QString::fromLatin1(name));
    EXPECT_NE(found, nullptr) << name;
    return found;
}

QString text(const QWidget &pane, const char *name)
{
    if (auto *label = pane.findChild<QLabel *>(QString::fromLatin1(name)))
        return label->text();
    if (auto *edit = pane.findChild<QLineEdit *>(QString::fromLatin1(name)))
        return edit->text();
    if (auto *view = pane.findChild<QPlainTextEdit *>(QString::fromLatin1(name)))
        return view->toPlainText();
    ADD_FAILURE() << "no text widget " << name;
    return {};
}

void click(const QWidget &pane, const char *name)
{
    auto *button = pane.findChild<QAbstractButton *>(QString::fromLatin1(name));
    ASSERT_NE(button, nullptr) << name;
    ASSERT_TRUE(button->isEnabled()) << name;
    button->click();
}

struct Pane {
    Pane()
    {
        pane.resize(900, 600);
        pane.setUrlOpener([this](const QUrl &url) {
            opened << url;
            return true;
        });
        pane.show();
    }
    ResponsePane pane;
    QList<QUrl> opened;
};

} // namespace

TEST(ResponsePane, BeforeAnyExchangeItSaysNothingWasSent)
{
    Pane p;
    EXPECT_FALSE(p.pane.hasResult());
    EXPECT_EQ(text(p.pane, "responseSummary"), QStringLiteral("Nothing sent yet"));
    EXPECT_FALSE(child<QLabel>(p.pane, "responseStatus")->isVisible());
    EXPECT_TRUE(child<QLabel>(p.pane, "responsePlaceholder")->isVisible());
    EXPECT_FALSE(child<QPushButton>(p.pane, "copyCurlButton")->isEnabled());
    EXPECT_EQ(p.pane.callCount(), 0);
}

TEST(ResponsePane, SuccessShowsStatusElapsedSummaryAndTheTokenFields)
{
    Pane p;
    p.pane.setResult(fx::success());
    EXPECT_EQ(text(p.pane, "responseStatus"), QStringLiteral("200 OK"));
    EXPECT_EQ(text(p.pane, "responseElapsed"), QStringLiteral("412 ms"));
    EXPECT_EQ(text(p.pane, "responseSummary"), QStringLiteral("HTTP 200: access token issued (scope: api web)"));
    EXPECT_TRUE(child<QWidget>(p.pane, "tokenPage")->isVisible());
    EXPECT_EQ(text(p.pane, "instanceUrl"), QStringLiteral("https://acme.my.salesforce.com"));
    EXPECT_EQ(
        text(p.pane, "identityUrl"), QStringLiteral("https://login.salesforce.com/id/00D5g000004abcdEAA/0055g00000ABCdeAAH"));
    EXPECT_EQ(text(p.pane, "tokenScope"), QStringLiteral("api web"));
    EXPECT_EQ(text(p.pane, "tokenType"), QStringLiteral("Bearer"));
    EXPECT_EQ(text(p.pane, "issuedAt"), QStringLiteral("1700000000123  (2023-11-14 22:13:20 UTC)"));
    EXPECT_TRUE(child<QWidget>(p.pane, "orgActions")->isVisible());
    EXPECT_FALSE(child<QLabel>(p.pane, "tokenWarnings")->isVisible());
    // The calls: just the exchange, shown below.
    EXPECT_EQ(p.pane.callCount(), 1);
    EXPECT_FALSE(child<QListWidget>(p.pane, "callList")->isVisible());
    EXPECT_TRUE(
        text(p.pane, "callSummary").startsWith(QStringLiteral("POST https://login.salesforce.com/services/oauth2/token")));
    EXPECT_TRUE(text(p.pane, "prettyView").contains(QStringLiteral("\"instance_url\": \"https://acme.my.salesforce.com\"")));
    EXPECT_TRUE(text(p.pane, "rawView").contains(QStringLiteral("HTTP/1.1 200 OK")));
    EXPECT_TRUE(
        text(p.pane, "curlView").startsWith(QStringLiteral("curl -sS 'https://login.salesforce.com/services/oauth2/token'")));
}

TEST(ResponsePane, SecretsStayMaskedUntilRevealed)
{
    Pane p;
    p.pane.setResult(fx::success());
    const auto masked = [&] {
        for (const char *view : { "accessToken", "prettyView", "rawView", "curlView" }) {
            const QString shown = text(p.pane, view);
            EXPECT_FALSE(shown.contains(fx::kTokenSecretPart)) << view;
            EXPECT_FALSE(shown.contains(fx::signatureText())) << view;
        }
    };
    masked();
    EXPECT_TRUE(text(p.pane, "accessToken").startsWith(QStringLiteral("00D5g000004abcd!"))); // the org id stays readable
    EXPECT_TRUE(text(p.pane, "curlView").contains(QStringLiteral("grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer")));

    int changes = 0;
    QObject::connect(&p.pane, &ResponsePane::secretsRevealedChanged, &p.pane, [&](bool) { ++changes; });
    child<QCheckBox>(p.pane, "revealSecrets")->click();
    EXPECT_TRUE(p.pane.secretsRevealed());
    EXPECT_EQ(changes, 1);
    EXPECT_EQ(text(p.pane, "accessToken"), fx::kAccessToken);
    EXPECT_TRUE(text(p.pane, "rawView").contains(fx::kAccessToken));
    EXPECT_TRUE(text(p.pane, "rawView").contains(fx::signatureText()));
    EXPECT_TRUE(text(p.pane, "curlView").contains(fx::signatureText()));

    child<QCheckBox>(p.pane, "revealSecrets")->click();
    EXPECT_FALSE(p.pane.secretsRevealed());
    masked();

    // Presentation mode: masked, and the toggle cannot reveal.
    p.pane.setSecretsRevealed(true);
    p.pane.setRevealAllowed(false);
    EXPECT_FALSE(p.pane.secretsRevealed());
    EXPECT_FALSE(child<QCheckBox>(p.pane, "revealSecrets")->isEnabled());
    p.pane.setSecretsRevealed(true);
    masked();
}

TEST(ResponsePane, CopyPutsTheRealCommandOnTheClipboardMarkedSecretAndClearsIt)
{
    Pane p;
    p.pane.setResult(fx::success());
    p.pane.clipboard()->setClearDelay(150);
    click(p.pane, "copyCurlButton");

    const QString expected = CurlCommand::build(fx::success().record.request, HttpExchangeRecord::Secrets::Show);
    QClipboard *clipboard = QGuiApplication::clipboard();
    EXPECT_EQ(clipboard->text(), expected);
    EXPECT_TRUE(clipboard->text().contains(fx::signatureText()));
    ASSERT_NE(clipboard->mimeData(), nullptr);
    EXPECT_EQ(clipboard->mimeData()->data(QStringLiteral("x-kde-passwordManagerHint")), QByteArray("secret"));
    EXPECT_TRUE(child<QLabel>(p.pane, "responseNotice")->isVisible());
    EXPECT_TRUE(text(p.pane, "responseNotice").contains(QStringLiteral("cleared")));
    EXPECT_FALSE(text(p.pane, "curlView").contains(fx::signatureText())); // what is shown stays masked

    fx::wait(400);
    EXPECT_TRUE(clipboard->text().isEmpty()) << clipboard->text().toStdString();
    EXPECT_EQ(text(p.pane, "responseNotice"), QStringLiteral("The clipboard was cleared."));
}

TEST(ResponsePane, ClearingLeavesWhatTheUserCopiedSinceAlone)
{
    Pane p;
    p.pane.setResult(fx::success());
    p.pane.clipboard()->setClearDelay(100);
    click(p.pane, "copyAccessToken");
    EXPECT_EQ(QGuiApplication::clipboard()->text(), fx::kAccessToken);
    QGuiApplication::clipboard()->setText(QStringLiteral("something else"));
    fx::wait(300);
    EXPECT_EQ(QGuiApplication::clipboard()->text(), QStringLiteral("something else"));
}

TEST(ResponsePane, CopyAsCurlActionCopiesTheTokenRequest)
{
    Pane p;
    p.pane.setResult(fx::success());
    p.pane.addCall(fx::identityCall(), QStringLiteral("Identity")); // selected, but the action is about the exchange
    click(p.pane, "copyExchangeCurlButton");
    EXPECT_EQ(QGuiApplication::clipboard()->text(),
        CurlCommand::build(fx::success().record.request, HttpExchangeRecord::Secrets::Show));
    p.pane.clipboard()->clearNow();
    EXPECT_TRUE(QGuiApplication::clipboard()->text().isEmpty());
}

TEST(ResponsePane, ActionButtonsAndTheSoqlBoxEmitTheirSignals)
{
    Pane p;
    p.pane.setResult(fx::success());
    int identity = 0, versions = 0, openOrg = 0;
    QStringList queries;
    QObject::connect(&p.pane, &ResponsePane::identityRequested, &p.pane, [&] { ++identity; });
    QObject::connect(&p.pane, &ResponsePane::versionsRequested, &p.pane, [&] { ++versions; });
    QObject::connect(&p.pane, &ResponsePane::openOrgRequested, &p.pane, [&] { ++openOrg; });
    QObject::connect(&p.pane, &ResponsePane::queryRequested, &p.pane, [&](const QString &soql) { queries << soql; });

    click(p.pane, "identityButton");
    click(p.pane, "versionsButton");
    click(p.pane, "openOrgButton");
    EXPECT_EQ(identity, 1);
    EXPECT_EQ(versions, 1);
    EXPECT_EQ(openOrg, 1);
    EXPECT_TRUE(p.opened.isEmpty()); // the window answers openOrgRequested() with openUrl()

    auto *soql = child<QLineEdit>(p.pane, "soqlQuery");
    soql->setText(QStringLiteral("  SELECT Id, Name FROM Account LIMIT 5 "));
    click(p.pane, "runQueryButton");
    soql->setText(QStringLiteral("SELECT COUNT() FROM User"));
    QKeyEvent enter(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier);
    QApplication::sendEvent(soql, &enter);
    EXPECT_EQ(queries,
        (QStringList { QStringLiteral("SELECT Id, Name FROM Account LIMIT 5"), QStringLiteral("SELECT COUNT() FROM User") }));

    soql->clear();
    EXPECT_FALSE(child<QPushButton>(p.pane, "runQueryButton")->isEnabled());

    p.pane.setActionsEnabled(false);
    EXPECT_FALSE(child<QPushButton>(p.pane, "identityButton")->isEnabled());
    EXPECT_TRUE(child<QPushButton>(p.pane, "copyExchangeCurlButton")->isEnabled());
    p.pane.setActionsEnabled(true);
    EXPECT_TRUE(child<QPushButton>(p.pane, "identityButton")->isEnabled());
}

TEST(ResponsePane, OpenUrlGoesThroughTheSeam)
{
    Pane p;
    p.pane.setResult(fx::success());
    const QUrl frontdoor(QStringLiteral("https://acme.my.salesforce.com/secur/frontdoor.jsp?sid=00D5g000004abcd!secret"));
    EXPECT_TRUE(p.pane.openUrl(frontdoor));
    ASSERT_EQ(p.opened.size(), 1);
    EXPECT_EQ(p.opened.constFirst(), frontdoor);
    EXPECT_FALSE(text(p.pane, "responseNotice").contains(QStringLiteral("secret"))); // the notice names the host only
    EXPECT_FALSE(p.pane.openUrl(QUrl()));
    EXPECT_EQ(p.opened.size(), 1);
}

TEST(ResponsePane, OrgCallsAreListedAndEachCanBeShown)
{
    Pane p;
    p.pane.setResult(fx::success());
    EXPECT_EQ(p.pane.addCall(fx::identityCall(), QStringLiteral("Identity")), 1);
    HttpExchangeRecord versions = fx::identityCall();
    versions.request.url = QUrl(QStringLiteral("https://acme.my.salesforce.com/services/data"));
    versions.response.body = R"([{"label":"Winter '25","url":"/services/data/v62.0","version":"62.0"}])";
    EXPECT_EQ(p.pane.addCall(versions), 2);

    // The answer first: the versions as a list in the Result tab; the HTTP of each call behind its tab.
    auto *views = child<QTabWidget>(p.pane, "responseViews");
    EXPECT_EQ(views->tabText(views->currentIndex()), QStringLiteral("Result"));
    auto *versionList = child<QListWidget>(p.pane, "versionList");
    ASSERT_EQ(versionList->count(), 1);
    EXPECT_TRUE(versionList->item(0)->text().startsWith(QStringLiteral("62.0  Winter '25")));
    auto *list = child<QListWidget>(p.pane, "callList");
    EXPECT_FALSE(list->isVisible());
    views->setCurrentIndex(2);
    EXPECT_TRUE(list->isVisible());
    ASSERT_EQ(list->count(), 3);
    EXPECT_TRUE(list->item(0)->text().startsWith(QStringLiteral("Token exchange\n200")));
    EXPECT_TRUE(list->item(1)->text().startsWith(QStringLiteral("Identity\n200 · 137 ms")));
    EXPECT_TRUE(list->item(2)->text().startsWith(QStringLiteral("GET /services/data\n")));
    EXPECT_EQ(p.pane.currentCall(), 2);
    EXPECT_TRUE(text(p.pane, "prettyView").contains(QStringLiteral("\"version\": \"62.0\"")));

    list->setCurrentRow(1);
    EXPECT_EQ(text(p.pane, "callSummary"),
        QStringLiteral("GET https://login.salesforce.com/id/00D5g000004abcdEAA/0055g00000ABCdeAAH  →  HTTP 200 OK · 137 ms"));
    EXPECT_TRUE(text(p.pane, "prettyView").contains(QStringLiteral("\"display_name\": \"Ann Example\"")));
    EXPECT_TRUE(text(p.pane, "rawView").contains(QStringLiteral("Authorization: Bearer 00D5g000004abcd!")));
    EXPECT_FALSE(text(p.pane, "rawView").contains(fx::kTokenSecretPart));
    EXPECT_FALSE(text(p.pane, "curlView").contains(fx::kTokenSecretPart));
    click(p.pane, "copyCurlButton");
    EXPECT_TRUE(QGuiApplication::clipboard()->text().contains(QStringLiteral("Authorization: Bearer ") + fx::kAccessToken));
    p.pane.clipboard()->clearNow();

    p.pane.showCall(0);
    EXPECT_TRUE(text(p.pane, "callSummary").startsWith(QStringLiteral("POST ")));
    // A new exchange starts a new list.
    p.pane.setResult(fx::success());
    EXPECT_EQ(p.pane.callCount(), 1);
}

TEST(ResponsePane, ButtonsAndCallsCarryTheBundledIcons)
{
    Pane p;
    const auto iconOf = [&p](const char *name) {
        auto *button = p.pane.findChild<QAbstractButton *>(QString::fromLatin1(name));
        EXPECT_NE(button, nullptr) << name;
        return button ? button->icon().cacheKey() : 0;
    };
    EXPECT_EQ(iconOf("copyAccessToken"), Icons::icon(Icons::Role::Copy).cacheKey());
    EXPECT_EQ(iconOf("copyExchangeCurlButton"), Icons::icon(Icons::Role::Copy).cacheKey());
    EXPECT_EQ(iconOf("copyCurlButton"), Icons::icon(Icons::Role::Copy).cacheKey());
    EXPECT_EQ(iconOf("openOrgButton"), Icons::icon(Icons::Role::OpenInBrowser).cacheKey());
    EXPECT_EQ(iconOf("runQueryButton"), Icons::icon(Icons::Role::Run).cacheKey());

    p.pane.setResult(fx::success());
    HttpExchangeRecord refused = fx::identityCall();
    refused.response.status = 403;
    p.pane.addCall(refused, QStringLiteral("Identity"));
    auto *list = child<QListWidget>(p.pane, "callList");
    ASSERT_EQ(list->count(), 2);
    EXPECT_EQ(list->item(0)->icon().cacheKey(), Icons::icon(Icons::Role::Ok).cacheKey());
    EXPECT_EQ(list->item(1)->icon().cacheKey(), Icons::icon(Icons::Role::Warning).cacheKey());
}

TEST(ResponsePane, InvalidGrantShowsTheDiagnosisCard)
{
    Pane p;
    const ExchangeResult result = fx::oauthError("audience is invalid", QStringLiteral("https://test.salesforce.com"));
    const Diagnosis diagnosis = Diagnosis::diagnose(result, fx::context(QStringLiteral("https://test.salesforce.com")));
    ASSERT_EQ(diagnosis.code, QStringLiteral("E3"));
    QStringList fields;
    QObject::connect(&p.pane, &ResponsePane::fieldActivated, &p.pane, [&](const QString &field) { fields << field; });
    p.pane.setResult(result, diagnosis);

    EXPECT_EQ(text(p.pane, "responseStatus"), QStringLiteral("400 Bad Request"));
    EXPECT_EQ(text(p.pane, "responseElapsed"), QStringLiteral("288 ms"));
    EXPECT_EQ(text(p.pane, "responseSummary"), QStringLiteral("HTTP 400: invalid_grant — audience is invalid"));
    EXPECT_FALSE(child<QWidget>(p.pane, "tokenPage")->isVisible());
    EXPECT_TRUE(p.pane.diagnosisCard()->isVisible());
    EXPECT_EQ(text(p.pane, "diagnosisTitle"), diagnosis.title);
    EXPECT_EQ(text(p.pane, "diagnosisServerMessage"), QStringLiteral("invalid_grant: audience is invalid"));
    EXPECT_EQ(text(p.pane, "diagnosisServerCaption"), QStringLiteral("Salesforce said"));
    click(p.pane, "diagnosisImplicated0");
    EXPECT_EQ(fields, QStringList { diagnosis.implicated() });
    EXPECT_EQ(fields, QStringList { QStringLiteral("aud") });
    EXPECT_TRUE(text(p.pane, "prettyView").contains(QStringLiteral("\"error\": \"invalid_grant\"")));
}

TEST(ResponsePane, AnHtmlPageIsNamedInTheSummary)
{
    Pane p;
    const ExchangeResult result = fx::htmlPage();
    p.pane.setResult(result, Diagnosis::diagnose(result, fx::context()));
    EXPECT_EQ(text(p.pane, "responseStatus"), QStringLiteral("503 Service Unavailable"));
    EXPECT_EQ(
        text(p.pane, "responseSummary"), QStringLiteral("HTTP 503: an HTML page, not JSON (title: \"Down for Maintenance\")"));
    EXPECT_EQ(text(p.pane, "diagnosisServerCaption"), QStringLiteral("The server answered"));
    EXPECT_TRUE(text(p.pane, "rawView").contains(QStringLiteral("<title>Down for Maintenance</title>")));
}

TEST(ResponsePane, ATimeoutShowsNoAnswerAndTheNetworkCard)
{
    Pane p;
    const ExchangeResult result = fx::timeout();
    p.pane.setResult(result, Diagnosis::diagnose(result, fx::context()));
    EXPECT_EQ(text(p.pane, "responseStatus"), QStringLiteral("No answer"));
    EXPECT_EQ(text(p.pane, "responseElapsed"), QStringLiteral("30.0 s"));
    EXPECT_TRUE(text(p.pane, "responseSummary").startsWith(QStringLiteral("Timed out: No complete answer within 30000 ms")));
    EXPECT_EQ(text(p.pane, "diagnosisServerCaption"), QStringLiteral("Network error"));
    // Nothing says the request got through (no requestSent, no byte back): no connection in time.
    EXPECT_TRUE(text(p.pane, "diagnosisTitle").startsWith(QStringLiteral("No connection to login.salesforce.com")))
        << text(p.pane, "diagnosisTitle").toStdString();
    EXPECT_TRUE(text(p.pane, "rawView").contains(QStringLiteral("(no complete HTTP answer: No complete answer within 30000 ms")));
    EXPECT_FALSE(text(p.pane, "rawView").contains(fx::signatureText()));
}

TEST(ResponsePane, AFailedExchangeWithoutDiagnosisStillShowsTheAnswer)
{
    Pane p;
    p.pane.setResult(fx::oauthError("audience is invalid"));
    EXPECT_FALSE(p.pane.diagnosisCard()->isVisible());
    EXPECT_TRUE(child<QLabel>(p.pane, "responsePlaceholder")->isVisible());
    EXPECT_TRUE(text(p.pane, "rawView").contains(QStringLiteral("audience is invalid")));
    p.pane.clear();
    EXPECT_FALSE(p.pane.hasResult());
    EXPECT_EQ(p.pane.callCount(), 0);
    EXPECT_TRUE(text(p.pane, "rawView").isEmpty());
}

TEST(ResponsePane, InteractiveWidgetsHaveObjectAndAccessibleNames)
{
    Pane p;
    p.pane.setResult(fx::success());
    p.pane.addCall(fx::identityCall());
    for (QWidget *w : p.pane.findChildren<QWidget *>()) {
        const bool interactive = qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w)
            || qobject_cast<QListWidget *>(w) || qobject_cast<QPlainTextEdit *>(w);
        if (!interactive || w->objectName().startsWith(QLatin1String("qt_")) || !w->parent()
            || w->parent()->objectName().startsWith(QLatin1String("qt_")))
            continue;
        if (w->inherits("QLineEditIconButton"))
            continue;
        EXPECT_FALSE(w->objectName().isEmpty()) << w->metaObject()->className();
        EXPECT_FALSE(w->accessibleName().isEmpty()) << w->objectName().toStdString();
    }
}
