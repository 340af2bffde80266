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

} // namespace

HistoryWriter::HistoryWriter(const QSqlDatabase &db)
    : m_db(db)
{
}

Result<bool> HistoryWriter::isImported(const QString &origin) const
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT 1 FROM conversations WHERE origin = ?"_s);
    query.addBindValue(origin);
    if (Result<> ran = sql::run(query); !ran)
        return Error(ran.error());
    return query.next();
}

void HistoryWriter::count(const ImportedConversation &conversation, ImportOutcome &outcome)
{
    ++outcome.conversations;
    outcome.messages += int(conversation.messages.size());
    outcome.branches += conversation.branchCount();
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
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery insertConversation(m_db);
    insertConversation.prepare(u"INSERT INTO conversations (title, created_at, updated_at, origin) "
                               "VALUES (?, ?, ?, ?)"_s);
    QSqlQuery insertMessage(m_db);
    insertMessage.prepare(u"INSERT INTO messages (conversation_id, parent_id, role, content, "
                          "state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    // The schema's trigger puts a message inserted without a parent under the current
    // leaf (a Detour conversation continues its branch): a root is made a root again.
    QSqlQuery makeRoot(m_db);
    makeRoot.prepare(u"UPDATE messages SET parent_id = NULL WHERE id = ?"_s);
    QSqlQuery setLeaf(m_db);
    setLeaf.prepare(u"UPDATE conversations SET current_leaf_id = ? WHERE id = ?"_s);
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
        insertConversation.addBindValue(conversation.origin);
        if (Result<> ran = sql::run(insertConversation); !ran)
            return Error(ran.error());
        const qint64 conversationId = insertConversation.lastInsertId().toLongLong();

        QHash<QString, qint64> ids; // the source's key -> the new message's id
        for (const ImportedMessage &message : conversation.messages) {
            const qint64 at = millisecondsOr(message.createdAt, created);
            insertMessage.addBindValue(conversationId);
            insertMessage.addBindValue(sql::id(ids.value(message.parentKey)));
            insertMessage.addBindValue(message.role);
            insertMessage.addBindValue(sql::text(message.content));
            insertMessage.addBindValue(messageStateName(MessageState::Complete));
            insertMessage.addBindValue(at);
            insertMessage.addBindValue(at);
            if (Result<> ran = sql::run(insertMessage); !ran)
                return Error(ran.error());
            const qint64 messageId = insertMessage.lastInsertId().toLongLong();
            ids.insert(message.key, messageId);
            if (message.parentKey.isEmpty() && ids.size() > 1) { // not the first message
                makeRoot.addBindValue(messageId);
                if (Result<> ran = sql::run(makeRoot); !ran)
                    return Error(ran.error());
            }
            if (Result<> stored = attachments.insert(messageId, message.attachments); !stored)
                return Error(stored.error());
        }
        setLeaf.addBindValue(sql::id(ids.value(conversation.currentLeafKey)));
        setLeaf.addBindValue(conversationId);
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
