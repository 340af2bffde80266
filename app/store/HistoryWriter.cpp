// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "HistoryWriter.h"

#include "AttachmentRows.h"
#include "ConversationStore.h"
#include "SqlUtil.h"

#include <QHash>
#include <QSqlQuery>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

qint64 millisecondsOr(const QDateTime &moment, qint64 fallback)
{
    return moment.isValid() ? moment.toMSecsSinceEpoch() : fallback;
}

QString titleOf(const ImportedConversation &conversation)
{
    if (!conversation.title.trimmed().isEmpty())
        return conversation.title.trimmed();
    for (const ImportedMessage &message : conversation.messages) {
        if (message.role == "user"_L1 && !message.content.trimmed().isEmpty())
            return ConversationStore::titleFor(message.content);
    }
    return HistoryWriter::tr("Imported conversation");
}

// `table` is named in this file, never user input.
bool hasColumn(const QSqlDatabase &db, const QString &table, const QString &column)
{
    QSqlQuery query(db);
    if (!query.exec(u"PRAGMA table_info(%1)"_s.arg(table)))
        return false;
    while (query.next()) {
        if (query.value(1).toString() == column)
            return true;
    }
    return false;
}

} // namespace

HistoryWriter::HistoryWriter(const QSqlDatabase &db)
    : m_db(db)
    , m_trees(hasColumn(db, u"messages"_s, u"parent_id"_s)
          && hasColumn(db, u"conversations"_s, u"origin"_s))
{
}

Result<bool> HistoryWriter::isImported(const QString &origin) const
{
    QSqlQuery query(m_db);
    if (m_trees) {
        query.prepare(u"SELECT 1 FROM conversations WHERE origin = ?"_s);
    } else {
        const std::optional<QVariant> table = sql::scalar(m_db,
            u"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = "
            "'imported_origins'"_s);
        if (!table || table->toInt() == 0)
            return false;
        query.prepare(u"SELECT 1 FROM imported_origins o JOIN conversations c ON c.id = "
                      "o.conversation_id WHERE o.origin = ?"_s);
    }
    query.addBindValue(origin);
    if (Result<> ran = sql::run(query); !ran)
        return Error(ran.error());
    return query.next();
}

QList<ImportedMessage> HistoryWriter::kept(const ImportedConversation &conversation) const
{
    return m_trees ? conversation.messages : conversation.currentPath();
}

void HistoryWriter::count(const ImportedConversation &conversation, ImportOutcome &outcome) const
{
    const int branches = conversation.branchCount();
    ++outcome.conversations;
    outcome.messages += int(kept(conversation).size());
    outcome.branches += m_trees ? branches : 1;
    outcome.branchesLeftOut += m_trees ? 0 : branches - 1;
}

Result<ImportOutcome> HistoryWriter::preview(const ImportedHistory &history) const
{
    ImportOutcome outcome;
    for (const ImportedConversation &conversation : history.conversations) {
        const Result<bool> imported = isImported(conversation.origin);
        if (!imported)
            return Error(imported.error());
        if (*imported)
            ++outcome.alreadyImported;
        else
            count(conversation, outcome);
    }
    return outcome;
}

Result<ImportOutcome> HistoryWriter::write(const ImportedHistory &history) const
{
    sql::WriteTransaction transaction(m_db);
    if (!transaction.isActive())
        return sql::failure(transaction.error());
    QSqlError error;
    if (!m_trees
        && !sql::exec(m_db,
            u"CREATE TABLE IF NOT EXISTS imported_origins (origin TEXT PRIMARY KEY, "
            "conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE)"_s,
            &error))
        return sql::failure(error);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery insertConversation(m_db);
    insertConversation.prepare(m_trees
            ? u"INSERT INTO conversations (title, created_at, updated_at, origin) VALUES (?, ?, ?, "
              "?)"_s
            : u"INSERT INTO conversations (title, created_at, updated_at) VALUES (?, ?, ?)"_s);
    QSqlQuery insertMessage(m_db);
    insertMessage.prepare(m_trees
            ? u"INSERT INTO messages (conversation_id, role, content, state, created_at, "
              "updated_at, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?)"_s
            : u"INSERT INTO messages (conversation_id, role, content, state, created_at, "
              "updated_at) VALUES (?, ?, ?, ?, ?, ?)"_s);
    QSqlQuery setLeaf(m_db);
    setLeaf.prepare(m_trees
            ? u"UPDATE conversations SET current_leaf_id = ? WHERE id = ?"_s
            : u"INSERT OR REPLACE INTO imported_origins (conversation_id, origin) VALUES (?, ?)"_s);
    const AttachmentRows attachments(m_db);

    ImportOutcome outcome;
    for (const ImportedConversation &conversation : history.conversations) {
        const Result<bool> imported = isImported(conversation.origin);
        if (!imported)
            return Error(imported.error());
        if (*imported) {
            ++outcome.alreadyImported;
            continue;
        }
        const qint64 created = millisecondsOr(conversation.createdAt, now);
        insertConversation.addBindValue(titleOf(conversation));
        insertConversation.addBindValue(created);
        insertConversation.addBindValue(millisecondsOr(conversation.updatedAt, created));
        if (m_trees)
            insertConversation.addBindValue(conversation.origin);
        if (Result<> ran = sql::run(insertConversation); !ran)
            return Error(ran.error());
        const qint64 conversationId = insertConversation.lastInsertId().toLongLong();

        QHash<QString, qint64> ids; // the source's key -> the new message's id
        for (const ImportedMessage &message : kept(conversation)) {
            const qint64 at = millisecondsOr(message.createdAt, created);
            insertMessage.addBindValue(conversationId);
            insertMessage.addBindValue(message.role);
            insertMessage.addBindValue(sql::text(message.content));
            insertMessage.addBindValue(messageStateName(MessageState::Complete));
            insertMessage.addBindValue(at);
            insertMessage.addBindValue(at);
            if (m_trees)
                insertMessage.addBindValue(sql::id(ids.value(message.parentKey)));
            if (Result<> ran = sql::run(insertMessage); !ran)
                return Error(ran.error());
            const qint64 messageId = insertMessage.lastInsertId().toLongLong();
            ids.insert(message.key, messageId);
            if (Result<> stored = attachments.insert(messageId, message.attachments); !stored)
                return Error(stored.error());
        }
        if (m_trees) {
            setLeaf.addBindValue(sql::id(ids.value(conversation.currentLeafKey)));
            setLeaf.addBindValue(conversationId);
        } else {
            setLeaf.addBindValue(conversationId);
            setLeaf.addBindValue(conversation.origin);
        }
        if (Result<> ran = sql::run(setLeaf); !ran)
            return Error(ran.error());

        count(conversation, outcome);
        if (outcome.firstConversationId == 0)
            outcome.firstConversationId = conversationId;
    }
    if (!transaction.commit())
        return sql::failure(transaction.error());
    return outcome;
}

} // namespace detour
