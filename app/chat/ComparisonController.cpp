// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ComparisonController.h"

#include "AttemptTableModel.h"
#include "ChatSession.h"

namespace detour {

using namespace Qt::StringLiterals;

ComparisonController::ComparisonController(
    ChatSession *session, RouteEngine *engine, AttemptTableModel *attempts, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_attempts(attempts)
    , m_comparison(engine)
{
    connect(&m_comparison, &RouteComparison::attemptStarted, this,
        [this](int column, const Attempt &attempt) {
            m_attempts->attemptStarted(turnOf(column), attempt);
        });
    connect(&m_comparison, &RouteComparison::attemptFinished, this,
        [this](int column, const Attempt &attempt) {
            m_attempts->attemptFinished(turnOf(column), attempt);
        });
    // OpenRouter's own record of a column, after it finished: merged into its rows.
    connect(&m_comparison, &RouteComparison::columnUpdated, this, [this](int column) {
        for (const Attempt &attempt : m_comparison.column(column).result.attempts)
            m_attempts->attemptFinished(turnOf(column), attempt);
    });
}

Result<> ComparisonController::setRoutes(const QList<RoutePlan> &plans)
{
    if (!plans.isEmpty()
        && (plans.size() < RouteComparison::minRoutes || plans.size() > RouteComparison::maxRoutes))
        return Error(tr("Pick %1 to %2 routes to compare.")
                         .arg(RouteComparison::minRoutes)
                         .arg(RouteComparison::maxRoutes));
    m_comparison.stop();
    const bool was = isComparing();
    m_routes = plans;
    if (was != isComparing())
        Q_EMIT comparingChanged(isComparing());
    return {};
}

Result<> ComparisonController::ask(const QString &text, const QList<Attachment> &attachments)
{
    if (!isComparing())
        return Error(tr("Pick the routes to compare first."));
    if (m_session->isBusy() || m_comparison.isRunning())
        return Error(tr("Wait for the answers (or stop them) before asking again."));
    if (text.trimmed().isEmpty() && attachments.isEmpty())
        return Error(tr("There is nothing to send."));
    const ChatMessage question { u"user"_s, text, attachments };
    QList<ChatMessage> messages = m_session->outgoing();
    messages.append(question);
    QList<int> turns;
    for (const RoutePlan &plan : std::as_const(m_routes)) {
        turns << m_session->reserveTurn();
        m_attempts->setTurnLabel(turns.constLast(), plan.name);
    }
    m_question = question;
    m_turns = turns;
    if (Result<> started = m_comparison.start(m_routes, messages, m_session->settings()); !started)
        return started;
    Q_EMIT asked(text);
    return {};
}

bool ComparisonController::canUse(int column) const
{
    if (column < 0 || column >= m_comparison.columnCount())
        return false;
    const RouteComparison::Column &c = m_comparison.column(column);
    return c.finished
        && (c.result.status == TurnResult::Status::Served
            || (c.result.status == TurnResult::Status::Interrupted && !c.result.content.isEmpty()));
}

Result<> ComparisonController::useAnswer(int column)
{
    if (!canUse(column))
        return Error(tr("This route has no answer to continue with."));
    m_comparison.stop(); // the others are not waited for
    const TurnResult result = m_comparison.column(column).result;
    // The other columns stay in the history as siblings of the answer picked (those that
    // sent anything: a column stopped before its first request has nothing to keep).
    QList<TurnResult> others;
    for (int i = 0; i < m_comparison.columnCount(); ++i) {
        if (i != column && !m_comparison.column(i).result.attempts.isEmpty())
            others << m_comparison.column(i).result;
    }
    if (!m_session->adoptTurn(m_question, result, turnOf(column), others))
        return Error(tr("Wait for the reply in the chat to finish first."));
    Q_EMIT answerUsed(column);
    leave();
    return {};
}

} // namespace detour
