// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "StoreTypes.h"
#include "protocol/Result.h"
#include "route/Attempt.h"

#include <QObject>
#include <QSqlDatabase>
#include <QVariantList>
#include <memory>

namespace detour {

class Database;
class WriterRegistry;

// Conversations, their messages and every turn's attempts, in one Database.
//
// Nothing a person writes or receives is lost: a user message is committed by
// addUserMessage() before anything is sent; a reply is created at once
// (streaming) and its text saved as it grows (updateAssistantText, see
// TurnRecorder); finishTurn() stores the final text, the outcome and every
// attempt in one transaction. After a crash, recoverInterrupted() marks the
// replies whose writer is gone as interrupted, keeping their partial text.
//
// Every call that can fail returns a Result that says why; a caller keeps
// what it could not write and tries again. Attempt rows (AttemptRows), search
// (MessageSearch), import (RecordImporter) and recovery after a crash
// (ReplyRecovery) have classes of their own. The
// Database must outlive the store; use both from the thread that opened the
// Database (a QtSql connection belongs to one thread).
class ConversationStore final : public QObject {
    Q_OBJECT

public:
    explicit ConversationStore(Database &database, QObject *parent = nullptr);
    ~ConversationStore() override;

    // A title for a conversation started by `text`: its first line, at most 60 characters.
    static QString titleFor(const QString &text);

    // Conversations.
    Result<qint64> createConversation(const QString &title, const QString &routeName = {});
    Result<> renameConversation(qint64 conversationId, const QString &title);
    // The system prompt and parameters its next requests go out with.
    Result<> setConversationSettings(qint64 conversationId, const ConversationSettings &settings);
    Result<> deleteConversation(qint64 conversationId); // soft: sets deleted_at
    Result<> restoreConversation(qint64 conversationId); // undoes deleteConversation
    // Deletes for good the conversations deleted before `olderThan`; returns how many.
    Result<int> purgeDeleted(const QDateTime &olderThan);
    Result<Conversation> conversation(qint64 conversationId) const;
    Result<QList<Conversation>> conversations() const; // newest first, deleted ones excluded
    Result<QList<Conversation>> deletedConversations() const; // most recently deleted first

    // Messages. A conversation is a tree (see ConversationTree, which also gives the
    // branch on screen): messages() are all of them, every branch, oldest first.
    Result<QList<StoredMessage>> messages(qint64 conversationId) const;
    Result<StoredMessage> message(qint64 messageId) const;
    // Committed when this returns, attachments included (AttachmentRows: each file's
    // bytes once; refused whole above AttachmentLoader::maximumMessageTotal): send only
    // afterwards.
    // Every new message goes under `parentId` (0: a first message, e.g. an edit of the
    // conversation's first question), by default under the current leaf (it continues
    // the branch on screen), and becomes the current leaf.
    Result<qint64> addUserMessage(qint64 conversationId, const QString &text,
        const QList<Attachment> &attachments = {}, std::optional<qint64> parentId = {});
    // An empty assistant message in state Streaming, owned by this store's writer id.
    Result<qint64> beginAssistantMessage(
        qint64 conversationId, std::optional<qint64> parentId = {});
    // The whole text so far (not a delta); reasoning is left as is when not given.
    Result<> updateAssistantText(
        qint64 messageId, const QString &text, const std::optional<QString> &reasoning = {});
    // Marks a streaming message interrupted (its writer is stopping before the turn ended).
    Result<> markInterrupted(qint64 messageId);

    // Turns. In one transaction: the final text and state of the assistant
    // message (served -> complete, interrupted, failed, cancelled; created here
    // when assistantMessageId is 0), the turn, its attempts and their server
    // attempts. Returns the turn's id.
    Result<qint64> finishTurn(qint64 conversationId, qint64 userMessageId,
        qint64 assistantMessageId, const TurnResult &result);
    Result<QList<StoredTurn>> turns(qint64 conversationId) const; // oldest first, with attempts
    Result<StoredTurn> turn(qint64 turnId) const;
    Result<QList<Attempt>> attempts(qint64 turnId) const; // by index, server attempts included
    // OpenRouter's own tries reported after the turn (GET /generation), merged into
    // what attempt `attemptIndex` of the turn already holds: one row per try.
    Result<> addServerAttempts(
        qint64 turnId, int attemptIndex, const QList<ServerAttempt> &serverAttempts);

    // Start-up: every message still streaming whose writer process is gone
    // (crashed, killed) becomes interrupted, keeping its text. Returns how many.
    Result<int> recoverInterrupted();

    // Full-text search over message content in conversations that are not
    // deleted, newest first (see MessageSearch).
    Result<QList<SearchHit>> search(const QString &text, int limit = 100) const;
    // The same, keeping of the newest `limit` matching messages only each
    // conversation's newest (the conversation list's rows): cheaper as you type.
    Result<QList<SearchHit>> searchConversations(const QString &text, int limit) const;

    // Whole conversations, for export and import.
    Result<ConversationRecord> load(qint64 conversationId) const;
    // Inserts a copy with new ids and the record's own times, states, tree, current
    // branch and origin (refused when a conversation of that origin exists); returns its id.
    Result<qint64> importRecord(const ConversationRecord &record);

    QString writerId() const;
    // For the classes that write beside the store in transactions of their own
    // (HistoryWriter); they announce through conversationsChanged().
    Database &database() const { return m_database; }

Q_SIGNALS:
    void conversationsChanged();
    void messagesChanged(qint64 conversationId);

private:
    friend class ConversationTree; // reads and moves the current leaf on our connection
    QSqlDatabase db() const;
    // `whereAndOrder` is a fixed SQL fragment from this file, never user input.
    Result<QList<Conversation>> listConversations(const char *whereAndOrder) const;
    // Runs an UPDATE that must touch exactly one conversation; announces the change.
    Result<> updateOneConversation(
        const QString &statement, const QVariantList &values, const QString &whenMissing);
    Result<> touchConversation(qint64 conversationId, qint64 now);
    Result<qint64> conversationOfMessage(qint64 messageId) const;
    Result<qint64> conversationOfTurn(qint64 turnId) const;
    // `table` ("messages", "turns") is named in this file, never user input.
    Result<qint64> conversationOf(const char *table, qint64 id, const QString &whenMissing) const;
    // Inserts a message row (role, state and writer as given) and touches its conversation.
    Result<qint64> insertMessage(qint64 conversationId, const QString &role, const QString &content,
        MessageState state, const QString &writer, const QList<Attachment> &attachments = {},
        std::optional<qint64> parentId = {});
    // `where`: a column of `turns` named in this file, never user input.
    Result<QList<StoredTurn>> readTurns(const QString &where, qint64 key) const;

    Database &m_database;
    std::unique_ptr<WriterRegistry> m_writers;
};

} // namespace detour
