// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ChatSession.h"

namespace detour {

using namespace Qt::StringLiterals;

ChatSession::ChatSession(RouteEngine *engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
{
}

void ChatSession::setPlan(const RoutePlan &plan)
{
    const bool defaultsChanged = plan.defaults != m_plan.defaults;
    m_plan = plan;
    if (defaultsChanged)
        Q_EMIT settingsChanged();
}

void ChatSession::setSettings(const ConversationSettings &settings)
{
    if (settings == m_settings)
        return;
    m_settings = settings;
    Q_EMIT settingsChanged();
}

void ChatSession::setMessages(const QList<Message> &messages)
{
    stop();
    m_messages = messages;
    for (const Message &message : messages)
        m_turnCounter = std::max(m_turnCounter, message.turn); // turn keys stay unique
    Q_EMIT messagesReset();
}

QList<ChatMessage> ChatSession::history(qsizetype upTo) const
{
    QList<ChatMessage> list;
    for (qsizetype i = 0; i < upTo && i < m_messages.size(); ++i) {
        const Message &entry = m_messages[i];
        // Failed replies carry no text worth sending back to a model.
        if (entry.message.role == "assistant"_L1 && entry.message.content.isEmpty())
            continue;
        list.append(entry.message);
    }
    return list;
}

bool ChatSession::send(const QString &text, const QList<Attachment> &attachments)
{
    return sendVersion(text, attachments, 1);
}

bool ChatSession::sendVersion(
    const QString &text, const QList<Attachment> &attachments, int siblings)
{
    if (isBusy() || (text.trimmed().isEmpty() && attachments.isEmpty()))
        return false;
    m_messages.append({ { u"user"_s, text, attachments }, TurnResult::Status::Served,
        m_turnCounter + 1, {}, {}, {}, siblings - 1, siblings });
    Q_EMIT messageAppended(int(m_messages.size() - 1));
    m_messages.append({ { u"assistant"_s, QString() }, TurnResult::Status::Served,
        m_turnCounter + 1, {}, {}, {} });
    Q_EMIT messageAppended(int(m_messages.size() - 1));
    return startTurn(history(m_messages.size() - 1), int(m_messages.size() - 1));
}

bool ChatSession::regenerate()
{
    if (isBusy() || m_messages.isEmpty() || m_messages.constLast().message.role != "assistant"_L1)
        return false;
    const int reply = int(m_messages.size() - 1);
    // The new version, the newest of its siblings; the earlier ones stay in the store.
    Message &version = m_messages[reply];
    version.message.content.clear();
    version.reasoning.clear();
    version.result.reset();
    version.summary.clear();
    version.status = TurnResult::Status::Served;
    version.sibling = version.siblings++;
    Q_EMIT messageChanged(reply);
    return startTurn(history(reply), reply);
}

bool ChatSession::editAndResend(int userMessageIndex, const QString &text)
{
    if (isBusy() || userMessageIndex < 0 || userMessageIndex >= m_messages.size()
        || m_messages[userMessageIndex].message.role != "user"_L1 || text.trimmed().isEmpty())
        return false;
    // The edited question keeps the files it was asked with.
    const QList<Attachment> attachments = m_messages[userMessageIndex].message.attachments;
    const int siblings = m_messages[userMessageIndex].siblings + 1;
    m_messages.resize(userMessageIndex);
    Q_EMIT messagesReset();
    return sendVersion(text, attachments, siblings);
}

bool ChatSession::continueReply()
{
    if (isBusy() || m_messages.isEmpty())
        return false;
    const int reply = int(m_messages.size() - 1);
    const Message &last = m_messages[reply];
    if (last.message.role != "assistant"_L1 || last.message.content.isEmpty()
        || last.status == TurnResult::Status::Served)
        return false;
    // The partial reply goes out as the final assistant message: OpenAI-style
    // servers (OpenRouter included) continue an assistant prefix.
    return startTurn(history(reply + 1), reply, true);
}

bool ChatSession::showSibling(int index, int step)
{
    if (isBusy() || index < 0 || index >= m_messages.size())
        return false;
    const int target = m_messages[index].sibling + step;
    if (step == 0 || target < 0 || target >= m_messages[index].siblings)
        return false;
    Q_EMIT siblingRequested(index, step);
    return true;
}

bool ChatSession::adoptTurn(const ChatMessage &question, const TurnResult &result, int turn,
    const QList<TurnResult> &others)
{
    if (isBusy())
        return false;
    m_turnCounter = std::max(m_turnCounter, turn);
    m_messages.append({ question, TurnResult::Status::Served, turn, {}, {}, {} });
    const int user = int(m_messages.size() - 1);
    Q_EMIT messageAppended(user);
    m_messages.append({ { u"assistant"_s, result.content }, result.status, turn, result.summary,
        result, result.reasoning });
    const int reply = int(m_messages.size() - 1);
    Q_EMIT messageAppended(reply);
    Q_EMIT turnAdopted(user, reply, others);
    Q_EMIT turnFinished(turn, result);
    return true;
}

void ChatSession::stop()
{
    if (m_runner)
        m_runner->cancel();
}

bool ChatSession::startTurn(QList<ChatMessage> outgoing, int replyIndex, bool continuing)
{
    ChatRequest request;
    request.messages = std::move(outgoing);
    effectiveSettings().applyTo(request);
    const int turn = ++m_turnCounter;
    m_messages[replyIndex].turn = turn;
    m_continuing = continuing;
    m_runner = m_engine->startTurn(m_plan, request);
    connect(m_runner, &TurnRunner::contentDelta, this, [this, replyIndex](const QString &text) {
        m_messages[replyIndex].message.content += text;
        Q_EMIT messageChanged(replyIndex);
    });
    connect(m_runner, &TurnRunner::reasoningDelta, this, [this, replyIndex](const QString &text) {
        m_messages[replyIndex].reasoning += text;
        Q_EMIT messageChanged(replyIndex);
    });
    // Offline: the reply says it waits, until the network returns or Stop.
    connect(m_runner, &TurnRunner::waitingForNetwork, this, [this, replyIndex](bool waiting) {
        m_messages[replyIndex].summary =
            waiting ? tr("Waiting for the network… (Stop to cancel)") : QString();
        Q_EMIT messageChanged(replyIndex);
    });
    connect(m_runner, &TurnRunner::attemptStarted, this,
        [this, turn](const Attempt &attempt) { Q_EMIT attemptStarted(turn, attempt); });
    connect(m_runner, &TurnRunner::attemptFinished, this,
        [this, turn](const Attempt &attempt) { Q_EMIT attemptFinished(turn, attempt); });
    connect(
        m_runner, &TurnRunner::finished, this, [this, turn, replyIndex](const TurnResult &result) {
            Message &reply = m_messages[replyIndex];
            reply.status = result.status;
            reply.summary = result.summary;
            reply.result = result;
            m_runner.clear();
            Q_EMIT messageChanged(replyIndex);
            Q_EMIT turnFinished(turn, result);
            Q_EMIT busyChanged(false);
        });
    connect(m_runner, &TurnRunner::generationStatsReceived, this,
        [this, runner = m_runner, turn, replyIndex](int attemptIndex) {
            // The stats come after the turn; by then the reply may have been edited away.
            if (replyIndex >= m_messages.size() || m_messages[replyIndex].turn != turn)
                return;
            Message &reply = m_messages[replyIndex];
            if (!reply.result || attemptIndex >= reply.result->attempts.size())
                return;
            // The runner merged what /generation reported into the attempt: one row per try.
            Attempt &attempt = reply.result->attempts[attemptIndex];
            attempt = runner->result().attempts.value(attemptIndex, attempt);
            Q_EMIT attemptFinished(turn, attempt);
            Q_EMIT messageChanged(replyIndex);
        });
    Q_EMIT turnStarted(turn, m_runner);
    Q_EMIT busyChanged(true);
    return true;
}

} // namespace detour
