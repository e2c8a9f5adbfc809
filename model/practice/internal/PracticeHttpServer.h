#pragma once

#include "practice/PracticeReply.h"
#include "practice/PracticeRequest.h"

#include <QAbstractHttpServer>

#include <functional>

namespace jwtflow {

// The Qt HTTP Server side of the practice org: every request, whatever its path, goes to one
// handler as a PracticeRequest. Routing is ours rather than QHttpServer's because Salesforce
// answers paths QHttpServer's router would 404 (a doubled slash, §8.3). Only model/practice
// includes this header: Qt6::HttpServer is a private dependency of jwtflow_model.
class PracticeHttpServer final : public QAbstractHttpServer {
public:
    using Handler = std::function<PracticeReply(const PracticeRequest &)>;

    explicit PracticeHttpServer(Handler handler, QObject *parent = nullptr);

    // Converts without routing (for tests of the conversion).
    static PracticeRequest convert(const QHttpServerRequest &request);
    // QHttpServerRequest reads the target "//services/oauth2/token" as a network-path reference:
    // "services" becomes the host, which the Host header then replaces, leaving "/oauth2/token".
    // Salesforce serves such targets (clients that join "https://host/" and "/services/..." send
    // them, salesforce-wire.md §8.3), so the swallowed first segment is put back for the paths
    // that only exist under it. Other paths are returned as they are.
    static QString restoreSwallowedSegment(const QString &path);

protected:
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
    void missingHandler(const QHttpServerRequest &request, QHttpServerResponder &responder) override;

private:
    Handler m_handler;
};

} // namespace jwtflow
