#include "flow/SystemProxyFactory.h"

#include <QHostAddress>
#include <QNetworkAccessManager>

namespace jwtflow {

QList<QNetworkProxy> SystemProxyFactory::queryProxy(const QNetworkProxyQuery &query)
{
    const QString host = query.peerHostName();
    const QHostAddress address(host);
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 || (!address.isNull() && address.isLoopback()))
        return {QNetworkProxy(QNetworkProxy::NoProxy)};
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
    const QNetworkProxy::ProxyType applicationProxy = QNetworkProxy::applicationProxy().type();
    if (applicationProxy != QNetworkProxy::NoProxy && applicationProxy != QNetworkProxy::DefaultProxy)
        return false; // the application chose a proxy: it stays in charge
    // Also when the application already uses the system configuration: this adds the loopback bypass.
    install(manager);
    return true;
}

} // namespace jwtflow
