#pragma once

#include "StoreTypes.h"
#include "route/Attempt.h"

#include <QHash>
#include <QObject>
#include <QSqlDatabase>
#include <QVariantList>
#include <memory>

class QSqlQuery;

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
// Writes return false / nullopt on failure with the reason in lastError(); a
// caller keeps what it could not write and tries again. The Database must
// outlive the store; use both from the thread that opened the Database (a QtSql
// connection belongs to one thread).
class ConversationStore final : public QObject {
    Q_OBJECT

public:
    explicit ConversationStore(Database &database, QObject *parent = nullptr);
    ~ConversationStore() override;

    QString lastError() const { return m_error; }
    // A title for a conversation started by `text`: its first line, at most 60 characters.
    static QString titleFor(const QString &text);

    // Conversations.
    std::optional<qint64> createConversation(const QString &title, const QString &routeName = {});
    bool renameConversation(qint64 conversationId, const QString &title);
    bool deleteConversation(qint64 conversationId); // soft: sets deleted_at
    bool restoreConversation(qint64 conversationId); // undoes deleteConversation
    // Deletes for good the conversations deleted before `olderThan`; returns how many (-1 on
    // error).
    int purgeDeleted(const QDateTime &olderThan);
    std::optional<Conversation> conversation(qint64 conversationId) const;
    QList<Conversation> conversations() const; // newest first, deleted ones excluded
    QList<Conversation> deletedConversations() const; // most recently deleted first

    // Messages.
    QList<StoredMessage> messages(qint64 conversationId) const; // oldest first
    std::optional<StoredMessage> message(qint64 messageId) const;
    // Committed when this returns: send only afterwards.
    std::optional<qint64> addUserMessage(qint64 conversationId, const QString &text);
    // An empty assistant message in state Streaming, owned by this store's writer id.
    std::optional<qint64> beginAssistantMessage(qint64 conversationId);
    // The whole text so far (not a delta); reasoning is left as is when not given.
    bool updateAssistantText(
        qint64 messageId, const QString &text, const std::optional<QString> &reasoning = {});
    // Marks a streaming message interrupted (its writer is stopping before the turn ended).
    bool markInterrupted(qint64 messageId);

    // Turns. In one transaction: the final text and state of the assistant
    // message (served -> complete, interrupted, failed, cancelled; created here
    // when assistantMessageId is 0), the turn, its attempts and their server
    // attempts. Returns the turn's id.
    std::optional<qint64> finishTurn(qint64 conversationId, qint64 userMessageId,
        qint64 assistantMessageId, const TurnResult &result);
    QList<StoredTurn> turns(qint64 conversationId) const; // oldest first, attempts included
    std::optional<StoredTurn> turn(qint64 turnId) const;
    QList<Attempt> attempts(qint64 turnId) const; // by index, server attempts included
    std::optional<qint64> attemptRowId(qint64 turnId, int attemptIndex) const;
    // OpenRouter's own tries reported after the turn (GET /generation), appended.
    bool addServerAttempts(qint64 attemptRowId, const QList<ServerAttempt> &serverAttempts);
    bool addServerAttempts(
        qint64 turnId, int attemptIndex, const QList<ServerAttempt> &serverAttempts);

    // Start-up: every message still streaming whose writer process is gone
    // (crashed, killed) becomes interrupted, keeping its text. Returns how many (-1 on error).
    int recoverInterrupted();

    // Full-text search over message content in conversations that are not
    // deleted, newest first. Words match by prefix, accents ignored; "quoted
    // text" matches as a phrase; Chinese, Japanese, Korean, Thai... match as
    // substrings. Whatever the text, it is searched literally (never FTS syntax).
    QList<SearchHit> search(const QString &text, int limit = 100) const;

    // Whole conversations, for export and import.
    std::optional<ConversationRecord> load(qint64 conversationId) const;
    // Inserts a copy with new ids and the record's own times and states; returns its id.
    std::optional<qint64> importRecord(const ConversationRecord &record);

    QString writerId() const;

Q_SIGNALS:
    void conversationsChanged();
    void messagesChanged(qint64 conversationId);

private:
    QSqlDatabase db() const;
    bool run(QSqlQuery &query) const;
    bool fail(const QString &what) const;
    // `whereAndOrder` is a fixed SQL fragment from this file, never user input.
    QList<Conversation> listConversations(const char *whereAndOrder) const;
    // Runs an UPDATE that must touch exactly one conversation; announces the change.
    bool updateOneConversation(
        const QString &statement, const QVariantList &values, const QString &whenMissing);
    std::optional<qint64> insertAttempt(qint64 turnId, const Attempt &attempt);
    bool insertServerAttempts(qint64 attemptRowId, const QList<ServerAttempt> &serverAttempts);
    bool touchConversation(qint64 conversationId, qint64 now);
    std::optional<qint64> conversationOfMessage(qint64 messageId) const;
    // `where` / `turnColumn`: a column of `turns` named in this file, never user input.
    QList<StoredTurn> readTurns(const QString &where, qint64 key) const;
    // The attempts of the turns whose `turnColumn` is `key`, by turn id.
    QHash<qint64, QList<Attempt>> readAttempts(const QString &turnColumn, qint64 key) const;

    Database &m_database;
    std::unique_ptr<WriterRegistry> m_writers;
    mutable QString m_error;
};

} // namespace detour
