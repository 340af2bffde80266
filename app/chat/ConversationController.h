// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/ConversationSettings.h"
#include "protocol/Result.h"
#include "route/Attempt.h"

#include <QHash>
#include <QObject>
#include <optional>

namespace detour {

class AttemptTableModel;
class ChatSession;
class ConversationStore;
class HistoryKeeper;
class TurnRunner;

// Binds the chat session to the stored history. The first message of a new chat
// creates a conversation; each person's message is stored once, before it is
// sent; each turn is handed to the history keeper, which writes it as it
// streams. Opening a stored conversation fills the session with the branch on
// screen (ConversationTree) and the attempt table with every turn of that
// branch (a continued reply's earlier turns too); the turns of other branches
// show when their branch does. An edited question is stored as a sibling of
// the original, a regenerated reply as a sibling of the earlier reply, a
// continued reply in the same message. Without a store (history off) chatting
// works and nothing is kept.
class ConversationController final : public QObject {
    Q_OBJECT

public:
    ConversationController(ChatSession *session, AttemptTableModel *attempts,
        ConversationStore *store, HistoryKeeper *history, QObject *parent = nullptr);

    // 0 while the chat is new: its first message creates the conversation.
    qint64 conversationId() const { return m_conversationId; }
    // Loads a stored conversation into the session (nothing changes when it cannot be read).
    Result<> open(qint64 conversationId);
    void startNew();
    // The system prompt and parameters of this chat from its next request on:
    // handed to the session, and kept with the conversation once it is stored
    // (a new chat keeps them when its first message creates it).
    Result<> changeSettings(const ConversationSettings &settings);
    // Where stored message `messageId` of the open conversation is in the session; -1: not in it.
    int messageIndex(qint64 messageId) const;
    // The same, after making the branch it is on the one on screen (a search hit on
    // another branch); -1 when it is not in the open conversation.
    int reveal(qint64 messageId);
    // Puts the version `step` away (-1: the previous, +1: the next) of message `index`
    // on screen, and the branch under it (ChatSession::siblingRequested).
    Result<> showSibling(int index, int step);

Q_SIGNALS:
    void conversationCreated(qint64 conversationId);
    void conversationOpened(qint64 conversationId);
    // The turn just started is not kept (the store refused its message): why, in one sentence.
    void turnNotSaved(const QString &reason);

private:
    void record(TurnRunner *runner);
    Result<> load(qint64 conversationId); // open() without its "already open" shortcut
    // The parent for a new message at session index `index`: the stored message before it.
    std::optional<qint64> parentFor(int index) const;
    // A reply picked from a comparison (ChatSession::adoptTurn): stored whole, after the
    // replies not picked, which are kept as its siblings (other branches of the question).
    void recordAdopted(int userIndex, int replyIndex, const QList<TurnResult> &others);
    // The question at session index `user` in the store (the conversation created first
    // when the chat is new); its stored id, or 0 having said why not (turnNotSaved).
    qint64 storeQuestion(int user);

    ChatSession *m_session;
    AttemptTableModel *m_attempts;
    ConversationStore *m_store;
    HistoryKeeper *m_history;
    qint64 m_conversationId = 0;
    QHash<int, qint64> m_storedIds; // session message index -> stored id
};

} // namespace detour
