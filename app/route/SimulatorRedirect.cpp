// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SimulatorRedirect.h"

namespace detour {

using namespace Qt::StringLiterals;

SimulatorRedirect::SimulatorRedirect(QUrl simulatorUrl)
    : m_simulatorUrl(std::move(simulatorUrl))
{
}

bool SimulatorRedirect::redirects(const Endpoint &endpoint) const
{
    if (!isActive())
        return false;
    return endpoint.kind == EndpointKind::OpenRouter || !isLoopbackUrl(endpoint.baseUrl);
}

Endpoint SimulatorRedirect::destination(const Endpoint &endpoint) const
{
    if (!redirects(endpoint))
        return endpoint;
    Endpoint redirected = endpoint;
    redirected.baseUrl = m_simulatorUrl;
    redirected.keyEnv.clear(); // a real key never goes to the simulator
    // Nor a secret header or query value: the simulator hears that it is there.
    for (EndpointParams *params : { &redirected.headers, &redirected.query }) {
        for (EndpointParam &param : *params) {
            if (param.isSecret())
                param = { param.name, EndpointParam::Source::Value, u"[simulated]"_s };
        }
    }
    return redirected;
}

RoutePlan SimulatorRedirect::applied(const RoutePlan &plan) const
{
    RoutePlan copy = plan;
    for (Endpoint &endpoint : copy.endpoints)
        endpoint = destination(endpoint);
    return copy;
}

QString SimulatorRedirect::hostText(const QUrl &url)
{
    QString host = url.host();
    if (host.contains(u':'))
        host = u'[' + host + u']';
    return url.port() > 0 ? host + u':' + QString::number(url.port()) : host;
}

} // namespace detour
