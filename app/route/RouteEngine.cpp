// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RouteEngine.h"

#include <QTimer>

namespace detour {

RouteEngine::RouteEngine(QObject *parent)
    : QObject(parent)
    , m_access(new NetworkAccess(this))
    , m_keys(&RouteEngine::keyFromEnvironment)
    , m_params(&EndpointRequest::paramFromEnvironment)
{
}

RouteEngine::~RouteEngine() = default;

void RouteEngine::setKeyResolver(KeyResolver resolver)
{
    m_keys = std::move(resolver);
}

QString RouteEngine::keyFromEnvironment(const Endpoint &endpoint)
{
    return endpoint.keyEnv.isEmpty() ? QString()
                                     : qEnvironmentVariable(endpoint.keyEnv.toUtf8().constData());
}

void RouteEngine::setStepHistory(const StepHistory *history)
{
    m_history = history;
}

TurnRunner *RouteEngine::startTurn(const RoutePlan &plan, const ChatRequest &request)
{
    m_cooldowns.refresh(); // what another process cooled down since counts too
    auto *runner = new TurnRunner(plan, request,
        { m_access, &m_cooldowns, m_history, m_keys, m_identity, m_reachability, m_modalities,
            m_offline == Offline::Wait, m_params },
        this);
    connect(runner, &TurnRunner::settled, runner, &QObject::deleteLater);
    Q_EMIT turnStarted(runner);
    // Start from the event loop so the caller can connect to every signal first.
    QTimer::singleShot(0, runner, &TurnRunner::start);
    return runner;
}

} // namespace detour
