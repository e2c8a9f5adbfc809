#pragma once

#include <QNetworkProxyFactory>

class QNetworkAccessManager;

namespace jwtflow {

// The system's proxy settings (on Linux: http_proxy, https_proxy, no_proxy) for one manager,
// without touching the application-wide factory; loopback hosts always go direct, so a local
// practice org or test server is never sent through a corporate proxy.
class SystemProxyFactory : public QNetworkProxyFactory {
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query = QNetworkProxyQuery()) override;

    // Installs a new factory on the manager (which takes ownership).
    static void install(QNetworkAccessManager *manager);
    // The same, unless a proxy was already chosen for this manager; true if installed. A proxy
    // chosen application-wide (QNetworkProxy::setApplicationProxy) is still used: queryProxy returns it.
    static bool installIfUnset(QNetworkAccessManager *manager);
};

} // namespace jwtflow
