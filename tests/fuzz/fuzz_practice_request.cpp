// The practice org's request handling, in-process: any method, target, headers and body go
// through PracticeRouter and its endpoints (token, REST with SOQL, identity, userinfo, frontdoor)
// with a fresh org state per input, no sockets. The input is an HTTP/1.1-like text:
//   METHOD TARGET [HTTP/1.1]\n Header: value\n ... \n\n body
// "$TOKEN" anywhere stands for a valid access token of the demo user, so the fuzzer also reaches
// what lies behind authentication. Properties beyond "no crash": a status between 100 and 599, and
// a reply that says it is JSON parses as JSON.
#include "core/Clock.h"
#include "crypto/CryptoProvider.h"
#include "crypto/KeyLoader.h"
#include "practice/IdTokenMinter.h"
#include "practice/OrgDirectory.h"
#include "practice/PracticeReply.h"
#include "practice/PracticeRequest.h"
#include "practice/PracticeRouter.h"
#include "practice/PracticeState.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QUrl>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>

namespace {

// Assertions in the seed corpus are valid at this time (2027-01-15T08:00:00Z).
constexpr qint64 kNow = 1'800'000'000;

struct Fixed {
    jwtflow::OrgDirectory directory;
    std::optional<jwtflow::IdTokenMinter> minter;
    jwtflow::FixedClock clock { kNow };
};

Fixed &fixed()
{
    static Fixed f;
    return f;
}

jwtflow::PracticeRequest parseRequest(const QByteArray &input)
{
    jwtflow::PracticeRequest request;
    const qsizetype headEnd = input.indexOf("\n\n");
    const QByteArray head = headEnd < 0 ? input : input.left(headEnd);
    request.body = headEnd < 0 ? QByteArray() : input.mid(headEnd + 2);
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
    request.method = first.value(0);
    const QByteArray target = first.value(1);
    const qsizetype question = target.indexOf('?');
    const QByteArray path = question < 0 ? target : target.left(question);
    // As PracticeHttpParser hands paths over: percent-decoded, slashes collapsed.
    request.path = jwtflow::PracticeRequest::normalisePath(QUrl::fromPercentEncoding(path));
    if (question >= 0)
        request.query = QUrlQuery(QString::fromLatin1(target.mid(question + 1)));
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            request.headers.append({ lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed() });
    }
    return request;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv); // QCA finds its provider plugins through it
    using namespace jwtflow;
    (void)CryptoProvider::ensureReady();
    // The test key and certificate stand in for the demo credentials (no key generation here).
    const auto certificate = KeyLoader::loadCertificate(QStringLiteral(JWTFLOW_TEST_DATA "/keys/rsa2048.crt"));
    const auto key = KeyLoader::loadPrivateKey(QStringLiteral(JWTFLOW_TEST_DATA "/keys/rsa2048-pkcs8.pem"));
    if (!certificate || !key)
        std::abort();
    fixed().directory = OrgDirectory::makeDefault(certificate.value());
    fixed().minter = IdTokenMinter(key.value(), IdTokenMinter::kidFor(key->publicKey()));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace jwtflow;
    if (size > 64 * 1024)
        return 0;
    PracticeState state;
    state.directory = fixed().directory;
    state.clock = &fixed().clock;
    state.sessions.setCapacity(64);
    state.minter = *fixed().minter;
    state.setUrl(QUrl(QStringLiteral("http://127.0.0.1:4567")));
    const OrgDirectory::User &user = state.directory.users.constFirst();
    SessionStore::Session session;
    session.userId = user.id;
    session.consumerKey = state.directory.apps.constFirst().consumerKey;
    session.scopes = state.directory.apps.constFirst().scopes;
    session.issuedAtMs = kNow * 1000;
    session.expiresAt = kNow + state.directory.org.sessionSeconds;
    const QString token = state.sessions.issue(state.directory.orgId15(), session, kNow);

    QByteArray input(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    input.replace("$TOKEN", token.toLatin1());
    PracticeRouter router(state);
    const PracticeReply reply = router.handle(parseRequest(input));
    if (reply.status < 100 || reply.status > 599)
        std::abort();
    if (reply.header("Content-Type").startsWith("application/json")) {
        QJsonParseError error {};
        (void)QJsonDocument::fromJson(reply.body, &error);
        if (error.error != QJsonParseError::NoError)
            std::abort();
    }
    return 0;
}
