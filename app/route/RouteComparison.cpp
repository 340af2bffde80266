// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RouteComparison.h"

#include "RouteEngine.h"

namespace detour {

using namespace Qt::StringLiterals;

RouteComparison::RouteComparison(RouteEngine *engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
{
}

RouteComparison::~RouteComparison()
{
    stop();
}

Result<> RouteComparison::start(const QList<RoutePlan> &plans, const QList<ChatMessage> &messages,
    const ConversationSettings &settings)
{
    if (isRunning())
        return Error(tr("A comparison is already running."));
    if (plans.size() < minRoutes || plans.size() > maxRoutes)
        return Error(tr("A comparison takes %1 to %2 routes, not %3.")
                         .arg(minRoutes)
                         .arg(maxRoutes)
                         .arg(plans.size()));
    m_columns.clear();
    m_clock.start();
    for (const RoutePlan &plan : plans)
        m_columns.append({ plan, {}, {}, {}, {}, false, -1, -1, -1 });
    Q_EMIT started(int(m_columns.size()));
    // Every turn is started before any sends: the engine sends from the event loop.
    for (int i = 0; i < m_columns.size(); ++i) {
        ChatRequest request;
        request.messages = messages;
        settings.over(m_columns[i].plan.defaults).applyTo(request);
        TurnRunner *runner = m_engine->startTurn(m_columns[i].plan, request);
        m_columns[i].runner = runner;
        m_columns[i].startedMs = m_clock.elapsed();
        watch(i, runner);
        Q_EMIT columnStarted(i, runner);
    }
    return {};
}

void RouteComparison::watch(int index, TurnRunner *runner)
{
    connect(runner, &TurnRunner::attemptStarted, this,
        [this, index](const Attempt &attempt) { Q_EMIT attemptStarted(index, attempt); });
    connect(runner, &TurnRunner::attemptFinished, this,
        [this, index](const Attempt &attempt) { Q_EMIT attemptFinished(index, attempt); });
    connect(runner, &TurnRunner::contentDelta, this, [this, index](const QString &text) {
        Column &column = m_columns[index];
        if (column.firstTokenMs < 0)
            column.firstTokenMs = m_clock.elapsed();
        column.content += text;
        Q_EMIT contentDelta(index, text);
    });
    connect(runner, &TurnRunner::reasoningDelta, this, [this, index](const QString &text) {
        m_columns[index].reasoning += text;
        Q_EMIT reasoningDelta(index, text);
    });
    connect(runner, &TurnRunner::finished, this, [this, index](const TurnResult &result) {
        Column &column = m_columns[index];
        column.result = result;
        column.finished = true;
        column.finishedMs = m_clock.elapsed();
        Q_EMIT columnFinished(index, result);
        if (std::all_of(
                m_columns.cbegin(), m_columns.cend(), [](const Column &c) { return c.finished; }))
            Q_EMIT finished();
    });
    connect(runner, &TurnRunner::generationStatsReceived, this, [this, index, runner](int attempt) {
        Column &column = m_columns[index];
        if (attempt < column.result.attempts.size())
            column.result.attempts[attempt] = runner->result().attempts.value(attempt);
        Q_EMIT columnUpdated(index);
    });
}

void RouteComparison::stop()
{
    for (const Column &column : std::as_const(m_columns)) {
        if (column.runner)
            column.runner->cancel();
    }
}

bool RouteComparison::isRunning() const
{
    return std::any_of(
        m_columns.cbegin(), m_columns.cend(), [](const Column &c) { return !c.finished; });
}

int RouteComparison::servedCount() const
{
    return int(std::count_if(m_columns.cbegin(), m_columns.cend(), [](const Column &c) {
        return c.finished && c.result.status == TurnResult::Status::Served;
    }));
}

QList<ComparisonSummary::Entry> RouteComparison::summaryEntries() const
{
    QList<ComparisonSummary::Entry> entries;
    for (const Column &column : m_columns) {
        const bool served = column.finished && column.result.status == TurnResult::Status::Served;
        entries.append({ column.plan.name, served, column.firstTokenMs,
            column.finishedMs >= 0 ? column.finishedMs - column.startedMs : qint64(-1),
            ComparisonSummary::cost(column.result) });
    }
    return entries;
}

} // namespace detour
