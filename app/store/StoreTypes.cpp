// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "StoreTypes.h"

#include "protocol/EnumNames.h"

namespace detour {
namespace {

using namespace Qt::StringLiterals;

constexpr EnumNames messageStateNames { std::array {
    std::pair { MessageState::Complete, "complete"_L1 },
    std::pair { MessageState::Streaming, "streaming"_L1 },
    std::pair { MessageState::Interrupted, "interrupted"_L1 },
    std::pair { MessageState::Failed, "failed"_L1 },
    std::pair { MessageState::Cancelled, "cancelled"_L1 },
} };

} // namespace

QString messageStateName(MessageState state)
{
    return messageStateNames.name(state);
}

std::optional<MessageState> messageStateFromName(const QString &name)
{
    return messageStateNames.value(name);
}

MessageState messageStateFor(TurnResult::Status status)
{
    switch (status) {
    case TurnResult::Status::Served:
        return MessageState::Complete;
    case TurnResult::Status::Interrupted:
        return MessageState::Interrupted;
    case TurnResult::Status::Failed:
        return MessageState::Failed;
    case TurnResult::Status::Cancelled:
        return MessageState::Cancelled;
    }
    return MessageState::Failed;
}

QHash<qint64, const StoredTurn *> ConversationRecord::turnsById() const
{
    QHash<qint64, const StoredTurn *> byId;
    byId.reserve(turns.size());
    for (const StoredTurn &turn : turns)
        byId.insert(turn.id, &turn);
    return byId;
}

} // namespace detour
