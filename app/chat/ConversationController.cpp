// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ConversationController.h"

#include "AttemptTableModel.h"
#include "ChatSession.h"
#include "store/ConversationStore.h"
#include "store/ConversationTree.h"
#include "store/HistoryKeeper.h"

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// The session's view of a stored conversation, and its attempts keyed by turn.
struct OpenedConversation {
    QList<ChatSession::Message> messages;
    QList<std::pair<int, Attempt>> attempts;
};

ChatSession::Message replyMessage(const StoredMessage &stored, const StoredTurn *turn, int turnKey)
{
    ChatSession::Message message;
    message.message = { stored.role, stored.content };
    message.reasoning = stored.reasoning;
    message.turn = turnKey;
    if (!turn) { // a reply whose turn was never written: only its state is known
        message.status = stored.state == MessageState::Complete ? TurnResult::Status::Served
                                                                : TurnResult::Status::Interrupted;
        return message;
    }
    TurnResult result;
    result.status = turn->status;
    result.summary = turn->summary;
    result.attempts = turn->attempts;
    result.servedAttempt = turn->servedAttempt;
    result.durationMs = turn->durationMs;
    result.content = stored.content;
    result.reasoning = stored.reasoning;
    message.status = turn->status;
    message.summary = turn->summary;
    message.result = result;
    return message;
}

} // namespace

ConversationController::ConversationController(ChatSession *session, AttemptTableModel *attempts,
    ConversationStore *store, HistoryKeeper *history, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_attempts(attempts)
    , m_store(store)
    , m_history(history)
{
    connect(m_session, &ChatSession::turnStarted, this,
        [this](int, TurnRunner *runner) { record(runner); });
    connect(m_session, &ChatSession::turnAdopted, this, &ConversationController::recordAdopted);
    // Edit-and-resend drops the messages after the edited one; their stored ids go with them.
    connect(m_session, &ChatSession::messagesReset, this, [this] {
        m_storedUserMessages.removeIf(
            [this](const auto &entry) { return entry.key() >= m_session->messages().size(); });
    });
}

Result<> ConversationController::open(qint64 conversationId)
{
    if (!m_store)
        return Error(tr("The conversation history is off."));
    if (conversationId == m_conversationId)
        return {};
    const Result<ConversationRecord> record = m_store->load(conversationId);
    if (!record)
        return Error(record.error());
    m_storedUserMessages.clear();
    m_openedMessages.clear();
    OpenedConversation opened;
    int turnKey = 0;
    const QHash<qint64, const StoredTurn *> turnsById = record->turnsById();
    // The branch on screen: from the first message down to the current leaf.
    const QList<StoredMessage> branch =
        ConversationTree::pathIn(record->messages, record->conversation.currentLeafId);
    for (const StoredMessage &stored : branch) {
        const int index = int(opened.messages.size());
        m_openedMessages.insert(stored.id, index);
        if (stored.role == "user"_L1) {
            m_storedUserMessages.insert(index, stored.id);
            ChatSession::Message message;
            message.message = { stored.role, stored.content, stored.attachments };
            message.turn = turnKey + 1;
            opened.messages.append(message);
            continue;
        }
        const StoredTurn *turn = turnsById.value(stored.turnId);
        opened.messages.append(replyMessage(stored, turn, ++turnKey));
        for (const Attempt &attempt : turn ? turn->attempts : QList<Attempt>())
            opened.attempts.append({ turnKey, attempt });
    }
    m_conversationId = conversationId;
    m_attempts->setFinishedAttempts(opened.attempts);
    m_session->setSettings(record->conversation.settings);
    m_session->setMessages(opened.messages);
    Q_EMIT conversationOpened(conversationId);
    return {};
}

void ConversationController::startNew()
{
    m_conversationId = 0;
    m_storedUserMessages.clear();
    m_openedMessages.clear();
    m_session->setSettings({});
    m_session->setMessages({});
    m_attempts->clear();
    Q_EMIT conversationOpened(0);
}

Result<> ConversationController::changeSettings(const ConversationSettings &settings)
{
    if (m_store && m_conversationId != 0) {
        if (Result<> saved = m_store->setConversationSettings(m_conversationId, settings); !saved)
            return saved;
    }
    m_session->setSettings(settings);
    return {};
}

int ConversationController::messageIndex(qint64 messageId) const
{
    if (const auto opened = m_openedMessages.constFind(messageId);
        opened != m_openedMessages.cend())
        return *opened;
    // Stored since it was opened (or the chat started here): messages are stored in order.
    const Result<ConversationRecord> record = m_store && m_conversationId
        ? m_store->load(m_conversationId)
        : Result<ConversationRecord>(Error(QString()));
    for (qsizetype i = 0; record && i < record->messages.size(); ++i) {
        if (record->messages[i].id == messageId)
            return int(i);
    }
    return -1;
}

qint64 ConversationController::storeQuestion(int user)
{
    const QList<ChatSession::Message> &messages = m_session->messages();
    const QString text = messages[user].message.content;
    if (m_conversationId == 0) {
        const Result<qint64> created =
            m_store->createConversation(ConversationStore::titleFor(text), m_session->plan().name);
        if (!created) {
            Q_EMIT turnNotSaved(created.error());
            return 0;
        }
        m_conversationId = *created;
        m_storedUserMessages.clear();
        if (!m_session->settings().isEmpty()) {
            if (Result<> saved =
                    m_store->setConversationSettings(m_conversationId, m_session->settings());
                !saved)
                Q_EMIT turnNotSaved(saved.error());
        }
        Q_EMIT conversationCreated(m_conversationId);
    }
    if (!m_storedUserMessages.contains(user)) {
        const Result<qint64> id =
            m_store->addUserMessage(m_conversationId, text, messages[user].message.attachments);
        if (!id) {
            Q_EMIT turnNotSaved(id.error());
            return 0;
        }
        m_storedUserMessages.insert(user, *id);
    }
    return m_storedUserMessages.value(user);
}

void ConversationController::record(TurnRunner *runner)
{
    if (!m_store)
        return;
    // The runner sends from the event loop; everything here is committed before that.
    const QList<ChatSession::Message> &messages = m_session->messages();
    qsizetype user = messages.size() - 1;
    while (user >= 0 && messages[user].message.role != "user"_L1)
        --user;
    if (user < 0)
        return;
    if (const qint64 userMessageId = storeQuestion(int(user)))
        m_history->record(m_conversationId, userMessageId, runner);
}

void ConversationController::recordAdopted(int user, int reply, const QList<TurnResult> &others)
{
    if (!m_store)
        return;
    const qint64 userMessageId = storeQuestion(user);
    const std::optional<TurnResult> result = m_session->messages().value(reply).result;
    if (!userMessageId || !result)
        return;
    // Each reply whole, with its turn, under the question: the ones not picked first, the
    // one picked last, so that it is the current leaf (the branch on screen).
    QList<TurnResult> replies = others;
    replies.append(*result);
    for (const TurnResult &each : std::as_const(replies)) {
        const Result<qint64> message =
            m_store->beginAssistantMessage(m_conversationId, userMessageId);
        const Result<qint64> turn = message
            ? m_store->finishTurn(m_conversationId, userMessageId, *message, each)
            : Result<qint64>(Error(message.error()));
        if (!turn) {
            Q_EMIT turnNotSaved(turn.error());
            return;
        }
    }
}

} // namespace detour
