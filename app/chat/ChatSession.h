// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/ConversationSettings.h"
#include "route/RouteEngine.h"

#include <QObject>
#include <QPointer>

namespace detour {

// One conversation as the chat pane sees it: the messages of the branch on
// screen (see ConversationTree) and the turn in flight. Sends through a
// RouteEngine; stop, regenerate, edit-and-resend and continue are all expressed
// as "which messages go out, and where the reply lands". Only this branch's
// messages are ever sent. Regenerating and editing make a new version (a
// sibling) of the reply or question; the earlier versions stay in the store.
class ChatSession final : public QObject {
    Q_OBJECT

public:
    struct Message {
        ChatMessage message;
        TurnResult::Status status = TurnResult::Status::Served; // assistant messages only
        int turn = -1; // the turn that produced (assistant) or sent (user) it
        QString summary; // for failed / interrupted replies: the one sentence
        std::optional<TurnResult> result; // assistant messages: the trace
        QString reasoning; // assistant messages: the model's reasoning, as it streamed
        // Versions of this message (ConversationTree): an edited question and its original,
        // a regenerated reply and the earlier ones. `sibling` is this one's place among
        // them, oldest first; a message never edited or regenerated is 0 of 1.
        int sibling = 0;
        int siblings = 1;
    };

    explicit ChatSession(RouteEngine *engine, QObject *parent = nullptr);

    // settingsChanged() too when the route's defaults differ from the last route's.
    void setPlan(const RoutePlan &plan);
    const RoutePlan &plan() const { return m_plan; }
    // The system prompt and parameters this conversation sets (over the route's defaults).
    void setSettings(const ConversationSettings &settings);
    const ConversationSettings &settings() const { return m_settings; }
    // What every request goes out with: these settings over the route's defaults.
    ConversationSettings effectiveSettings() const { return m_settings.over(m_plan.defaults); }
    void setMessages(const QList<Message> &messages);
    const QList<Message> &messages() const { return m_messages; }
    bool isBusy() const { return !m_runner.isNull(); }

    // Each returns false when a turn is already running or nothing can be sent.
    bool send(const QString &text, const QList<Attachment> &attachments = {});
    bool regenerate(); // a new version of the last assistant reply takes its place
    // A new version of the question takes its place; what followed it leaves the screen.
    bool editAndResend(int userMessageIndex, const QString &text);
    bool continueReply(); // the last (interrupted) reply goes out as a prefix to extend
    // Asks for version `sibling + step` of message `index` (and the branch under it) in
    // its place: siblingRequested, for whoever keeps the versions (ConversationController),
    // which then resets the messages. False while a turn runs or when there is none that way.
    bool showSibling(int index, int step);
    // While a turn runs: true when it continues the last reply (continueReply) rather
    // than making a new version of it.
    bool isContinuing() const { return isBusy() && m_continuing; }
    void stop();

    // What the next request of this conversation sends before a new question: the
    // messages so far, failed replies left out.
    QList<ChatMessage> outgoing() const { return history(m_messages.size()); }
    // A key for a turn run elsewhere (a comparison's column), unique among this session's.
    int reserveTurn() { return ++m_turnCounter; }
    // Continues the conversation with a question and a reply that came from elsewhere
    // (the answer picked from a comparison, run as turn `turn`): both are appended,
    // turnAdopted() says where, then turnFinished(). `others`: the replies not picked (the
    // other columns), for the history to keep as siblings. False while a turn runs.
    bool adoptTurn(const ChatMessage &question, const TurnResult &result, int turn,
        const QList<TurnResult> &others = {});

Q_SIGNALS:
    void messagesReset();
    void messageAppended(int index);
    void messageChanged(int index);
    void turnStarted(int turn, detour::TurnRunner *runner);
    void attemptStarted(int turn, const detour::Attempt &attempt);
    void attemptFinished(int turn, const detour::Attempt &attempt);
    void turnFinished(int turn, const detour::TurnResult &result);
    // adoptTurn() appended the question at `userIndex` and its reply at `replyIndex`;
    // `others` are the replies not picked.
    void turnAdopted(int userIndex, int replyIndex, const QList<detour::TurnResult> &others);
    void busyChanged(bool busy);
    void settingsChanged();
    void siblingRequested(int index, int step);

private:
    bool startTurn(QList<ChatMessage> outgoing, int replyIndex, bool continuing = false);
    bool sendVersion(const QString &text, const QList<Attachment> &attachments, int siblings);
    QList<ChatMessage> history(qsizetype upTo) const;

    RouteEngine *m_engine;
    RoutePlan m_plan;
    ConversationSettings m_settings;
    QList<Message> m_messages;
    QPointer<TurnRunner> m_runner;
    int m_turnCounter = 0;
    bool m_continuing = false;
};

} // namespace detour
