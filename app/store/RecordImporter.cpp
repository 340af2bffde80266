// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RecordImporter.h"

#include "AttachmentRows.h"
#include "AttemptRows.h"
#include "SqlUtil.h"

#include <QSqlQuery>
#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

qint64 millisecondsOr(const QDateTime &moment, qint64 fallback)
{
    return moment.isValid() ? moment.toMSecsSinceEpoch() : fallback;
}

} // namespace

RecordImporter::RecordImporter(const QSqlDatabase &db)
    : m_db(db)
{
}

Result<qint64> RecordImporter::insert(const ConversationRecord &record) const
{
    sql::WriteTransaction transaction(m_db);
    if (!transaction.isActive())
        return sql::failure(transaction.error());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const Conversation &source = record.conversation;
    QSqlQuery conversation(m_db);
    conversation.prepare(u"INSERT INTO conversations (title, route_name, created_at, updated_at, "
                         "deleted_at, system_prompt, parameters, origin) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    conversation.addBindValue(sql::text(source.title));
    conversation.addBindValue(sql::text(source.routeName));
    conversation.addBindValue(millisecondsOr(source.createdAt, now));
    conversation.addBindValue(millisecondsOr(source.updatedAt, now));
    conversation.addBindValue(sql::time(source.deletedAt));
    conversation.addBindValue(sql::text(source.settings.systemPrompt));
    conversation.addBindValue(QString::fromStdString(source.settings.parametersJson().dump()));
    conversation.addBindValue(source.origin.isEmpty() ? QVariant() : QVariant(source.origin));
    if (!source.origin.isEmpty()) {
        QSqlQuery existing(m_db);
        existing.prepare(u"SELECT id FROM conversations WHERE origin = ?"_s);
        existing.addBindValue(source.origin);
        if (Result<> ran = sql::run(existing); !ran)
            return Error(ran.error());
        if (existing.next())
            return Error(tr("The conversation from %1 is already there.").arg(source.origin));
    }
    if (Result<> ran = sql::run(conversation); !ran)
        return Error(ran.error());
    const qint64 conversationId = conversation.lastInsertId().toLongLong();

    QHash<qint64, qint64> messageIds; // record's id -> new id
    QSqlQuery message(m_db);
    message.prepare(u"INSERT INTO messages (conversation_id, role, content, reasoning, state, "
                    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    for (const StoredMessage &m : record.messages) {
        message.addBindValue(conversationId);
        message.addBindValue(sql::text(m.role));
        message.addBindValue(sql::text(m.content));
        message.addBindValue(sql::text(m.reasoning));
        message.addBindValue(messageStateName(m.state));
        message.addBindValue(millisecondsOr(m.createdAt, now));
        message.addBindValue(millisecondsOr(m.updatedAt, now));
        if (Result<> ran = sql::run(message); !ran)
            return Error(ran.error());
        messageIds.insert(m.id, message.lastInsertId().toLongLong());
        if (Result<> kept = AttachmentRows(m_db).insert(messageIds.value(m.id), m.attachments);
            !kept)
            return Error(kept.error());
    }
    // The tree, once every message has its new id (a record may list a child before its
    // parent); the schema's trigger had put each under the one inserted before it.
    QSqlQuery parent(m_db);
    parent.prepare(u"UPDATE messages SET parent_id = ? WHERE id = ?"_s);
    for (const StoredMessage &m : record.messages) {
        parent.addBindValue(sql::id(messageIds.value(m.parentId)));
        parent.addBindValue(messageIds.value(m.id));
        if (Result<> ran = sql::run(parent); !ran)
            return Error(ran.error());
    }
    if (const qint64 leaf = messageIds.value(source.currentLeafId); leaf > 0) {
        QSqlQuery current(m_db);
        current.prepare(u"UPDATE conversations SET current_leaf_id = ? WHERE id = ?"_s);
        current.addBindValue(leaf);
        current.addBindValue(conversationId);
        if (Result<> ran = sql::run(current); !ran)
            return Error(ran.error());
    }

    const AttemptRows attemptRows(m_db);
    QSqlQuery turn(m_db);
    turn.prepare(
        u"INSERT INTO turns (conversation_id, user_message_id, assistant_message_id, status, "
        "summary, duration_ms, started_at, served_attempt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    QSqlQuery link(m_db);
    link.prepare(u"UPDATE messages SET turn_id = ? WHERE id = ?"_s);
    for (const StoredTurn &t : record.turns) {
        turn.addBindValue(conversationId);
        turn.addBindValue(sql::id(messageIds.value(t.userMessageId)));
        turn.addBindValue(sql::id(messageIds.value(t.assistantMessageId)));
        turn.addBindValue(turnStatusName(t.status));
        turn.addBindValue(sql::text(t.summary));
        turn.addBindValue(t.durationMs);
        turn.addBindValue(millisecondsOr(t.startedAt, now));
        turn.addBindValue(t.servedAttempt);
        if (Result<> ran = sql::run(turn); !ran)
            return Error(ran.error());
        const qint64 turnId = turn.lastInsertId().toLongLong();
        for (const StoredMessage &m : record.messages) {
            if (m.turnId != t.id || t.id == 0)
                continue;
            link.addBindValue(turnId);
            link.addBindValue(messageIds.value(m.id));
            if (Result<> ran = sql::run(link); !ran)
                return Error(ran.error());
        }
        for (const Attempt &attempt : t.attempts) {
            if (Result<qint64> inserted = attemptRows.insert(turnId, attempt); !inserted)
                return inserted;
        }
    }
    if (!transaction.commit())
        return sql::failure(transaction.error());
    return conversationId;
}

} // namespace detour
