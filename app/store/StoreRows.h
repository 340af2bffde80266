// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "StoreTypes.h"

#include <QSqlQuery>

// Rows of `conversations` and `messages` as the store's classes read them
// (ConversationStore, ConversationTree): the columns to select, in this order,
// and the value each row makes. Not part of the store's API.
namespace detour::rows {

constexpr auto conversationColumns = "id, title, route_name, created_at, updated_at, deleted_at, "
                                     "system_prompt, parameters, current_leaf_id, origin";
constexpr auto messageColumns = "id, conversation_id, turn_id, role, content, reasoning, state, "
                                "created_at, updated_at, parent_id";

Conversation conversationFrom(const QSqlQuery &query);
StoredMessage messageFrom(const QSqlQuery &query);

} // namespace detour::rows
