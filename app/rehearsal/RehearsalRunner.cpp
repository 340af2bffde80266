// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RehearsalRunner.h"

#include "route/RouteEngine.h"
#include "route/TurnRunner.h"
#include "settings/KeyRing.h"

namespace detour {

using namespace Qt::StringLiterals;

RehearsalRunner::RehearsalRunner(QObject *parent)
    : QObject(parent)
    , m_engine(std::make_unique<RouteEngine>())
{
    // A rehearsal never has a key: not from the environment, not from the keychain.
    m_engine->setKeyResolver([](const Endpoint &) { return QString(); });
    m_engine->setParamResolver(&EndpointRequest::simulatedParam);
}

RehearsalRunner::~RehearsalRunner()
{
    cancel();
}

QNetworkAccessManager *RehearsalRunner::network() const
{
    return m_engine->network();
}

QString RehearsalRunner::prompt(int turn)
{
    return tr("Rehearsal turn %1: answer in one sentence.").arg(turn);
}

Result<> RehearsalRunner::start(const RoutePlan &plan, const QUrl &simulatorBaseUrl, int turns)
{
    if (m_running)
        return Error(tr("A rehearsal is already running."));
    if (!simulatorBaseUrl.isValid() || !KeyRing::isLoopback(simulatorBaseUrl))
        return Error(tr("Rehearsals only run against the simulator on this computer."));
    if (turns < 1)
        return Error(tr("Rehearse at least one turn."));
    if (const QStringList problems = plan.validate(); !problems.isEmpty())
        return Error(problems.first());
    m_plan = plan.redirectedTo(simulatorBaseUrl);
    m_turns = turns;
    m_started = 0;
    m_engine->cooldowns().clear();
    m_results.clear();
    setRunning(true);
    startTurn();
    return {};
}

void RehearsalRunner::cancel()
{
    if (!m_running)
        return;
    m_turns = m_started; // no further turn
    if (m_runner)
        m_runner->cancel(); // its finished() ends the run
    else
        setRunning(false);
}

void RehearsalRunner::startTurn()
{
    const int number = ++m_started;
    ChatRequest request;
    request.messages.append({ u"user"_s, prompt(number) });
    m_runner = m_engine->startTurn(m_plan, request);
    connect(m_runner, &TurnRunner::finished, this, [this, number](const TurnResult &result) {
        const RehearsalTurn turn { number, result };
        m_results.append(turn);
        Q_EMIT turnFinished(turn);
        if (m_started < m_turns && result.status != TurnResult::Status::Cancelled) {
            startTurn();
            return;
        }
        m_runner = nullptr;
        setRunning(false);
        Q_EMIT finished();
    });
}

void RehearsalRunner::setRunning(bool running)
{
    if (m_running == running)
        return;
    m_running = running;
    Q_EMIT runningChanged(running);
}

} // namespace detour
