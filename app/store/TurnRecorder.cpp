// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "TurnRecorder.h"

#include "ConversationStore.h"
#include "StoreLog.h"
#include "protocol/GenerationStats.h"
#include "route/TurnRunner.h"

namespace detour {

TurnRecorder::TurnRecorder(ConversationStore *store, qint64 conversationId, qint64 userMessageId,
    TurnRunner *runner, QObject *parent, const Continuation &continued)
    : QObject(parent)
    , m_store(store)
    , m_conversationId(conversationId)
    , m_userMessageId(userMessageId)
    , m_assistantMessageId(continued.messageId)
    , m_runner(runner)
    , m_continued(continued.text)
    , m_content(continued.text)
    , m_continuedReasoning(continued.reasoning)
    , m_reasoning(continued.reasoning)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(flushIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { flush(); });

    if (m_assistantMessageId <= 0) { // else it continues a stored reply
        if (const Result<qint64> id = beginReply())
            m_assistantMessageId = *id;
        else
            reportFailure(
                id.error()); // retried by the first flush; finishTurn creates it at the latest
    }

    if (runner) {
        connect(runner, &TurnRunner::contentDelta, this, &TurnRecorder::onContent);
        connect(runner, &TurnRunner::reasoningDelta, this, &TurnRecorder::onReasoning);
        connect(runner, &TurnRunner::finished, this, &TurnRecorder::onFinished);
        connect(
            runner, &TurnRunner::generationStatsReceived, this, &TurnRecorder::onGenerationStats);
    }
}

TurnRecorder::~TurnRecorder()
{
    flush();
    // The runner can no longer reach us: a reply left streaming will never end.
    if (!m_finished && m_assistantMessageId > 0)
        m_store->markInterrupted(m_assistantMessageId);
}

Result<qint64> TurnRecorder::beginReply()
{
    // The reply answers its question: a regenerated reply is a sibling of the earlier one.
    return m_store->beginAssistantMessage(m_conversationId,
        m_userMessageId > 0 ? std::optional<qint64>(m_userMessageId) : std::nullopt);
}

void TurnRecorder::onContent(const QString &text)
{
    m_content += text;
    m_textDirty = true;
    scheduleFlush();
}

void TurnRecorder::onReasoning(const QString &text)
{
    m_reasoning += text;
    m_textDirty = true;
    scheduleFlush();
}

void TurnRecorder::onFinished(const TurnResult &result)
{
    m_finished = true;
    m_pendingResult = result;
    m_pendingResult->content = m_continued + result.content;
    m_pendingResult->reasoning = m_continuedReasoning + result.reasoning;
    m_content = m_pendingResult->content; // what replyText() hands out; written with the turn
    m_textDirty = false; // the final text goes with the turn
    m_timer.stop();
    flush();
}

void TurnRecorder::onGenerationStats(int attemptIndex, const GenerationStats &stats)
{
    if (stats.providerResponses.isEmpty())
        return;
    m_pendingServerAttempts.append({ attemptIndex, stats.providerResponses });
    flush();
}

void TurnRecorder::scheduleFlush()
{
    // Not restarted by every delta: the first unwritten text starts the clock.
    if (!m_timer.isActive())
        m_timer.start();
}

bool TurnRecorder::flush()
{
    Result<> written;
    if (m_assistantMessageId <= 0 && !m_pendingResult) {
        if (const Result<qint64> id = beginReply())
            m_assistantMessageId = *id;
        else
            written = Error(id.error());
    }
    if (written && m_textDirty)
        written = writeText();
    if (written && m_pendingResult)
        written = writeTurn();
    if (written && !m_pendingServerAttempts.isEmpty())
        written = writeServerAttempts();
    if (!written) {
        reportFailure(written.error());
        m_timer.start(); // try again
        return false;
    }
    if (!m_error.isEmpty()) {
        m_error.clear();
        Q_EMIT writeRecovered();
    }
    return true;
}

Result<> TurnRecorder::writeText()
{
    if (m_assistantMessageId <= 0)
        return Error(tr("The reply has no place in the history yet."));
    if (Result<> written =
            m_store->updateAssistantText(m_assistantMessageId, m_content, m_reasoning);
        !written)
        return written;
    m_textDirty = false;
    ++m_flushCount;
    return {};
}

Result<> TurnRecorder::writeTurn()
{
    const Result<qint64> turnId = m_store->finishTurn(
        m_conversationId, m_userMessageId, m_assistantMessageId, *m_pendingResult);
    if (!turnId)
        return Error(turnId.error());
    m_turnId = *turnId;
    if (m_assistantMessageId <= 0) {
        if (const Result<StoredTurn> turn = m_store->turn(m_turnId))
            m_assistantMessageId = turn->assistantMessageId;
    }
    m_pendingResult.reset();
    Q_EMIT turnRecorded(m_turnId);
    return {};
}

Result<> TurnRecorder::writeServerAttempts()
{
    if (m_turnId <= 0)
        return {}; // waits for the turn
    while (!m_pendingServerAttempts.isEmpty()) {
        const auto &[attemptIndex, serverAttempts] = m_pendingServerAttempts.constFirst();
        if (Result<> added = m_store->addServerAttempts(m_turnId, attemptIndex, serverAttempts);
            !added)
            return added;
        m_pendingServerAttempts.removeFirst();
    }
    return {};
}

void TurnRecorder::reportFailure(const QString &reason)
{
    m_error = reason;
    qCWarning(lcStore).noquote() << "the history could not be written:" << reason;
    Q_EMIT writeFailed(m_error);
}

} // namespace detour
