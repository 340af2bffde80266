// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ConversationTree.h"

#include "ConversationStore.h"
#include "SqlUtil.h"

#include <QHash>
#include <QSet>
#include <QSqlQuery>

namespace detour {

using namespace Qt::StringLiterals;

ConversationTree::ConversationTree(ConversationStore &store)
    : m_store(store)
{
}

QList<StoredMessage> ConversationTree::pathIn(const QList<StoredMessage> &messages, qint64 leafId)
{
    if (messages.isEmpty())
        return {};
    QHash<qint64, qsizetype> byId;
    for (qsizetype i = 0; i < messages.size(); ++i)
        byId.insert(messages[i].id, i);
    qsizetype at = byId.value(leafId, messages.size() - 1);
    QList<StoredMessage> path;
    QSet<qint64> seen; // a parent cycle (a damaged import) ends the walk
    while (at >= 0 && !seen.contains(messages[at].id)) {
        seen.insert(messages[at].id);
        path.prepend(messages[at]);
        const qint64 parent = messages[at].parentId;
        at = parent > 0 ? byId.value(parent, -1) : -1;
    }
    return path;
}

ConversationTree::Siblings ConversationTree::siblingsIn(
    const QList<StoredMessage> &messages, qint64 messageId)
{
    const auto message = std::find_if(messages.cbegin(), messages.cend(),
        [messageId](const StoredMessage &m) { return m.id == messageId; });
    Siblings siblings;
    if (message == messages.cend())
        return siblings;
    for (const StoredMessage &m : messages) {
        if (m.parentId == message->parentId)
            siblings.ids.append(m.id);
    }
    std::sort(siblings.ids.begin(), siblings.ids.end());
    siblings.index = int(siblings.ids.indexOf(messageId));
    return siblings;
}

Result<QList<StoredMessage>> ConversationTree::branch(qint64 conversationId) const
{
    const Result<Conversation> conversation = m_store.conversation(conversationId);
    if (!conversation)
        return Error(conversation.error());
    const Result<QList<StoredMessage>> all = m_store.messages(conversationId);
    if (!all)
        return Error(all.error());
    return pathIn(*all, conversation->currentLeafId);
}

Result<QList<StoredMessage>> ConversationTree::path(qint64 leafId) const
{
    const Result<StoredMessage> leaf = m_store.message(leafId);
    if (!leaf)
        return Error(leaf.error());
    const Result<QList<StoredMessage>> all = m_store.messages(leaf->conversationId);
    if (!all)
        return Error(all.error());
    return pathIn(*all, leafId);
}

Result<ConversationTree::Siblings> ConversationTree::siblings(qint64 messageId) const
{
    const Result<StoredMessage> message = m_store.message(messageId);
    if (!message)
        return Error(message.error());
    QSqlQuery query(m_store.db());
    query.setForwardOnly(true);
    query.prepare(u"SELECT id FROM messages WHERE conversation_id = ? AND parent_id IS ? "
                  "ORDER BY id"_s);
    query.addBindValue(message->conversationId);
    query.addBindValue(sql::id(message->parentId));
    if (Result<> ran = sql::run(query); !ran)
        return Error(ran.error());
    Siblings siblings;
    while (query.next())
        siblings.ids.append(query.value(0).toLongLong());
    siblings.index = int(siblings.ids.indexOf(messageId));
    return siblings;
}

Result<qint64> ConversationTree::leafUnder(qint64 messageId) const
{
    QSqlQuery query(m_store.db());
    query.setForwardOnly(true);
    query.prepare(u"SELECT max(id) FROM messages WHERE parent_id = ?"_s);
    qint64 leaf = messageId;
    QSet<qint64> seen;
    while (!seen.contains(leaf)) {
        seen.insert(leaf);
        query.addBindValue(leaf);
        if (Result<> ran = sql::run(query); !ran)
            return Error(ran.error());
        if (!query.next() || query.value(0).isNull())
            break;
        leaf = query.value(0).toLongLong();
        query.finish();
    }
    return leaf;
}

Result<> ConversationTree::select(qint64 messageId)
{
    const Result<StoredMessage> message = m_store.message(messageId);
    if (!message)
        return Error(message.error());
    const Result<qint64> leaf = leafUnder(messageId);
    if (!leaf)
        return Error(leaf.error());
    QSqlQuery query(m_store.db());
    query.prepare(u"UPDATE conversations SET current_leaf_id = ? WHERE id = ?"_s);
    query.addBindValue(*leaf);
    query.addBindValue(message->conversationId);
    if (Result<> ran = sql::run(query); !ran)
        return ran;
    Q_EMIT m_store.messagesChanged(message->conversationId);
    return {};
}

Result<> ConversationTree::placeUnder(
    const QSqlDatabase &db, qint64 messageId, std::optional<qint64> parentId)
{
    if (!parentId)
        return {};
    QSqlQuery query(db);
    // The parent must be another message of the same conversation.
    query.prepare(u"UPDATE messages SET parent_id = ? WHERE id = ? AND (? = 0 OR (SELECT p.id "
                  "FROM messages p WHERE p.id = ? AND p.id != messages.id "
                  "AND p.conversation_id = messages.conversation_id) IS NOT NULL)"_s);
    query.addBindValue(sql::id(*parentId));
    query.addBindValue(messageId);
    query.addBindValue(std::max<qint64>(*parentId, 0));
    query.addBindValue(*parentId);
    if (Result<> ran = sql::run(query); !ran)
        return ran;
    if (query.numRowsAffected() != 1)
        return Error(tr("Message %1 cannot follow message %2: they are not in the same "
                        "conversation.")
                         .arg(messageId)
                         .arg(*parentId));
    return {};
}

} // namespace detour
