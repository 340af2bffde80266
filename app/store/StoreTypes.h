// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Attachment.h"
#include "protocol/ConversationSettings.h"
#include "route/Attempt.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace detour {

// What the conversation store holds, as plain values. Ids are the database's
// row ids (0 = none). Times are UTC with millisecond precision.

struct Conversation {
    qint64 id = 0;
    QString title;
    QString routeName;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime deletedAt; // invalid unless soft-deleted (undoable until purged)
    ConversationSettings settings; // system prompt and parameters
    // The last message of the branch on screen (see ConversationTree); 0: none yet.
    qint64 currentLeafId = 0;
    // Where an imported conversation came from ("chatgpt:<id>"), unique in the
    // store; empty for conversations made in Detour. Set by importRecord().
    QString origin {};
};

// The life of one message. A user message is complete once stored; an assistant
// message is streaming while text arrives, then takes its turn's outcome.
enum class MessageState {
    Complete, // user messages; assistant replies that were served
    Streaming, // text is still arriving (or the writer crashed: see recoverInterrupted)
    Interrupted, // the reply stopped after it had started; the partial text is kept
    Failed, // no step could serve; the turn's summary says why
    Cancelled, // the person stopped it
};

QString messageStateName(MessageState state); // "complete" | "streaming" | ...
std::optional<MessageState> messageStateFromName(const QString &name);
MessageState messageStateFor(TurnResult::Status status);

struct StoredMessage {
    qint64 id = 0;
    qint64 conversationId = 0;
    qint64 turnId = 0; // 0 until the turn it belongs to is recorded
    // The message it answers or follows (see ConversationTree); 0: the first of its branch.
    qint64 parentId = 0;
    QString role; // "user" | "assistant" | "system"
    QString content;
    QString reasoning; // the model's reasoning text, when it sent any
    MessageState state = MessageState::Complete;
    QList<Attachment> attachments {}; // user messages: the files sent with it, in order
    QDateTime createdAt;
    QDateTime updatedAt;
};

// One recorded turn: its outcome and every attempt (server attempts included).
struct StoredTurn {
    qint64 id = 0;
    qint64 conversationId = 0;
    qint64 userMessageId = 0;
    qint64 assistantMessageId = 0;
    TurnResult::Status status = TurnResult::Status::Failed;
    QString summary;
    qint64 durationMs = 0;
    QDateTime startedAt;
    int servedAttempt = -1; // index into attempts, or -1
    QList<Attempt> attempts;

    const Attempt *served() const
    {
        return servedAttempt >= 0 && servedAttempt < attempts.size() ? &attempts[servedAttempt]
                                                                     : nullptr;
    }
};

// A whole conversation: what export and import move around.
struct ConversationRecord {
    Conversation conversation; // its currentLeafId names a message of `messages`
    QList<StoredMessage> messages; // every branch, oldest first (parents before children)
    QList<StoredTurn> turns; // oldest first

    // Every turn by its id, for looking up the turn of each message in turn (pointers
    // into `turns`: valid while the record lives unchanged).
    QHash<qint64, const StoredTurn *> turnsById() const;
};

struct SearchHit {
    qint64 conversationId = 0;
    qint64 messageId = 0;
    QString role;
    QString conversationTitle;
    QDateTime createdAt;
    // HTML: the text around the first match, escaped, each match wrapped in <b>…</b>.
    QString snippet;
    QStringList terms; // the words searched for, to highlight where the message is shown
};

} // namespace detour
