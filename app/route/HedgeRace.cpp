// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "HedgeRace.h"

#include "TurnBadge.h"
#include "TurnRunner.h"
#include "protocol/Diagnosis.h"

#include <QCoreApplication>
#include <QNetworkReply>
#include <algorithm>

namespace detour {

using namespace Qt::StringLiterals;
using std::chrono::milliseconds;

namespace {

// Who an attempt reached, for the trace's sentence and the badge.
QString nameOf(const Attempt &attempt)
{
    if (!attempt.provider.isEmpty())
        return attempt.provider;
    return attempt.servedModel.isEmpty() ? attempt.requestedModel : attempt.servedModel;
}

// What the runner decides on after a hedge that was the turn's attempt failed.
Diagnosis diagnosisOf(const Attempt &attempt)
{
    Diagnosis diagnosis;
    diagnosis.outcome = attempt.outcome;
    diagnosis.party = attempt.party;
    diagnosis.provider = attempt.provider;
    diagnosis.retryAfterS = attempt.retryAfterS;
    diagnosis.summary = attempt.summary;
    diagnosis.fixes = attempt.fixes;
    diagnosis.httpStatus = attempt.httpStatus;
    return diagnosis;
}

} // namespace

HedgeRace::HedgeRace(TurnRunner &runner, QList<std::optional<milliseconds>> delays)
    : m_runner(runner)
    , m_delays(std::move(delays))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5 % early
    connect(&m_timer, &QTimer::timeout, this, &HedgeRace::start);
    // The runner's own attempts (the hedge's are forwarded under m_index): a request
    // sent arms the timer, one recorded lets a hedge attempt that ended meanwhile follow.
    connect(&runner, &TurnRunner::attemptStarted, this, [this](const Attempt &attempt) {
        if (attempt.index != m_index && m_runner.m_reply)
            arm();
    });
    connect(&runner, &TurnRunner::attemptFinished, this, [this](const Attempt &attempt) {
        if (attempt.index != m_index)
            frontEnded();
    });
}

HedgeRace::~HedgeRace()
{
    if (m_hedge) {
        m_hedge->disconnect(this);
        delete m_hedge;
    }
}

QString HedgeRace::lostSentence(const QString &winner, qint64 byMs)
{
    return tr("Lost the race to %1 by %2: cancelled, its connection closed.")
        .arg(winner, TurnBadge::seconds(byMs));
}

void HedgeRace::arm()
{
    m_timer.stop();
    if (m_hedge)
        return; // at most one extra request in flight
    const qsizetype step = m_runner.m_steps.stepIndex();
    if (step >= m_delays.size() || !m_delays[step] || !m_runner.m_steps.nextUsable())
        return;
    m_timer.start(*m_delays[step]);
}

void HedgeRace::start()
{
    if (m_hedge || !m_runner.m_reply || m_runner.m_outputStarted)
        return;
    const std::optional<qsizetype> next = m_runner.m_steps.nextUsable();
    if (!next)
        return;
    RoutePlan plan = m_runner.m_plan;
    plan.steps = { m_runner.m_plan.steps[*next] };
    plan.policy.hedgeAfter = milliseconds(0);
    plan.policy.hedgeAuto = false;
    plan.policy.maxRetries = 0;
    plan.policy.retryEveryStep = false;
    plan.policy.sort = RouteSort::None;
    const int remaining = m_runner.m_totalTimer.remainingTime();
    if (remaining >= 0)
        plan.policy.totalTimeout = milliseconds(std::max(1, remaining));
    TurnRunner::Services services = m_runner.m_services;
    services.history = nullptr;
    services.waitForNetwork = false;

    m_stepIndex = *next;
    m_index = m_runner.m_attempt.index + 1;
    m_offsetMs = m_runner.now();
    m_frontLive = true;
    m_won = m_alone = m_losing = false;
    m_heldReasoning.clear();
    m_held.reset();
    m_hedge = new TurnRunner(plan, m_runner.m_request, services, this);
    connect(m_hedge, &TurnRunner::attemptStarted, this, &HedgeRace::onAttemptStarted);
    connect(m_hedge, &TurnRunner::attemptFinished, this, &HedgeRace::onAttemptFinished);
    connect(m_hedge, &TurnRunner::contentDelta, this, &HedgeRace::onContent);
    connect(m_hedge, &TurnRunner::reasoningDelta, this, &HedgeRace::onReasoning);
    connect(m_hedge, &TurnRunner::finished, this, &HedgeRace::onFinished);
    m_hedge->start();
}

Attempt HedgeRace::remapped(Attempt attempt) const
{
    attempt.index = m_index;
    attempt.stepIndex = int(m_stepIndex);
    for (qint64 *moment :
        { &attempt.timings.sentMs, &attempt.timings.headersMs, &attempt.timings.firstTokenMs,
            &attempt.timings.lastTokenMs, &attempt.timings.finishedMs }) {
        if (*moment >= 0)
            *moment += m_offsetMs;
    }
    return attempt;
}

QString HedgeRace::frontName() const
{
    return nameOf(m_runner.m_attempt);
}

QString HedgeRace::hedgeName() const
{
    return m_hedge ? nameOf(m_hedge->m_attempt) : QString();
}

void HedgeRace::onAttemptStarted(const Attempt &attempt)
{
    Q_EMIT m_runner.attemptStarted(remapped(attempt));
}

void HedgeRace::onAttemptFinished(const Attempt &finished)
{
    Attempt attempt = remapped(finished);
    if (m_losing) {
        attempt.errorCode = Attempt::lostRaceCode;
        attempt.summary = lostSentence(m_winner, attempt.lostRaceByMs());
        attempt.fixes.clear();
    } else if (!m_won && !m_alone && attempt.outcome != Outcome::Served) {
        m_runner.m_steps.passOver(m_stepIndex); // failed beside the attempt in front
    }
    if (m_frontLive)
        m_held = attempt;
    else
        append(attempt);
    Q_EMIT m_runner.attemptFinished(attempt);
}

void HedgeRace::append(const Attempt &attempt)
{
    QList<Attempt> &attempts = m_runner.m_result.attempts;
    attempts.insert(std::min<qsizetype>(attempt.index, attempts.size()), attempt);
}

void HedgeRace::frontEnded()
{
    m_timer.stop();
    if (!m_frontLive)
        return;
    m_frontLive = false;
    if (m_held) {
        append(*m_held);
        m_held.reset();
    }
}

void HedgeRace::frontStarted()
{
    m_timer.stop();
    if (!m_hedge || m_won || m_alone)
        return;
    m_losing = true;
    m_winner = frontName();
    m_hedge->cancel(); // records the hedge's attempt (onAttemptFinished) and finishes it
}

void HedgeRace::onContent(const QString &text)
{
    if (!m_won && !m_alone)
        win();
    forwardHeldReasoning();
    m_runner.m_outputStarted = true;
    m_runner.m_result.content += text;
    Q_EMIT m_runner.contentDelta(text);
}

void HedgeRace::onReasoning(const QString &text)
{
    m_heldReasoning += text;
    if (m_won || m_alone)
        forwardHeldReasoning();
}

void HedgeRace::forwardHeldReasoning()
{
    if (m_heldReasoning.isEmpty())
        return;
    const QString text = std::exchange(m_heldReasoning, QString());
    m_runner.m_outputStarted = true;
    m_runner.m_result.reasoning += text;
    Q_EMIT m_runner.reasoningDelta(text);
}

// The hedge delivered content first: the attempt in front is cancelled at once.
void HedgeRace::win()
{
    m_won = true;
    const QString winner = hedgeName();
    m_runner.dropReply();
    Attempt &front = m_runner.m_attempt;
    front.outcome = Outcome::Cancelled;
    front.party = Party::None;
    front.errorCode = Attempt::lostRaceCode;
    front.summary = lostSentence(winner, m_runner.now() - front.timings.sentMs);
    front.fixes.clear();
    m_runner.finishAttempt(); // calls frontEnded()
    m_runner.m_phase = TurnRunner::Phase::Waiting; // the hedge carries the turn
}

bool HedgeRace::takeOver()
{
    if (!m_hedge || m_won || m_losing)
        return false;
    m_alone = true;
    m_runner.m_steps.moveTo(m_stepIndex);
    m_runner.m_phase = TurnRunner::Phase::Waiting;
    forwardHeldReasoning();
    return true;
}

void HedgeRace::onFinished(const TurnResult &result)
{
    const bool carried = m_won || m_alone;
    release();
    if (!carried || m_runner.m_phase == TurnRunner::Phase::Done)
        return; // lost, failed beside the attempt in front, or cancelled with the turn
    switch (result.status) {
    case TurnResult::Status::Served:
        m_runner.m_attempt = m_runner.m_result.attempts.value(m_index);
        m_runner.m_result.servedAttempt = m_index;
        m_runner.finishTurn(TurnResult::Status::Served);
        return;
    case TurnResult::Status::Interrupted:
    case TurnResult::Status::Cancelled:
        m_runner.finishTurn(result.status, result.summary);
        return;
    case TurnResult::Status::Failed:
        break;
    }
    // Failed before any output: the turn goes on from the hedge's step, as usual.
    const Diagnosis diagnosis =
        diagnosisOf(m_runner.m_result.attempts.value(m_index, m_runner.m_attempt));
    m_runner.m_attempt = m_runner.m_result.attempts.value(m_index, m_runner.m_attempt);
    QMetaObject::invokeMethod(
        &m_runner,
        [runner = &m_runner, diagnosis] {
            if (runner->m_phase != TurnRunner::Phase::Done)
                runner->decideAfterFailure(diagnosis);
        },
        Qt::QueuedConnection);
}

void HedgeRace::release()
{
    if (!m_hedge)
        return;
    TurnRunner *hedge = m_hedge;
    m_hedge.clear();
    hedge->disconnect(this);
    hedge->deleteLater();
}

void HedgeRace::end()
{
    m_timer.stop();
    if (m_hedge)
        m_hedge->cancel(); // its cancelled attempt is recorded before the turn's end
    if (m_held) {
        append(*m_held);
        m_held.reset();
    }
    m_frontLive = false;
}

} // namespace detour
