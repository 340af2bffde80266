// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "StoreTypes.h"
#include "protocol/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <optional>

namespace detour {

class ConversationStore;

// A conversation as a tree of messages (schema 8). Each message has a parent:
// the message it answers or follows (none for a first message). Editing a
// question adds a sibling of it (same parent); regenerating a reply adds a
// sibling of the reply (parent: the question). The conversation's current
// leaf is the last message of the branch on screen; its branch is the path
// from a first message down to it, and that is what the window shows and what
// the engine sends. ConversationStore::messages() holds every branch.
//
// New messages go in through ConversationStore::addUserMessage() and
// beginAssistantMessage(): under the current leaf by default, or under an
// explicit parent; either way they become the current leaf. select() moves
// the branch on screen. Siblings are ordered by creation (oldest first);
// going down from a message follows its most recently created child.
//
// Like the store it reads, use it from the thread that opened the Database.
class ConversationTree final {
    Q_DECLARE_TR_FUNCTIONS(ConversationTree)

public:
    // The messages sharing one parent (or all first messages), oldest first.
    struct Siblings {
        QList<qint64> ids;
        int index = -1; // of the message asked about in `ids`
        int count() const { return int(ids.size()); }
    };

    explicit ConversationTree(ConversationStore &store);

    // First message -> current leaf, attachments included. Empty for an empty conversation.
    Result<QList<StoredMessage>> branch(qint64 conversationId) const;
    // First message -> `leafId`, attachments included.
    Result<QList<StoredMessage>> path(qint64 leafId) const;
    Result<Siblings> siblings(qint64 messageId) const;
    // The end of the branch through `messageId`: its newest child, that one's newest
    // child, and so on (the message itself when it has none).
    Result<qint64> leafUnder(qint64 messageId) const;
    // Makes the branch through `messageId` the one on screen (the current leaf becomes
    // leafUnder(messageId)); the store emits messagesChanged.
    Result<> select(qint64 messageId);

    // The same on messages already loaded (a ConversationRecord's, every branch):
    // the path to `leafId` (to the newest message when `leafId` is not among them),
    // and the siblings of `messageId`.
    static QList<StoredMessage> pathIn(const QList<StoredMessage> &messages, qint64 leafId);
    static Siblings siblingsIn(const QList<StoredMessage> &messages, qint64 messageId);

    // For the store's inserts: puts the new message `messageId` under `parentId` (0: a
    // first message) in the same conversation. Nothing to do for nullopt: the
    // schema's trigger already put it under the current leaf.
    static Result<> placeUnder(
        const QSqlDatabase &db, qint64 messageId, std::optional<qint64> parentId);

private:
    ConversationStore &m_store;
};

} // namespace detour
