// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "NetworkAccess.h"

#include "SimulatorRedirect.h"

#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// A proxy named by hand, except for servers on this computer: Qt's own rule for
// the system's proxy, kept so that a local server never goes round a proxy.
class ManualProxyFactory final : public QNetworkProxyFactory {
public:
    explicit ManualProxyFactory(const QNetworkProxy &proxy)
        : m_proxy(proxy)
    {
    }

    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        if (isLoopbackUrl(query.url()))
            return { QNetworkProxy(QNetworkProxy::NoProxy) };
        return { m_proxy };
    }

private:
    QNetworkProxy m_proxy;
};

QNetworkProxy proxyFor(const QNetworkAccessManager &manager, const QUrl &url)
{
    if (manager.proxy().type() != QNetworkProxy::DefaultProxy)
        return manager.proxy();
    const QNetworkProxyQuery query(url);
    return manager.proxyFactory() ? manager.proxyFactory()->queryProxy(query).value(0)
                                  : QNetworkProxyFactory::proxyForQuery(query).value(0);
}

} // namespace

NetworkAccess::NetworkAccess(QObject *parent)
    : QObject(parent)
    , m_shared(new QNetworkAccessManager(this))
    , m_direct(new QNetworkAccessManager(this))
{
    m_direct->setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
    // Turn runners and fetchers own their replies and delete them on every path.
    m_shared->setAutoDeleteReplies(false);
    m_direct->setAutoDeleteReplies(false);
}

NetworkAccess::~NetworkAccess() = default;

void NetworkAccess::setProxy(const ProxyChoice &choice)
{
    m_choice = choice;
    if (choice.mode == ProxyChoice::Mode::Manual && choice.isComplete())
        m_shared->setProxyFactory(new ManualProxyFactory(choice.networkProxy()));
    else if (choice.mode == ProxyChoice::Mode::None)
        m_shared->setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
    else // the system's, as before there was a choice (an incomplete manual one too)
        m_shared->setProxy(QNetworkProxy(QNetworkProxy::DefaultProxy));
    // Connections kept alive would go on through the old proxy.
    m_shared->clearConnectionCache();
}

QNetworkAccessManager *NetworkAccess::forEndpoint(const Endpoint &endpoint) const
{
    return endpoint.direct ? m_direct : m_shared;
}

QString NetworkAccess::routeText(const Endpoint &endpoint) const
{
    const QNetworkAccessManager &manager = *forEndpoint(endpoint);
    const bool system =
        manager.proxy().type() == QNetworkProxy::DefaultProxy && !manager.proxyFactory();
    const QNetworkProxy proxy = proxyFor(manager, endpoint.baseUrl);
    const bool direct = proxy.type() == QNetworkProxy::NoProxy
        || proxy.type() == QNetworkProxy::DefaultProxy || proxy.hostName().isEmpty();
    QUrl where;
    where.setHost(proxy.hostName());
    where.setPort(proxy.port());
    if (system) {
        if (direct)
            return u"system: direct"_s;
        where.setScheme(proxy.type() == QNetworkProxy::Socks5Proxy ? u"socks5"_s : u"http"_s);
        return u"system: "_s + where.toString();
    }
    if (direct)
        return u"direct"_s;
    return (proxy.type() == QNetworkProxy::Socks5Proxy ? u"SOCKS5 proxy %1"_s : u"HTTP proxy %1"_s)
        .arg(SimulatorRedirect::hostText(where));
}

} // namespace detour
