// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "StoreRows.h"

#include "SqlUtil.h"
#include "protocol/JsonUtil.h"

#include <nlohmann/json.hpp>

namespace detour::rows {

Conversation conversationFrom(const QSqlQuery &query)
{
    Conversation conversation;
    conversation.id = query.value(0).toLongLong();
    conversation.title = query.value(1).toString();
    conversation.routeName = query.value(2).toString();
    conversation.createdAt = sql::timeFrom(query.value(3));
    conversation.updatedAt = sql::timeFrom(query.value(4));
    conversation.deletedAt = sql::timeFrom(query.value(5));
    conversation.settings.systemPrompt = query.value(6).toString();
    if (const auto parameters = json::parse(query.value(7).toString().toUtf8()))
        conversation.settings.readParameters(*parameters);
    conversation.currentLeafId = query.value(8).toLongLong();
    conversation.origin = query.value(9).toString();
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
    message.parentId = query.value(9).toLongLong();
    return message;
}

} // namespace detour::rows
