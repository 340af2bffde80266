// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ConversationStore.h"

#include "AttachmentRows.h"
#include "AttemptRows.h"
#include "ConversationTree.h"
#include "Database.h"
#include "MessageSearch.h"
#include "RecordImporter.h"
#include "ReplyRecovery.h"
#include "SqlUtil.h"
#include "StoreRows.h"
#include "WriterRegistry.h"

#include <QSqlQuery>
#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

constexpr auto turnColumns = "id, conversation_id, user_message_id, assistant_message_id, status, "
                             "summary, duration_ms, started_at, served_attempt";

StoredTurn turnFrom(const QSqlQuery &query)
{
    StoredTurn turn;
    turn.id = query.value(0).toLongLong();
    turn.conversationId = query.value(1).toLongLong();
    turn.userMessageId = query.value(2).toLongLong();
    turn.assistantMessageId = query.value(3).toLongLong();
    turn.status =
        turnStatusFromName(query.value(4).toString()).value_or(TurnResult::Status::Failed);
    turn.summary = query.value(5).toString();
    turn.durationMs = query.value(6).toLongLong();
    turn.startedAt = sql::timeFrom(query.value(7));
    turn.servedAttempt = query.value(8).toInt();
    return turn;
}

} // namespace

ConversationStore::ConversationStore(Database &database, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_writers(std::make_unique<WriterRegistry>(database.path()))
{
}

ConversationStore::~ConversationStore() = default;

QString ConversationStore::writerId() const
{
    return m_writers->id();
}

QSqlDatabase ConversationStore::db() const
{
    return m_database.connection();
}

QString ConversationStore::titleFor(const QString &text)
{
    constexpr qsizetype maxLength = 60;
    QString title;
    for (const QString &line : text.split(u'\n')) {
        title = line.simplified();
        if (!title.isEmpty())
            break;
    }
    if (title.size() > maxLength) {
        qsizetype cut = title.lastIndexOf(u' ', maxLength);
        if (cut < maxLength / 2)
            cut = maxLength;
        if (title[cut - 1].isHighSurrogate())
            --cut;
        title = title.left(cut).trimmed() + u"…"_s;
    }
    return title;
}

// --- conversations ----------------------------------------------------------

Result<qint64> ConversationStore::createConversation(const QString &title, const QString &routeName)
{
    const qint64 now = nowMs();
    QSqlQuery query(db());
    query.prepare(u"INSERT INTO conversations (title, route_name, created_at, updated_at) "
                  "VALUES (?, ?, ?, ?)"_s);
    query.addBindValue(sql::text(title));
    query.addBindValue(sql::text(routeName));
    query.addBindValue(now);
    query.addBindValue(now);
    if (Result<> ran = sql::run(query); !ran)
        return Error(ran.error());
    const qint64 conversationId = query.lastInsertId().toLongLong();
    Q_EMIT conversationsChanged();
    return conversationId;
}

Result<> ConversationStore::updateOneConversation(
    const QString &statement, const QVariantList &values, const QString &whenMissing)
{
    QSqlQuery query(db());
    query.prepare(statement);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (Result<> ran = sql::run(query); !ran)
        return ran;
    if (query.numRowsAffected() != 1)
        return Error(whenMissing);
    Q_EMIT conversationsChanged();
    return {};
}

Result<> ConversationStore::renameConversation(qint64 conversationId, const QString &title)
{
    return updateOneConversation(
        u"UPDATE conversations SET title = ?, updated_at = max(updated_at, ?) WHERE id = ?"_s,
        { sql::text(title), nowMs(), conversationId },
        tr("There is no conversation %1.").arg(conversationId));
}

Result<> ConversationStore::setConversationSettings(
    qint64 conversationId, const ConversationSettings &settings)
{
    return updateOneConversation(u"UPDATE conversations SET system_prompt = ?, parameters = ?, "
                                 "updated_at = max(updated_at, ?) WHERE id = ?"_s,
        { sql::text(settings.systemPrompt),
            QString::fromStdString(settings.parametersJson().dump()), nowMs(), conversationId },
        tr("There is no conversation %1.").arg(conversationId));
}

Result<> ConversationStore::deleteConversation(qint64 conversationId)
{
    return updateOneConversation(
        u"UPDATE conversations SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL"_s,
        { nowMs(), conversationId },
        tr("There is no conversation %1 to delete.").arg(conversationId));
}

Result<> ConversationStore::restoreConversation(qint64 conversationId)
{
    return updateOneConversation(
        u"UPDATE conversations SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL"_s,
        { conversationId },
        tr("There is no deleted conversation %1 to restore.").arg(conversationId));
}

Result<int> ConversationStore::purgeDeleted(const QDateTime &olderThan)
{
    QSqlQuery query(db());
    query.prepare(u"DELETE FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at < ?"_s);
    query.addBindValue(olderThan.toMSecsSinceEpoch());
    if (Result<> ran = sql::run(query); !ran)
        return Error(ran.error());
    const int purged = query.numRowsAffected();
    if (purged > 0) {
        AttachmentRows(db()).dropUnused(); // files of no message left; tried again next time
        Q_EMIT conversationsChanged();
    }
    return purged;
}

Result<Conversation> ConversationStore::conversation(qint64 conversationId) const
{
    QSqlQuery query(db());
    query.setForwardOnly(true);
    query.prepare(u"SELECT %1 FROM conversations WHERE id = ?"_s.arg(
        QLatin1StringView(rows::conversationColumns)));
    query.addBindValue(conversationId);
    if (Result<> ran = sql::run(query); !ran)
        return Error(ran.error());
    if (!query.next())
        return Error(tr("There is no conversation %1.").arg(conversationId));
    return rows::conversationFrom(query);
}

Result<QList<Conversation>> ConversationStore::conversations() const
{
    return listConversations("deleted_at IS NULL ORDER BY updated_at DESC, id DESC");
}

Result<QList<Conversation>> ConversationStore::deletedConversations() const
{
    return listConversations("deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC");
}

Result<QList<Conversation>> ConversationStore::listConversations(const char *whereAndOrder) const
{
    QSqlQuery query(db());
    query.setForwardOnly(true);
    query.prepare(u"SELECT %1 FROM conversations WHERE %2"_s.arg(
        QLatin1StringView(rows::conversationColumns), QLatin1StringView(whereAndOrder)));
    if (Result<> ran = sql::run(query); !ran)
        return Error(ran.error());
    QList<Conversation> result;
    while (query.next())
        result.append(rows::conversationFrom(query));
    return result;
}

Result<> ConversationStore::touchConversation(qint64 conversationId, qint64 now)
{
    QSqlQuery query(db());
    query.prepare(u"UPDATE conversations SET updated_at = max(updated_at, ?) WHERE id = ?"_s);
    query.addBindValue(now);
    query.addBindValue(conversationId);
    return sql::run(query);
}

// --- messages ---------------------------------------------------------------

Result<QList<StoredMessage>> ConversationStore::messages(qint64 conversationId) const
{
    QSqlQuery query(db());
    query.setForwardOnly(true);
    query.prepare(u"SELECT %1 FROM messages WHERE conversation_id = ? ORDER BY id"_s.arg(
        QLatin1StringView(rows::messageColumns)));
    query.addBindValue(conversationId);
    if (Result<> ran = sql::run(query); !ran)
        return Error(ran.error());
    QList<StoredMessage> result;
    while (query.next())
        result.append(rows::messageFrom(query));
    const Result<> filled = AttachmentRows(db()).fill(conversationId, result);
    return filled ? Result<QList<StoredMessage>>(result) : Error(filled.error());
}

Result<StoredMessage> ConversationStore::message(qint64 messageId) const
{
    QSqlQuery query(db());
    query.setForwardOnly(true);
    query.prepare(
        u"SELECT %1 FROM messages WHERE id = ?"_s.arg(QLatin1StringView(rows::messageColumns)));
    query.addBindValue(messageId);
    if (Result<> ran = sql::run(query); !ran)
        return Error(ran.error());
    if (!query.next())
        return Error(tr("There is no message %1.").arg(messageId));
    return rows::messageFrom(query);
}

Result<qint64> ConversationStore::conversationOfMessage(qint64 messageId) const
{
    return conversationOf("messages", messageId, tr("There is no message %1.").arg(messageId));
}

Result<qint64> ConversationStore::conversationOfTurn(qint64 turnId) const
{
    return conversationOf("turns", turnId, tr("There is no turn %1.").arg(turnId));
}

Result<qint64> ConversationStore::conversationOf(
    const char *table, qint64 id, const QString &whenMissing) const
{
    QSqlQuery query(db());
    query.setForwardOnly(true);
    query.prepare(u"SELECT conversation_id FROM %1 WHERE id = ?"_s.arg(QLatin1StringView(table)));
    query.addBindValue(id);
    if (Result<> ran = sql::run(query); !ran)
        return Error(ran.error());
    if (!query.next())
        return Error(whenMissing);
    return query.value(0).toLongLong();
}

Result<qint64> ConversationStore::insertMessage(qint64 conversationId, const QString &role,
    const QString &content, MessageState state, const QString &writer,
    const QList<Attachment> &attachments, std::optional<qint64> parentId)
{
    const qint64 now = nowMs();
    sql::WriteTransaction transaction(db());
    if (!transaction.isActive())
        return sql::failure(transaction.error());
    QSqlQuery query(db());
    query.prepare(u"INSERT INTO messages (conversation_id, role, content, state, writer, "
                  "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    query.addBindValue(conversationId);
    query.addBindValue(role);
    query.addBindValue(sql::text(content));
    query.addBindValue(messageStateName(state));
    query.addBindValue(writer.isEmpty() ? QVariant() : QVariant(writer));
    query.addBindValue(now);
    query.addBindValue(now);
    if (Result<> ran = sql::run(query); !ran)
        return Error(ran.error());
    const qint64 messageId = query.lastInsertId().toLongLong(); // now the current leaf
    if (Result<> placed = ConversationTree::placeUnder(db(), messageId, parentId); !placed)
        return Error(placed.error());
    if (Result<> kept = AttachmentRows(db()).insert(messageId, attachments); !kept)
        return Error(kept.error());
    if (Result<> touched = touchConversation(conversationId, now); !touched)
        return Error(touched.error());
    if (!transaction.commit())
        return sql::failure(transaction.error());
    Q_EMIT messagesChanged(conversationId);
    Q_EMIT conversationsChanged();
    return messageId;
}

Result<qint64> ConversationStore::addUserMessage(qint64 conversationId, const QString &content,
    const QList<Attachment> &attachments, std::optional<qint64> parentId)
{
    return insertMessage(
        conversationId, u"user"_s, content, MessageState::Complete, {}, attachments, parentId);
}

Result<qint64> ConversationStore::beginAssistantMessage(
    qint64 conversationId, std::optional<qint64> parentId)
{
    return insertMessage(
        conversationId, u"assistant"_s, {}, MessageState::Streaming, m_writers->id(), {}, parentId);
}

Result<> ConversationStore::updateAssistantText(
    qint64 messageId, const QString &content, const std::optional<QString> &reasoning)
{
    const Result<qint64> conversationId = conversationOfMessage(messageId);
    if (!conversationId)
        return Error(conversationId.error());
    QSqlQuery query(db());
    query.prepare(reasoning
            ? u"UPDATE messages SET content = ?, reasoning = ?, updated_at = ? WHERE id = ?"_s
            : u"UPDATE messages SET content = ?, updated_at = ? WHERE id = ?"_s);
    query.addBindValue(sql::text(content));
    if (reasoning)
        query.addBindValue(sql::text(*reasoning));
    query.addBindValue(nowMs());
    query.addBindValue(messageId);
    if (Result<> ran = sql::run(query); !ran)
        return ran;
    Q_EMIT messagesChanged(*conversationId);
    return {};
}

Result<> ConversationStore::markInterrupted(qint64 messageId)
{
    const Result<qint64> conversationId = conversationOfMessage(messageId);
    if (!conversationId)
        return Error(conversationId.error());
    QSqlQuery query(db());
    query.prepare(u"UPDATE messages SET state = 'interrupted', writer = NULL, updated_at = ? "
                  "WHERE id = ? AND state = 'streaming'"_s);
    query.addBindValue(nowMs());
    query.addBindValue(messageId);
    if (Result<> ran = sql::run(query); !ran)
        return ran;
    Q_EMIT messagesChanged(*conversationId);
    return {};
}

Result<int> ConversationStore::recoverInterrupted()
{
    const Result<ReplyRecovery::Recovered> recovered = ReplyRecovery(db(), *m_writers).run();
    if (!recovered)
        return Error(recovered.error());
    for (qint64 conversationId : recovered->conversations)
        Q_EMIT messagesChanged(conversationId);
    return recovered->messages;
}

// --- turns ------------------------------------------------------------------

Result<qint64> ConversationStore::finishTurn(qint64 conversationId, qint64 userMessageId,
    qint64 assistantMessageId, const TurnResult &result)
{
    const qint64 now = nowMs();
    sql::WriteTransaction transaction(db());
    if (!transaction.isActive())
        return sql::failure(transaction.error());
    const MessageState state = messageStateFor(result.status);
    qint64 startedAt = now - result.durationMs;
    if (assistantMessageId > 0) {
        QSqlQuery created(db());
        created.setForwardOnly(true);
        created.prepare(u"SELECT created_at FROM messages WHERE id = ? AND conversation_id = ?"_s);
        created.addBindValue(assistantMessageId);
        created.addBindValue(conversationId);
        if (Result<> ran = sql::run(created); !ran)
            return Error(ran.error());
        if (!created.next()) {
            return Error(tr("Message %1 is not in conversation %2.")
                             .arg(assistantMessageId)
                             .arg(conversationId));
        }
        startedAt = std::min(startedAt, created.value(0).toLongLong());
    } else {
        QSqlQuery insert(db());
        insert.prepare(
            u"INSERT INTO messages (conversation_id, role, state, created_at, updated_at) "
            "VALUES (?, 'assistant', ?, ?, ?)"_s);
        insert.addBindValue(conversationId);
        insert.addBindValue(messageStateName(state));
        insert.addBindValue(now);
        insert.addBindValue(now);
        if (Result<> ran = sql::run(insert); !ran)
            return Error(ran.error());
        assistantMessageId = insert.lastInsertId().toLongLong();
    }

    QSqlQuery turn(db());
    turn.prepare(
        u"INSERT INTO turns (conversation_id, user_message_id, assistant_message_id, status, "
        "summary, duration_ms, started_at, served_attempt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    turn.addBindValue(conversationId);
    turn.addBindValue(sql::id(userMessageId));
    turn.addBindValue(assistantMessageId);
    turn.addBindValue(turnStatusName(result.status));
    turn.addBindValue(sql::text(result.summary));
    turn.addBindValue(result.durationMs);
    turn.addBindValue(startedAt);
    turn.addBindValue(result.servedAttempt);
    if (Result<> ran = sql::run(turn); !ran)
        return Error(ran.error());
    const qint64 turnId = turn.lastInsertId().toLongLong();

    QSqlQuery reply(db());
    reply.prepare(u"UPDATE messages SET content = ?, reasoning = ?, state = ?, writer = NULL, "
                  "turn_id = ?, updated_at = ? WHERE id = ?"_s);
    reply.addBindValue(sql::text(result.content));
    reply.addBindValue(sql::text(result.reasoning));
    reply.addBindValue(messageStateName(state));
    reply.addBindValue(turnId);
    reply.addBindValue(now);
    reply.addBindValue(assistantMessageId);
    if (Result<> ran = sql::run(reply); !ran)
        return Error(ran.error());
    if (userMessageId > 0) {
        QSqlQuery user(db());
        user.prepare(u"UPDATE messages SET turn_id = ? WHERE id = ? AND conversation_id = ?"_s);
        user.addBindValue(turnId);
        user.addBindValue(userMessageId);
        user.addBindValue(conversationId);
        if (Result<> ran = sql::run(user); !ran)
            return Error(ran.error());
        if (user.numRowsAffected() != 1) {
            return Error(
                tr("Message %1 is not in conversation %2.").arg(userMessageId).arg(conversationId));
        }
    }
    const AttemptRows attemptRows(db());
    for (const Attempt &attempt : result.attempts) {
        if (Result<qint64> inserted = attemptRows.insert(turnId, attempt); !inserted)
            return inserted;
    }
    if (Result<> touched = touchConversation(conversationId, now); !touched)
        return Error(touched.error());
    if (!transaction.commit())
        return sql::failure(transaction.error());
    Q_EMIT messagesChanged(conversationId);
    Q_EMIT conversationsChanged();
    return turnId;
}

Result<QList<StoredTurn>> ConversationStore::readTurns(const QString &where, qint64 key) const
{
    QList<StoredTurn> result;
    {
        QSqlQuery query(db());
        query.setForwardOnly(true);
        query.prepare(u"SELECT %1 FROM turns WHERE %2 = ? ORDER BY id"_s.arg(
            QLatin1StringView(turnColumns), where));
        query.addBindValue(key);
        if (Result<> ran = sql::run(query); !ran)
            return Error(ran.error());
        while (query.next())
            result.append(turnFrom(query));
    }
    if (result.isEmpty())
        return result;
    Result<QHash<qint64, QList<Attempt>>> attempts = AttemptRows(db()).read(where, key);
    if (!attempts)
        return Error(attempts.error());
    for (StoredTurn &turn : result)
        turn.attempts = attempts->take(turn.id);
    return result;
}

Result<QList<StoredTurn>> ConversationStore::turns(qint64 conversationId) const
{
    return readTurns(u"conversation_id"_s, conversationId);
}

Result<StoredTurn> ConversationStore::turn(qint64 turnId) const
{
    Result<QList<StoredTurn>> found = readTurns(u"id"_s, turnId);
    if (!found)
        return Error(found.error());
    if (found->isEmpty())
        return Error(tr("There is no turn %1.").arg(turnId));
    return found->constFirst();
}

Result<QList<Attempt>> ConversationStore::attempts(qint64 turnId) const
{
    Result<QHash<qint64, QList<Attempt>>> attempts = AttemptRows(db()).read(u"id"_s, turnId);
    if (!attempts)
        return Error(attempts.error());
    return attempts->value(turnId);
}

Result<> ConversationStore::addServerAttempts(
    qint64 turnId, int attemptIndex, const QList<ServerAttempt> &serverAttempts)
{
    const Result<qint64> conversationId = conversationOfTurn(turnId);
    if (!conversationId)
        return Error(conversationId.error());
    const AttemptRows attemptRows(db());
    const Result<qint64> rowId = attemptRows.rowId(turnId, attemptIndex);
    if (!rowId)
        return Error(rowId.error());
    sql::WriteTransaction transaction(db());
    if (!transaction.isActive())
        return sql::failure(transaction.error());
    if (Result<> merged = attemptRows.mergeServerAttempts(*rowId, serverAttempts); !merged)
        return merged;
    if (!transaction.commit())
        return sql::failure(transaction.error());
    Q_EMIT messagesChanged(*conversationId);
    return {};
}

// --- search and whole conversations -----------------------------------------

Result<QList<SearchHit>> ConversationStore::search(const QString &text, int limit) const
{
    return MessageSearch(db()).find(text, limit);
}

Result<QList<SearchHit>> ConversationStore::searchConversations(
    const QString &text, int limit) const
{
    return MessageSearch(db()).find(text, limit, MessageSearch::Hits::NewestPerConversation);
}

Result<ConversationRecord> ConversationStore::load(qint64 conversationId) const
{
    Result<Conversation> found = conversation(conversationId);
    if (!found)
        return Error(found.error());
    Result<QList<StoredMessage>> messagesOf = messages(conversationId);
    if (!messagesOf)
        return Error(messagesOf.error());
    Result<QList<StoredTurn>> turnsOf = turns(conversationId);
    if (!turnsOf)
        return Error(turnsOf.error());
    return ConversationRecord { *std::move(found), *std::move(messagesOf), *std::move(turnsOf) };
}

Result<qint64> ConversationStore::importRecord(const ConversationRecord &record)
{
    Result<qint64> conversationId = RecordImporter(db()).insert(record);
    if (conversationId) {
        Q_EMIT conversationsChanged();
        Q_EMIT messagesChanged(*conversationId);
    }
    return conversationId;
}

} // namespace detour
