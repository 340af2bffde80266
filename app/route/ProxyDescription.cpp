// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ProxyDescription.h"

#include "SimulatorRedirect.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>

namespace detour {

QString ProxyDescription::forRequest(const QNetworkAccessManager &network, const QUrl &url)
{
    QNetworkProxy proxy = network.proxy();
    if (proxy.type() == QNetworkProxy::DefaultProxy) {
        const QNetworkProxyQuery query(url);
        proxy = network.proxyFactory() ? network.proxyFactory()->queryProxy(query).value(0)
                                       : QNetworkProxyFactory::proxyForQuery(query).value(0);
    }
    if (proxy.type() == QNetworkProxy::NoProxy || proxy.type() == QNetworkProxy::DefaultProxy
        || proxy.hostName().isEmpty())
        return {};
    QUrl where;
    where.setHost(proxy.hostName());
    where.setPort(proxy.port());
    return SimulatorRedirect::hostText(where);
}

} // namespace detour
