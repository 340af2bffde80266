#include "ConversationStore.h"

#include "Database.h"
#include "SearchQuery.h"
#include "SqlUtil.h"
#include "StoreJson.h"
#include "WriterRegistry.h"
#include "protocol/JsonUtil.h"

#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// NOT NULL text columns: a null QString would bind as NULL.
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QString(u""_s)) : QVariant(value);
}

QVariant id(qint64 value)
{
    return value > 0 ? QVariant(value) : QVariant();
}

template<typename T> QVariant optional(const std::optional<T> &value)
{
    return value ? QVariant::fromValue(*value) : QVariant();
}

QVariant optionalBool(const std::optional<bool> &value)
{
    return value ? QVariant(int(*value)) : QVariant();
}

std::optional<bool> boolFrom(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<bool>(value.toLongLong() != 0);
}

std::optional<qint64> integerFrom(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

std::optional<double> realFrom(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<double>(value.toDouble());
}

QList<Fix> fixesFromColumn(const QVariant &value)
{
    const std::optional<nlohmann::json> list = json::parse(value.toString().toUtf8());
    return list ? storejson::fixesFrom(*list).value_or(QList<Fix>()) : QList<Fix>();
}

HttpHeaders headersFromColumn(const QVariant &value)
{
    const std::optional<nlohmann::json> list = json::parse(value.toString().toUtf8());
    return list ? storejson::headersFrom(*list).value_or(HttpHeaders()) : HttpHeaders();
}

constexpr auto conversationColumns = "id, title, route_name, created_at, updated_at, deleted_at";
constexpr auto messageColumns =
    "id, conversation_id, turn_id, role, content, reasoning, state, created_at, updated_at";
constexpr auto turnColumns = "id, conversation_id, user_message_id, assistant_message_id, status, "
                             "summary, duration_ms, started_at, served_attempt";

Conversation conversationFrom(const QSqlQuery &query)
{
    Conversation conversation;
    conversation.id = query.value(0).toLongLong();
    conversation.title = query.value(1).toString();
    conversation.routeName = query.value(2).toString();
    conversation.createdAt = sql::timeFrom(query.value(3));
    conversation.updatedAt = sql::timeFrom(query.value(4));
    conversation.deletedAt = sql::timeFrom(query.value(5));
    return conversation;
}

StoredMessage messageFrom(const QSqlQuery &query)
{
    StoredMessage message;
    message.id = query.value(0).toLongLong();
    message.conversationId = query.value(1).toLongLong();
    message.turnId = query.value(2).toLongLong();
    message.role = query.value(3).toString();
    message.content = query.value(4).toString();
    message.reasoning = query.value(5).toString();
    message.state =
        messageStateFromName(query.value(6).toString()).value_or(MessageState::Interrupted);
    message.createdAt = sql::timeFrom(query.value(7));
    message.updatedAt = sql::timeFrom(query.value(8));
    return message;
}

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

bool ConversationStore::run(QSqlQuery &query) const
{
    if (query.exec())
        return true;
    m_error = sql::describe(query.lastError());
    return false;
}

bool ConversationStore::fail(const QString &what) const
{
    m_error = what;
    return false;
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

std::optional<qint64> ConversationStore::createConversation(
    const QString &title, const QString &routeName)
{
    const qint64 now = nowMs();
    QSqlQuery query(db());
    query.prepare(u"INSERT INTO conversations (title, route_name, created_at, updated_at) "
                  "VALUES (?, ?, ?, ?)"_s);
    query.addBindValue(text(title));
    query.addBindValue(text(routeName));
    query.addBindValue(now);
    query.addBindValue(now);
    if (!run(query))
        return std::nullopt;
    const qint64 conversationId = query.lastInsertId().toLongLong();
    Q_EMIT conversationsChanged();
    return conversationId;
}

bool ConversationStore::updateOneConversation(
    const QString &statement, const QVariantList &values, const QString &whenMissing)
{
    QSqlQuery query(db());
    query.prepare(statement);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!run(query))
        return false;
    if (query.numRowsAffected() != 1)
        return fail(whenMissing);
    Q_EMIT conversationsChanged();
    return true;
}

bool ConversationStore::renameConversation(qint64 conversationId, const QString &title)
{
    return updateOneConversation(
        u"UPDATE conversations SET title = ?, updated_at = max(updated_at, ?) WHERE id = ?"_s,
        { text(title), nowMs(), conversationId },
        tr("There is no conversation %1.").arg(conversationId));
}

bool ConversationStore::deleteConversation(qint64 conversationId)
{
    return updateOneConversation(
        u"UPDATE conversations SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL"_s,
        { nowMs(), conversationId },
        tr("There is no conversation %1 to delete.").arg(conversationId));
}

bool ConversationStore::restoreConversation(qint64 conversationId)
{
    return updateOneConversation(
        u"UPDATE conversations SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL"_s,
        { conversationId },
        tr("There is no deleted conversation %1 to restore.").arg(conversationId));
}

int ConversationStore::purgeDeleted(const QDateTime &olderThan)
{
    QSqlQuery query(db());
    query.prepare(u"DELETE FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at < ?"_s);
    query.addBindValue(olderThan.toMSecsSinceEpoch());
    if (!run(query))
        return -1;
    const int purged = query.numRowsAffected();
    if (purged > 0)
        Q_EMIT conversationsChanged();
    return purged;
}

std::optional<Conversation> ConversationStore::conversation(qint64 conversationId) const
{
    QSqlQuery query(db());
    query.setForwardOnly(true);
    query.prepare(
        u"SELECT %1 FROM conversations WHERE id = ?"_s.arg(QLatin1StringView(conversationColumns)));
    query.addBindValue(conversationId);
    if (!run(query))
        return std::nullopt;
    if (!query.next()) {
        fail(tr("There is no conversation %1.").arg(conversationId));
        return std::nullopt;
    }
    return conversationFrom(query);
}

QList<Conversation> ConversationStore::conversations() const
{
    return listConversations("deleted_at IS NULL ORDER BY updated_at DESC, id DESC");
}

QList<Conversation> ConversationStore::deletedConversations() const
{
    return listConversations("deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC");
}

QList<Conversation> ConversationStore::listConversations(const char *whereAndOrder) const
{
    QList<Conversation> result;
    QSqlQuery query(db());
    query.setForwardOnly(true);
    query.prepare(u"SELECT %1 FROM conversations WHERE %2"_s.arg(
        QLatin1StringView(conversationColumns), QLatin1StringView(whereAndOrder)));
    if (!run(query))
        return result;
    while (query.next())
        result.append(conversationFrom(query));
    return result;
}

bool ConversationStore::touchConversation(qint64 conversationId, qint64 now)
{
    QSqlQuery query(db());
    query.prepare(u"UPDATE conversations SET updated_at = max(updated_at, ?) WHERE id = ?"_s);
    query.addBindValue(now);
    query.addBindValue(conversationId);
    return run(query);
}

// --- messages ---------------------------------------------------------------

QList<StoredMessage> ConversationStore::messages(qint64 conversationId) const
{
    QList<StoredMessage> result;
    QSqlQuery query(db());
    query.setForwardOnly(true);
    query.prepare(u"SELECT %1 FROM messages WHERE conversation_id = ? ORDER BY id"_s.arg(
        QLatin1StringView(messageColumns)));
    query.addBindValue(conversationId);
    if (!run(query))
        return result;
    while (query.next())
        result.append(messageFrom(query));
    return result;
}

std::optional<StoredMessage> ConversationStore::message(qint64 messageId) const
{
    QSqlQuery query(db());
    query.setForwardOnly(true);
    query.prepare(u"SELECT %1 FROM messages WHERE id = ?"_s.arg(QLatin1StringView(messageColumns)));
    query.addBindValue(messageId);
    if (!run(query))
        return std::nullopt;
    if (!query.next()) {
        fail(tr("There is no message %1.").arg(messageId));
        return std::nullopt;
    }
    return messageFrom(query);
}

std::optional<qint64> ConversationStore::conversationOfMessage(qint64 messageId) const
{
    QSqlQuery query(db());
    query.setForwardOnly(true);
    query.prepare(u"SELECT conversation_id FROM messages WHERE id = ?"_s);
    query.addBindValue(messageId);
    if (!run(query))
        return std::nullopt;
    if (!query.next()) {
        fail(tr("There is no message %1.").arg(messageId));
        return std::nullopt;
    }
    return query.value(0).toLongLong();
}

std::optional<qint64> ConversationStore::addUserMessage(
    qint64 conversationId, const QString &content)
{
    const qint64 now = nowMs();
    sql::WriteTransaction transaction(db());
    if (!transaction.isActive()) {
        fail(sql::describe(transaction.error()));
        return std::nullopt;
    }
    QSqlQuery query(db());
    query.prepare(
        u"INSERT INTO messages (conversation_id, role, content, state, created_at, updated_at) "
        "VALUES (?, 'user', ?, 'complete', ?, ?)"_s);
    query.addBindValue(conversationId);
    query.addBindValue(text(content));
    query.addBindValue(now);
    query.addBindValue(now);
    if (!run(query) || !touchConversation(conversationId, now))
        return std::nullopt;
    const qint64 messageId = query.lastInsertId().toLongLong();
    if (!transaction.commit()) {
        fail(sql::describe(transaction.error()));
        return std::nullopt;
    }
    Q_EMIT messagesChanged(conversationId);
    Q_EMIT conversationsChanged();
    return messageId;
}

std::optional<qint64> ConversationStore::beginAssistantMessage(qint64 conversationId)
{
    const qint64 now = nowMs();
    sql::WriteTransaction transaction(db());
    if (!transaction.isActive()) {
        fail(sql::describe(transaction.error()));
        return std::nullopt;
    }
    QSqlQuery query(db());
    query.prepare(
        u"INSERT INTO messages (conversation_id, role, state, writer, created_at, updated_at) "
        "VALUES (?, 'assistant', 'streaming', ?, ?, ?)"_s);
    query.addBindValue(conversationId);
    query.addBindValue(m_writers->id());
    query.addBindValue(now);
    query.addBindValue(now);
    if (!run(query) || !touchConversation(conversationId, now))
        return std::nullopt;
    const qint64 messageId = query.lastInsertId().toLongLong();
    if (!transaction.commit()) {
        fail(sql::describe(transaction.error()));
        return std::nullopt;
    }
    Q_EMIT messagesChanged(conversationId);
    Q_EMIT conversationsChanged();
    return messageId;
}

bool ConversationStore::updateAssistantText(
    qint64 messageId, const QString &content, const std::optional<QString> &reasoning)
{
    const std::optional<qint64> conversationId = conversationOfMessage(messageId);
    if (!conversationId)
        return false;
    QSqlQuery query(db());
    query.prepare(reasoning
            ? u"UPDATE messages SET content = ?, reasoning = ?, updated_at = ? WHERE id = ?"_s
            : u"UPDATE messages SET content = ?, updated_at = ? WHERE id = ?"_s);
    query.addBindValue(text(content));
    if (reasoning)
        query.addBindValue(text(*reasoning));
    query.addBindValue(nowMs());
    query.addBindValue(messageId);
    if (!run(query))
        return false;
    Q_EMIT messagesChanged(*conversationId);
    return true;
}

bool ConversationStore::markInterrupted(qint64 messageId)
{
    const std::optional<qint64> conversationId = conversationOfMessage(messageId);
    if (!conversationId)
        return false;
    QSqlQuery query(db());
    query.prepare(u"UPDATE messages SET state = 'interrupted', writer = NULL, updated_at = ? "
                  "WHERE id = ? AND state = 'streaming'"_s);
    query.addBindValue(nowMs());
    query.addBindValue(messageId);
    if (!run(query))
        return false;
    Q_EMIT messagesChanged(*conversationId);
    return true;
}

int ConversationStore::recoverInterrupted()
{
    QStringList writers;
    {
        QSqlQuery query(db());
        query.setForwardOnly(true);
        query.prepare(
            u"SELECT DISTINCT coalesce(writer, '') FROM messages WHERE state = 'streaming'"_s);
        if (!run(query))
            return -1;
        while (query.next())
            writers << query.value(0).toString();
    }
    QStringList gone;
    for (const QString &writer : std::as_const(writers)) {
        if (writer.isEmpty() || !m_writers->isAlive(writer))
            gone << writer;
    }
    if (gone.isEmpty())
        return 0;

    sql::WriteTransaction transaction(db());
    if (!transaction.isActive()) {
        fail(sql::describe(transaction.error()));
        return -1;
    }
    QSet<qint64> conversations;
    int recovered = 0;
    const qint64 now = nowMs();
    for (const QString &writer : std::as_const(gone)) {
        QSqlQuery select(db());
        select.setForwardOnly(true);
        select.prepare(u"SELECT DISTINCT conversation_id FROM messages "
                       "WHERE state = 'streaming' AND coalesce(writer, '') = ?"_s);
        select.addBindValue(writer);
        if (!run(select))
            return -1;
        while (select.next())
            conversations.insert(select.value(0).toLongLong());
        QSqlQuery update(db());
        update.prepare(u"UPDATE messages SET state = 'interrupted', writer = NULL, updated_at = ? "
                       "WHERE state = 'streaming' AND coalesce(writer, '') = ?"_s);
        update.addBindValue(now);
        update.addBindValue(writer);
        if (!run(update))
            return -1;
        recovered += update.numRowsAffected();
    }
    if (!transaction.commit()) {
        fail(sql::describe(transaction.error()));
        return -1;
    }
    for (qint64 conversationId : std::as_const(conversations))
        Q_EMIT messagesChanged(conversationId);
    return recovered;
}

// --- turns and attempts -----------------------------------------------------

std::optional<qint64> ConversationStore::insertAttempt(qint64 turnId, const Attempt &attempt)
{
    QSqlQuery query(db());
    query.prepare(
        u"INSERT INTO attempts (turn_id, idx, step_index, endpoint_id, endpoint_kind, "
        "requested_model, served_model, provider, generation_id, http_status, outcome, "
        "party, summary, fixes, retry_after_s, error_code, message, raw, body, "
        "response_headers, wait_before_ms, cooling_until, interrupted, finish_reason, "
        "sent_ms, headers_ms, first_token_ms, last_token_ms, finished_ms, prompt_tokens, "
        "completion_tokens, total_tokens, reasoning_tokens, cost, is_byok) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?)"_s);
    query.addBindValue(turnId);
    query.addBindValue(attempt.index);
    query.addBindValue(attempt.stepIndex);
    query.addBindValue(text(attempt.endpointId));
    query.addBindValue(endpointKindName(attempt.endpointKind));
    query.addBindValue(text(attempt.requestedModel));
    query.addBindValue(text(attempt.servedModel));
    query.addBindValue(text(attempt.provider));
    query.addBindValue(text(attempt.generationId));
    query.addBindValue(attempt.httpStatus);
    query.addBindValue(outcomeName(attempt.outcome));
    query.addBindValue(text(partyName(attempt.party)));
    query.addBindValue(text(attempt.summary));
    query.addBindValue(QString::fromUtf8(storejson::dump(storejson::fixes(attempt.fixes))));
    query.addBindValue(optional(attempt.retryAfterS));
    query.addBindValue(text(attempt.errorCode));
    query.addBindValue(text(attempt.message));
    query.addBindValue(text(attempt.raw));
    query.addBindValue(
        attempt.body.isEmpty() ? QVariant() : QVariant(attempt.body.left(Attempt::maxStoredBody)));
    // Redacted again here: whatever a caller passes, no credential reaches the disk.
    query.addBindValue(
        QString::fromUtf8(storejson::dump(storejson::headers(redactedHeaders(attempt.headers)))));
    query.addBindValue(attempt.waitBeforeMs);
    query.addBindValue(sql::time(attempt.coolingUntil));
    query.addBindValue(int(attempt.interrupted));
    query.addBindValue(text(attempt.finishReason));
    query.addBindValue(attempt.timings.sentMs);
    query.addBindValue(attempt.timings.headersMs);
    query.addBindValue(attempt.timings.firstTokenMs);
    query.addBindValue(attempt.timings.lastTokenMs);
    query.addBindValue(attempt.timings.finishedMs);
    const std::optional<Usage> &usage = attempt.usage;
    query.addBindValue(usage ? QVariant(usage->promptTokens) : QVariant());
    query.addBindValue(usage ? QVariant(usage->completionTokens) : QVariant());
    query.addBindValue(usage ? QVariant(usage->totalTokens) : QVariant());
    query.addBindValue(usage ? QVariant(usage->reasoningTokens) : QVariant());
    query.addBindValue(usage ? optional(usage->cost) : QVariant());
    query.addBindValue(usage ? optionalBool(usage->isByok) : QVariant());
    if (!run(query))
        return std::nullopt;
    const qint64 rowId = query.lastInsertId().toLongLong();
    if (!insertServerAttempts(rowId, attempt.serverAttempts))
        return std::nullopt;
    return rowId;
}

bool ConversationStore::insertServerAttempts(
    qint64 attemptRowId, const QList<ServerAttempt> &serverAttempts)
{
    if (serverAttempts.isEmpty())
        return true;
    int position = 0;
    {
        QSqlQuery next(db());
        next.setForwardOnly(true);
        next.prepare(
            u"SELECT coalesce(max(position) + 1, 0) FROM server_attempts WHERE attempt_id = ?"_s);
        next.addBindValue(attemptRowId);
        if (!run(next) || !next.next())
            return fail(sql::describe(next.lastError()));
        position = next.value(0).toInt();
    }
    QSqlQuery query(db());
    query.prepare(
        u"INSERT INTO server_attempts (attempt_id, position, provider, model, status, code, "
        "latency_ms, is_byok, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    for (const ServerAttempt &server : serverAttempts) {
        query.addBindValue(attemptRowId);
        query.addBindValue(position++);
        query.addBindValue(text(server.provider));
        query.addBindValue(text(server.model));
        query.addBindValue(server.status);
        query.addBindValue(text(server.code));
        query.addBindValue(optional(server.latencyMs));
        query.addBindValue(optionalBool(server.isByok));
        query.addBindValue(serverAttemptSourceName(server.source));
        if (!run(query))
            return false;
    }
    return true;
}

std::optional<qint64> ConversationStore::finishTurn(qint64 conversationId, qint64 userMessageId,
    qint64 assistantMessageId, const TurnResult &result)
{
    const qint64 now = nowMs();
    sql::WriteTransaction transaction(db());
    if (!transaction.isActive()) {
        fail(sql::describe(transaction.error()));
        return std::nullopt;
    }
    const MessageState state = messageStateFor(result.status);
    qint64 startedAt = now - result.durationMs;
    if (assistantMessageId > 0) {
        QSqlQuery created(db());
        created.setForwardOnly(true);
        created.prepare(u"SELECT created_at FROM messages WHERE id = ? AND conversation_id = ?"_s);
        created.addBindValue(assistantMessageId);
        created.addBindValue(conversationId);
        if (!run(created))
            return std::nullopt;
        if (!created.next()) {
            fail(tr("Message %1 is not in conversation %2.")
                     .arg(assistantMessageId)
                     .arg(conversationId));
            return std::nullopt;
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
        if (!run(insert))
            return std::nullopt;
        assistantMessageId = insert.lastInsertId().toLongLong();
    }

    QSqlQuery turn(db());
    turn.prepare(
        u"INSERT INTO turns (conversation_id, user_message_id, assistant_message_id, status, "
        "summary, duration_ms, started_at, served_attempt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    turn.addBindValue(conversationId);
    turn.addBindValue(id(userMessageId));
    turn.addBindValue(assistantMessageId);
    turn.addBindValue(turnStatusName(result.status));
    turn.addBindValue(text(result.summary));
    turn.addBindValue(result.durationMs);
    turn.addBindValue(startedAt);
    turn.addBindValue(result.servedAttempt);
    if (!run(turn))
        return std::nullopt;
    const qint64 turnId = turn.lastInsertId().toLongLong();

    QSqlQuery reply(db());
    reply.prepare(u"UPDATE messages SET content = ?, reasoning = ?, state = ?, writer = NULL, "
                  "turn_id = ?, updated_at = ? WHERE id = ?"_s);
    reply.addBindValue(text(result.content));
    reply.addBindValue(text(result.reasoning));
    reply.addBindValue(messageStateName(state));
    reply.addBindValue(turnId);
    reply.addBindValue(now);
    reply.addBindValue(assistantMessageId);
    if (!run(reply))
        return std::nullopt;
    if (userMessageId > 0) {
        QSqlQuery user(db());
        user.prepare(u"UPDATE messages SET turn_id = ? WHERE id = ? AND conversation_id = ?"_s);
        user.addBindValue(turnId);
        user.addBindValue(userMessageId);
        user.addBindValue(conversationId);
        if (!run(user))
            return std::nullopt;
        if (user.numRowsAffected() != 1) {
            fail(
                tr("Message %1 is not in conversation %2.").arg(userMessageId).arg(conversationId));
            return std::nullopt;
        }
    }
    for (const Attempt &attempt : result.attempts) {
        if (!insertAttempt(turnId, attempt))
            return std::nullopt;
    }
    if (!touchConversation(conversationId, now))
        return std::nullopt;
    if (!transaction.commit()) {
        fail(sql::describe(transaction.error()));
        return std::nullopt;
    }
    Q_EMIT messagesChanged(conversationId);
    Q_EMIT conversationsChanged();
    return turnId;
}

QList<Attempt> ConversationStore::attempts(qint64 turnId) const
{
    return readAttempts(u"id"_s, turnId).value(turnId);
}

QHash<qint64, QList<Attempt>> ConversationStore::readAttempts(
    const QString &turnColumn, qint64 key) const
{
    // Two queries whatever the number of turns (opening a long conversation used to
    // run two per turn): the attempts of every matching turn, then their server attempts.
    QHash<qint64, QList<Attempt>> result; // by turn id, each list by index
    QHash<qint64, std::pair<qint64, qsizetype>> rows; // attempt row id -> turn id, position
    QSqlQuery query(db());
    query.setForwardOnly(true);
    query.prepare(u"SELECT a.* FROM attempts a JOIN turns t ON t.id = a.turn_id "
                  "WHERE t.%1 = ? ORDER BY a.turn_id, a.idx"_s.arg(turnColumn));
    query.addBindValue(key);
    if (!run(query))
        return result;
    // Columns by name, looked up once rather than per row and column.
    const QSqlRecord columns = query.record();
    const auto column = [&](const char *name) { return columns.indexOf(QLatin1String(name)); };
    const int rowId = column("id"), turn = column("turn_id"), idx = column("idx"),
              stepIndex = column("step_index"), endpointId = column("endpoint_id"),
              endpointKind = column("endpoint_kind"), requestedModel = column("requested_model"),
              servedModel = column("served_model"), provider = column("provider"),
              generationId = column("generation_id"), httpStatus = column("http_status"),
              outcome = column("outcome"), party = column("party"), summary = column("summary"),
              fixes = column("fixes"), retryAfter = column("retry_after_s"),
              errorCode = column("error_code"), message = column("message"), raw = column("raw"),
              body = column("body"), headers = column("response_headers"),
              waitBefore = column("wait_before_ms"), coolingUntil = column("cooling_until"),
              interrupted = column("interrupted"), finishReason = column("finish_reason"),
              sent = column("sent_ms"), headersAt = column("headers_ms"),
              firstToken = column("first_token_ms"), lastToken = column("last_token_ms"),
              finished = column("finished_ms"), promptTokens = column("prompt_tokens"),
              completionTokens = column("completion_tokens"), totalTokens = column("total_tokens"),
              reasoningTokens = column("reasoning_tokens"), cost = column("cost"),
              isByok = column("is_byok");
    while (query.next()) {
        const auto value = [&query](int at) { return query.value(at); };
        Attempt attempt;
        attempt.index = value(idx).toInt();
        attempt.stepIndex = value(stepIndex).toInt();
        attempt.endpointId = value(endpointId).toString();
        attempt.endpointKind =
            endpointKindFromName(value(endpointKind).toString()).value_or(EndpointKind::OpenRouter);
        attempt.requestedModel = value(requestedModel).toString();
        attempt.servedModel = value(servedModel).toString();
        attempt.provider = value(provider).toString();
        attempt.generationId = value(generationId).toString();
        attempt.httpStatus = value(httpStatus).toInt();
        attempt.outcome = outcomeFromName(value(outcome).toString()).value_or(Outcome::ServerError);
        attempt.party = partyFromName(value(party).toString()).value_or(Party::None);
        attempt.summary = value(summary).toString();
        attempt.fixes = fixesFromColumn(value(fixes));
        attempt.retryAfterS = realFrom(value(retryAfter));
        attempt.errorCode = value(errorCode).toString();
        attempt.message = value(message).toString();
        attempt.raw = value(raw).toString();
        attempt.body = value(body).toByteArray();
        attempt.headers = headersFromColumn(value(headers));
        attempt.waitBeforeMs = value(waitBefore).toLongLong();
        attempt.coolingUntil = sql::timeFrom(value(coolingUntil));
        attempt.interrupted = value(interrupted).toLongLong() != 0;
        attempt.finishReason = value(finishReason).toString();
        attempt.timings.sentMs = value(sent).toLongLong();
        attempt.timings.headersMs = value(headersAt).toLongLong();
        attempt.timings.firstTokenMs = value(firstToken).toLongLong();
        attempt.timings.lastTokenMs = value(lastToken).toLongLong();
        attempt.timings.finishedMs = value(finished).toLongLong();
        if (!value(promptTokens).isNull()) {
            Usage usage;
            usage.promptTokens = value(promptTokens).toLongLong();
            usage.completionTokens = value(completionTokens).toLongLong();
            usage.totalTokens = value(totalTokens).toLongLong();
            usage.reasoningTokens = value(reasoningTokens).toLongLong();
            usage.cost = realFrom(value(cost));
            usage.isByok = boolFrom(value(isByok));
            attempt.usage = usage;
        }
        const qint64 turnId = value(turn).toLongLong();
        QList<Attempt> &ofTurn = result[turnId];
        rows.insert(value(rowId).toLongLong(), { turnId, ofTurn.size() });
        ofTurn.append(attempt);
    }
    if (result.isEmpty())
        return result;

    QSqlQuery servers(db());
    servers.setForwardOnly(true);
    servers.prepare(
        u"SELECT s.attempt_id, s.provider, s.model, s.status, s.code, s.latency_ms, "
        "s.is_byok, s.source FROM server_attempts s JOIN attempts a ON a.id = s.attempt_id "
        "JOIN turns t ON t.id = a.turn_id WHERE t.%1 = ? ORDER BY s.attempt_id, s.position"_s.arg(
            turnColumn));
    servers.addBindValue(key);
    if (!run(servers))
        return result;
    while (servers.next()) {
        const auto at = rows.constFind(servers.value(0).toLongLong());
        if (at == rows.cend())
            continue;
        ServerAttempt server;
        server.provider = servers.value(1).toString();
        server.model = servers.value(2).toString();
        server.status = servers.value(3).toInt();
        server.code = servers.value(4).toString();
        server.latencyMs = integerFrom(servers.value(5));
        server.isByok = boolFrom(servers.value(6));
        const QString source = servers.value(7).toString();
        for (auto candidate : { ServerAttempt::Source::RouterMetadata,
                 ServerAttempt::Source::GenerationStats, ServerAttempt::Source::ErrorMetadata }) {
            if (serverAttemptSourceName(candidate) == source)
                server.source = candidate;
        }
        result[at->first][at->second].serverAttempts.append(server);
    }
    return result;
}

QList<StoredTurn> ConversationStore::readTurns(const QString &where, qint64 key) const
{
    QList<StoredTurn> result;
    {
        QSqlQuery query(db());
        query.setForwardOnly(true);
        query.prepare(u"SELECT %1 FROM turns WHERE %2 = ? ORDER BY id"_s.arg(
            QLatin1StringView(turnColumns), where));
        query.addBindValue(key);
        if (!run(query))
            return result;
        while (query.next())
            result.append(turnFrom(query));
    }
    if (result.isEmpty())
        return result;
    QHash<qint64, QList<Attempt>> attempts = readAttempts(where, key);
    for (StoredTurn &turn : result)
        turn.attempts = attempts.take(turn.id);
    return result;
}

QList<StoredTurn> ConversationStore::turns(qint64 conversationId) const
{
    return readTurns(u"conversation_id"_s, conversationId);
}

std::optional<StoredTurn> ConversationStore::turn(qint64 turnId) const
{
    const QList<StoredTurn> found = readTurns(u"id"_s, turnId);
    if (found.isEmpty()) {
        fail(tr("There is no turn %1.").arg(turnId));
        return std::nullopt;
    }
    return found.first();
}

std::optional<qint64> ConversationStore::attemptRowId(qint64 turnId, int attemptIndex) const
{
    QSqlQuery query(db());
    query.setForwardOnly(true);
    query.prepare(u"SELECT id FROM attempts WHERE turn_id = ? AND idx = ?"_s);
    query.addBindValue(turnId);
    query.addBindValue(attemptIndex);
    if (!run(query))
        return std::nullopt;
    if (!query.next()) {
        fail(tr("Turn %1 has no attempt %2.").arg(turnId).arg(attemptIndex));
        return std::nullopt;
    }
    return query.value(0).toLongLong();
}

bool ConversationStore::addServerAttempts(
    qint64 attemptRowId, const QList<ServerAttempt> &serverAttempts)
{
    qint64 conversationId = 0;
    {
        QSqlQuery owner(db());
        owner.setForwardOnly(true);
        owner.prepare(u"SELECT t.conversation_id FROM attempts a JOIN turns t ON t.id = a.turn_id "
                      "WHERE a.id = ?"_s);
        owner.addBindValue(attemptRowId);
        if (!run(owner))
            return false;
        if (!owner.next())
            return fail(tr("There is no attempt %1.").arg(attemptRowId));
        conversationId = owner.value(0).toLongLong();
    }
    sql::WriteTransaction transaction(db());
    if (!transaction.isActive())
        return fail(sql::describe(transaction.error()));
    if (!insertServerAttempts(attemptRowId, serverAttempts))
        return false;
    if (!transaction.commit())
        return fail(sql::describe(transaction.error()));
    Q_EMIT messagesChanged(conversationId);
    return true;
}

bool ConversationStore::addServerAttempts(
    qint64 turnId, int attemptIndex, const QList<ServerAttempt> &serverAttempts)
{
    const std::optional<qint64> rowId = attemptRowId(turnId, attemptIndex);
    return rowId && addServerAttempts(*rowId, serverAttempts);
}

// --- search -----------------------------------------------------------------

QList<SearchHit> ConversationStore::search(const QString &text, int limit) const
{
    QList<SearchHit> hits;
    m_error.clear();
    const SearchQuery parsed = SearchQuery::parse(text);
    if (parsed.mode == SearchQuery::Mode::Nothing)
        return hits;

    const bool fts = !parsed.match.isEmpty();
    const QString table =
        parsed.mode == SearchQuery::Mode::Words ? u"message_words"_s : u"message_cjk"_s;
    QString statement = fts
        ? u"SELECT m.id, m.conversation_id, m.role, c.title, m.created_at, "
          "highlight(%1, 0, ?, ?) FROM %1 JOIN messages m ON m.id = %1.rowid "
          "JOIN conversations c ON c.id = m.conversation_id "
          "WHERE %1 MATCH ? AND c.deleted_at IS NULL"_s.arg(table)
        : u"SELECT m.id, m.conversation_id, m.role, c.title, m.created_at, m.content "
          "FROM messages m JOIN conversations c ON c.id = m.conversation_id "
          "WHERE c.deleted_at IS NULL"_s;
    for (qsizetype i = 0; i < parsed.likeTerms.size(); ++i)
        statement += u" AND m.content LIKE ? ESCAPE '\\'"_s;
    statement += u" ORDER BY m.id DESC LIMIT ?"_s;

    QSqlQuery query(db());
    query.setForwardOnly(true);
    query.prepare(statement);
    if (fts) {
        query.addBindValue(QString(QChar(search::openMark)));
        query.addBindValue(QString(QChar(search::closeMark)));
        query.addBindValue(parsed.match);
    }
    for (const QString &term : parsed.likeTerms)
        query.addBindValue(SearchQuery::likePattern(term));
    query.addBindValue(std::max(1, limit));
    if (!run(query))
        return hits;
    while (query.next()) {
        SearchHit hit;
        hit.messageId = query.value(0).toLongLong();
        hit.conversationId = query.value(1).toLongLong();
        hit.role = query.value(2).toString();
        hit.conversationTitle = query.value(3).toString();
        hit.createdAt = sql::timeFrom(query.value(4));
        QString marked = query.value(5).toString();
        if (!parsed.likeTerms.isEmpty()) {
            // Short terms have no FTS5 part: mark them here (outside FTS5's own marks).
            QString plain = marked;
            plain.remove(QChar(search::openMark)).remove(QChar(search::closeMark));
            QStringList all = parsed.likeTerms;
            for (const SearchQuery::Term &term : parsed.terms) {
                if (!all.contains(term.text))
                    all << term.text;
            }
            marked = search::mark(plain, all);
        }
        hit.snippet = search::snippet(marked);
        hits.append(hit);
    }
    return hits;
}

// --- whole conversations ----------------------------------------------------

std::optional<ConversationRecord> ConversationStore::load(qint64 conversationId) const
{
    const std::optional<Conversation> found = conversation(conversationId);
    if (!found)
        return std::nullopt;
    ConversationRecord record;
    record.conversation = *found;
    m_error.clear();
    record.messages = messages(conversationId);
    record.turns = turns(conversationId);
    if (!m_error.isEmpty())
        return std::nullopt;
    return record;
}

std::optional<qint64> ConversationStore::importRecord(const ConversationRecord &record)
{
    sql::WriteTransaction transaction(db());
    if (!transaction.isActive()) {
        fail(sql::describe(transaction.error()));
        return std::nullopt;
    }
    const qint64 now = nowMs();
    const Conversation &source = record.conversation;
    QSqlQuery conversation(db());
    conversation.prepare(u"INSERT INTO conversations (title, route_name, created_at, updated_at, "
                         "deleted_at) VALUES (?, ?, ?, ?, ?)"_s);
    conversation.addBindValue(text(source.title));
    conversation.addBindValue(text(source.routeName));
    conversation.addBindValue(
        source.createdAt.isValid() ? source.createdAt.toMSecsSinceEpoch() : now);
    conversation.addBindValue(
        source.updatedAt.isValid() ? source.updatedAt.toMSecsSinceEpoch() : now);
    conversation.addBindValue(sql::time(source.deletedAt));
    if (!run(conversation))
        return std::nullopt;
    const qint64 conversationId = conversation.lastInsertId().toLongLong();

    QHash<qint64, qint64> messageIds; // record's id -> new id
    QSqlQuery message(db());
    message.prepare(u"INSERT INTO messages (conversation_id, role, content, reasoning, state, "
                    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    for (const StoredMessage &m : record.messages) {
        message.addBindValue(conversationId);
        message.addBindValue(text(m.role));
        message.addBindValue(text(m.content));
        message.addBindValue(text(m.reasoning));
        message.addBindValue(messageStateName(m.state));
        message.addBindValue(m.createdAt.isValid() ? m.createdAt.toMSecsSinceEpoch() : now);
        message.addBindValue(m.updatedAt.isValid() ? m.updatedAt.toMSecsSinceEpoch() : now);
        if (!run(message))
            return std::nullopt;
        messageIds.insert(m.id, message.lastInsertId().toLongLong());
    }

    QSqlQuery turn(db());
    turn.prepare(
        u"INSERT INTO turns (conversation_id, user_message_id, assistant_message_id, status, "
        "summary, duration_ms, started_at, served_attempt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    QSqlQuery link(db());
    link.prepare(u"UPDATE messages SET turn_id = ? WHERE id = ?"_s);
    for (const StoredTurn &t : record.turns) {
        turn.addBindValue(conversationId);
        turn.addBindValue(id(messageIds.value(t.userMessageId)));
        turn.addBindValue(id(messageIds.value(t.assistantMessageId)));
        turn.addBindValue(turnStatusName(t.status));
        turn.addBindValue(text(t.summary));
        turn.addBindValue(t.durationMs);
        turn.addBindValue(t.startedAt.isValid() ? t.startedAt.toMSecsSinceEpoch() : now);
        turn.addBindValue(t.servedAttempt);
        if (!run(turn))
            return std::nullopt;
        const qint64 turnId = turn.lastInsertId().toLongLong();
        for (const StoredMessage &m : record.messages) {
            if (m.turnId != t.id || t.id == 0)
                continue;
            link.addBindValue(turnId);
            link.addBindValue(messageIds.value(m.id));
            if (!run(link))
                return std::nullopt;
        }
        for (const Attempt &attempt : t.attempts) {
            if (!insertAttempt(turnId, attempt))
                return std::nullopt;
        }
    }
    if (!transaction.commit()) {
        fail(sql::describe(transaction.error()));
        return std::nullopt;
    }
    Q_EMIT conversationsChanged();
    Q_EMIT messagesChanged(conversationId);
    return conversationId;
}

} // namespace detour
