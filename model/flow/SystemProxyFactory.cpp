#include "flow/SystemProxyFactory.h"

#include "flow/SalesforceHost.h"

#include <QNetworkAccessManager>

namespace jwtflow {

QList<QNetworkProxy> SystemProxyFactory::queryProxy(const QNetworkProxyQuery &query)
{
    if (SalesforceHost::isLoopbackHost(query.peerHostName()))
        return { QNetworkProxy(QNetworkProxy::NoProxy) };
    // Asked here, at the first request, not when installing: the first call sets up Qt's proxy
    // machinery (libproxy, its network monitor, D-Bus), which would delay the window's first paint.
    const QNetworkProxy application = QNetworkProxy::applicationProxy();
    if (application.type() != QNetworkProxy::NoProxy && application.type() != QNetworkProxy::DefaultProxy)
        return { application }; // the application chose a proxy: it stays in charge
    return systemProxyForQuery(query);
}

void SystemProxyFactory::install(QNetworkAccessManager *manager)
{
    manager->setProxyFactory(new SystemProxyFactory);
}

bool SystemProxyFactory::installIfUnset(QNetworkAccessManager *manager)
{
    if (!manager || manager->proxyFactory() || manager->proxy().type() != QNetworkProxy::DefaultProxy)
        return false;
    // An application-wide proxy is honoured in queryProxy; the factory adds the loopback bypass.
    install(manager);
    return true;
}

} // namespace jwtflow
