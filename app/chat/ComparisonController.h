// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Result.h"
#include "route/RouteComparison.h"

#include <QObject>

namespace detour {

class AttemptTableModel;
class ChatSession;

// Compare mode of the chat: the next question goes to two to four routes at once
// (a RouteComparison on the session's engine), after the conversation so far and with
// its settings over each route's defaults. Each column is a turn of the session's
// (its own key) whose attempts go to the attempt table, tagged with the route's name.
// Using a column's answer continues the conversation with it (ChatSession::adoptTurn,
// which the conversation controller stores, the other columns' replies as its siblings
// in the conversation's tree) and leaves compare mode.
class ComparisonController final : public QObject {
    Q_OBJECT

public:
    ComparisonController(ChatSession *session, RouteEngine *engine, AttemptTableModel *attempts,
        QObject *parent = nullptr);

    RouteComparison *comparison() { return &m_comparison; }
    // Enters compare mode with these routes (as they are sent), or leaves it (none); a
    // comparison still running is stopped either way.
    Result<> setRoutes(const QList<RoutePlan> &plans);
    const QList<RoutePlan> &routes() const { return m_routes; }
    bool isComparing() const { return !m_routes.isEmpty(); }
    void leave() { setRoutes({}); }

    // Sends the question to every route. Fails (saying why) outside compare mode, while
    // the session or a comparison is busy, or with nothing to send.
    Result<> ask(const QString &text, const QList<Attachment> &attachments = {});
    const ChatMessage &question() const { return m_question; }
    bool isRunning() const { return m_comparison.isRunning(); }
    void stop() { m_comparison.stop(); }
    int turnOf(int column) const { return m_turns.value(column, -1); }
    // Whether column's answer can be used: it has finished with a reply to continue from.
    bool canUse(int column) const;
    // Continues the conversation with column's answer, stopping the others, and leaves
    // compare mode.
    Result<> useAnswer(int column);

Q_SIGNALS:
    void comparingChanged(bool comparing);
    void asked(const QString &text);
    void answerUsed(int column);

private:
    ChatSession *m_session;
    AttemptTableModel *m_attempts;
    RouteComparison m_comparison;
    QList<RoutePlan> m_routes;
    ChatMessage m_question;
    QList<int> m_turns; // the session's turn key of each column
};

} // namespace detour
