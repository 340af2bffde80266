#include "StoreTypes.h"

namespace detour {

using namespace Qt::StringLiterals;

QString messageStateName(MessageState state)
{
    switch (state) {
    case MessageState::Complete:
        return u"complete"_s;
    case MessageState::Streaming:
        return u"streaming"_s;
    case MessageState::Interrupted:
        return u"interrupted"_s;
    case MessageState::Failed:
        return u"failed"_s;
    case MessageState::Cancelled:
        return u"cancelled"_s;
    }
    return {};
}

std::optional<MessageState> messageStateFromName(const QString &name)
{
    for (MessageState state : { MessageState::Complete, MessageState::Streaming,
             MessageState::Interrupted, MessageState::Failed, MessageState::Cancelled }) {
        if (messageStateName(state) == name)
            return state;
    }
    return std::nullopt;
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

std::optional<TurnResult::Status> turnStatusFromName(const QString &name)
{
    for (TurnResult::Status status : { TurnResult::Status::Served, TurnResult::Status::Interrupted,
             TurnResult::Status::Failed, TurnResult::Status::Cancelled }) {
        if (turnStatusName(status) == name)
            return status;
    }
    return std::nullopt;
}

std::optional<Party> partyFromName(const QString &name)
{
    for (Party party : { Party::None, Party::You, Party::OpenRouter, Party::Provider,
             Party::Endpoint, Party::Network }) {
        if (partyName(party) == name)
            return party;
    }
    return std::nullopt;
}

const StoredTurn *ConversationRecord::turnOf(const StoredMessage &message) const
{
    if (message.turnId == 0)
        return nullptr;
    for (const StoredTurn &turn : turns) {
        if (turn.id == message.turnId)
            return &turn;
    }
    return nullptr;
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
