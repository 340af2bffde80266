// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ConversationController.h"

#include "AttemptTableModel.h"
#include "ChatSession.h"
#include "store/ConversationStore.h"
#include "store/ConversationTree.h"
#include "store/HistoryKeeper.h"
#include "store/TurnRecorder.h"

#include <QDebug>

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
    // Edit-and-resend drops the messages after the edited one from the screen: their
    // stored ids go with them (the messages stay in the store, on their branch).
    connect(m_session, &ChatSession::messagesReset, this, [this] {
        m_storedIds.removeIf(
            [this](const auto &entry) { return entry.key() >= m_session->messages().size(); });
    });
    connect(m_session, &ChatSession::siblingRequested, this, [this](int index, int step) {
        if (const Result<> shown = showSibling(index, step); !shown)
            qWarning().noquote() << "the other version could not be shown:" << shown.error();
    });
}

Result<> ConversationController::open(qint64 conversationId)
{
    if (!m_store)
        return Error(tr("The conversation history is off."));
    if (conversationId == m_conversationId)
        return {};
    return load(conversationId);
}

Result<> ConversationController::load(qint64 conversationId)
{
    const Result<ConversationRecord> record = m_store->load(conversationId);
    if (!record)
        return Error(record.error());
    // The versions of each message: the messages under the same parent, oldest first.
    QHash<qint64, QList<qint64>> versions;
    for (const StoredMessage &stored : record->messages)
        versions[stored.parentId].append(stored.id);
    // Every turn of each reply: a continued reply has had more than one.
    QHash<qint64, QList<const StoredTurn *>> turnsOfReply;
    for (const StoredTurn &turn : record->turns)
        turnsOfReply[turn.assistantMessageId].append(&turn);
    m_storedIds.clear();
    OpenedConversation opened;
    int turnKey = 0;
    const QHash<qint64, const StoredTurn *> turnsById = record->turnsById();
    const QList<StoredMessage> branch =
        ConversationTree::pathIn(record->messages, record->conversation.currentLeafId);
    for (const StoredMessage &stored : branch) {
        const int index = int(opened.messages.size());
        m_storedIds.insert(index, stored.id);
        ChatSession::Message message;
        if (stored.role == "user"_L1) {
            message.message = { stored.role, stored.content, stored.attachments };
            message.turn = turnKey + 1;
        } else {
            message = replyMessage(stored, turnsById.value(stored.turnId), ++turnKey);
            for (const StoredTurn *turn : turnsOfReply.value(stored.id)) {
                for (const Attempt &attempt : turn->attempts)
                    opened.attempts.append({ turnKey, attempt });
            }
        }
        const QList<qint64> siblings = versions.value(stored.parentId);
        message.siblings = std::max(1, int(siblings.size()));
        message.sibling = std::max(0, int(siblings.indexOf(stored.id)));
        opened.messages.append(message);
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
    m_storedIds.clear();
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
    for (auto stored = m_storedIds.cbegin(); stored != m_storedIds.cend(); ++stored) {
        if (*stored == messageId)
            return stored.key();
    }
    // Stored while its id was not known here (a reply whose row came late): the branch
    // on screen is the session's.
    const Result<QList<StoredMessage>> branch = m_store && m_conversationId
        ? ConversationTree(*m_store).branch(m_conversationId)
        : Result<QList<StoredMessage>>(Error(QString()));
    for (qsizetype i = 0; branch && i < branch->size() && i < m_session->messages().size(); ++i) {
        if (branch->at(i).id == messageId)
            return int(i);
    }
    return -1;
}

int ConversationController::reveal(qint64 messageId)
{
    if (const int index = messageIndex(messageId); index >= 0 || !m_store || m_session->isBusy())
        return index; // a running turn is never stopped to show another branch
    const Result<StoredMessage> message = m_store->message(messageId);
    if (!message || message->conversationId != m_conversationId
        || !ConversationTree(*m_store).select(messageId) || !load(m_conversationId))
        return -1;
    return messageIndex(messageId);
}

Result<> ConversationController::showSibling(int index, int step)
{
    if (!m_store || m_conversationId == 0)
        return Error(tr("The conversation history is off."));
    if (m_session->isBusy())
        return Error(tr("Another version can be shown once the reply has finished."));
    const qint64 messageId = m_storedIds.value(index);
    if (messageId <= 0)
        return Error(tr("This message is not in the history."));
    ConversationTree tree(*m_store);
    const Result<ConversationTree::Siblings> siblings = tree.siblings(messageId);
    if (!siblings)
        return Error(siblings.error());
    const int target = siblings->index + step;
    if (siblings->index < 0 || target < 0 || target >= siblings->count())
        return Error(tr("There is no other version that way."));
    if (Result<> selected = tree.select(siblings->ids[target]); !selected)
        return selected;
    return load(m_conversationId);
}

std::optional<qint64> ConversationController::parentFor(int index) const
{
    if (index == 0)
        return 0; // a first message (an edit of the first question: a sibling of it)
    if (const auto before = m_storedIds.constFind(index - 1); before != m_storedIds.cend())
        return *before;
    return std::nullopt; // under the conversation's current leaf
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
        m_storedIds.clear();
        if (!m_session->settings().isEmpty()) {
            if (Result<> saved =
                    m_store->setConversationSettings(m_conversationId, m_session->settings());
                !saved)
                Q_EMIT turnNotSaved(saved.error());
        }
        Q_EMIT conversationCreated(m_conversationId);
    }
    if (!m_storedIds.contains(user)) {
        const Result<qint64> id = m_store->addUserMessage(
            m_conversationId, text, messages[user].message.attachments, parentFor(user));
        if (!id) {
            Q_EMIT turnNotSaved(id.error());
            return 0;
        }
        m_storedIds.insert(user, *id);
    }
    return m_storedIds.value(user);
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
        m_storedIds.insert(reply, *message);
    }
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
    if (user < 0 || !storeQuestion(int(user)))
        return;
    const int reply = int(messages.size() - 1);
    TurnRecorder::Continuation continued;
    if (m_session->isContinuing() && m_storedIds.value(reply) > 0)
        continued = { m_storedIds.value(reply), messages[reply].message.content,
            messages[reply].reasoning };
    TurnRecorder *recorder =
        m_history->record(m_conversationId, m_storedIds.value(int(user)), runner, continued);
    if (recorder->assistantMessageId() > 0) {
        m_storedIds.insert(reply, recorder->assistantMessageId());
        return;
    }
    // Its row could not be written yet: the recorder retries, and says when it has.
    const int turn = messages[reply].turn;
    const qint64 conversationId = m_conversationId;
    connect(
        recorder, &TurnRecorder::turnRecorded, this, [this, recorder, reply, turn, conversationId] {
            if (conversationId == m_conversationId && reply < m_session->messages().size()
                && m_session->messages()[reply].turn == turn)
                m_storedIds.insert(reply, recorder->assistantMessageId());
        });
}

} // namespace detour
