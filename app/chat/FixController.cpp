// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "FixController.h"

#include "ChatSession.h"
#include "endpoints/Catalog.h"
#include "route/RouteStepsModel.h"

#include <cmath>

namespace detour {

using namespace Qt::StringLiterals;

FixController::FixController(ChatSession *session, RouteStepsModel *steps, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_steps(steps)
{
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &FixController::tick);
}

void FixController::setCatalog(const Catalog *catalog)
{
    m_catalog = catalog;
}

Result<RoutePlan> FixController::check(RouteFixer::Change change, const Attempt &attempt) const
{
    const QString model = m_steps->plan().steps.value(attempt.stepIndex).target.model;
    return RouteFixer::apply(m_steps->plan(), change, attempt,
        m_catalog ? m_catalog->endpoints(model) : QList<ProviderEndpointInfo>());
}

void FixController::applyChange(RouteFixer::Change change, const Attempt &attempt)
{
    const Result<RoutePlan> changed = check(change, attempt);
    if (!changed) {
        Q_EMIT message(changed.error());
        return;
    }
    m_steps->setPlan(*changed);
    const int step = attempt.stepIndex;
    switch (change) {
    case RouteFixer::Change::MoveStepDown:
        Q_EMIT message(tr("Step %1 moved down.").arg(step + 1));
        break;
    case RouteFixer::Change::AllowFallbacks:
        Q_EMIT message(
            tr("Step %1 now lets OpenRouter fall back to other providers.").arg(step + 1));
        break;
    case RouteFixer::Change::PaidVariant:
        Q_EMIT message(
            tr("Step %1 now asks for %2.").arg(step + 1).arg(changed->steps[step].target.model));
        break;
    case RouteFixer::Change::IgnoreProvider:
        Q_EMIT message(tr("Step %1 now ignores %2.").arg(step + 1).arg(attempt.provider));
        break;
    }
    Q_EMIT stepRequested(change == RouteFixer::Change::MoveStepDown ? step + 1 : step);
}

void FixController::applyFix(Fix fix, const Attempt &attempt)
{
    switch (fix) {
    case Fix::MoveStepDown:
    case Fix::AllowFallbacks:
    case Fix::PaidVariant:
        return; // route changes come through applyChange()
    case Fix::Wait:
    case Fix::Retry:
        m_secondsLeft =
            fix == Fix::Wait && attempt.retryAfterS ? int(std::ceil(*attempt.retryAfterS)) : 0;
        m_countdown.start(0);
        return;
    case Fix::Byok:
        Q_EMIT linkRequested(QUrl(u"https://openrouter.ai/settings/integrations"_s));
        return;
    case Fix::AddCredits:
        Q_EMIT linkRequested(QUrl(u"https://openrouter.ai/settings/credits"_s));
        return;
    case Fix::CheckKey:
        Q_EMIT linkRequested(QUrl(u"https://openrouter.ai/settings/keys"_s));
        return;
    case Fix::ChangeModel:
        Q_EMIT stepRequested(attempt.stepIndex);
        return;
    case Fix::ShortenContext:
        Q_EMIT message(tr("Start a new chat (Ctrl+N) or edit an earlier message to send less."));
        return;
    }
}

void FixController::tick()
{
    if (m_session->isBusy()) { // the person sent something meanwhile
        m_countdown.stop();
        return;
    }
    Q_EMIT retryCountdown(m_secondsLeft);
    if (m_secondsLeft-- > 0) {
        m_countdown.start(1000);
        return;
    }
    m_countdown.stop();
    m_session->regenerate();
}

} // namespace detour
