#include "TurnRecorder.h"

#include "ConversationStore.h"
#include "protocol/GenerationStats.h"
#include "route/TurnRunner.h"

namespace detour {

TurnRecorder::TurnRecorder(ConversationStore *store, qint64 conversationId, qint64 userMessageId,
    TurnRunner *runner, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_conversationId(conversationId)
    , m_userMessageId(userMessageId)
    , m_runner(runner)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(flushIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { flush(); });

    if (const auto id = m_store->beginAssistantMessage(m_conversationId))
        m_assistantMessageId = *id;
    else
        reportFailure(); // retried by the first flush; finishTurn creates it at the latest

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
    bool ok = true;
    if (m_assistantMessageId <= 0 && !m_pendingResult) {
        if (const auto id = m_store->beginAssistantMessage(m_conversationId))
            m_assistantMessageId = *id;
        else
            ok = false;
    }
    if (ok && m_textDirty)
        ok = writeText();
    if (ok && m_pendingResult)
        ok = writeTurn();
    if (ok && !m_pendingServerAttempts.isEmpty())
        ok = writeServerAttempts();
    if (!ok) {
        reportFailure();
        m_timer.start(); // try again
    }
    return ok;
}

bool TurnRecorder::writeText()
{
    if (m_assistantMessageId <= 0)
        return false;
    if (!m_store->updateAssistantText(m_assistantMessageId, m_content, m_reasoning))
        return false;
    m_textDirty = false;
    ++m_flushCount;
    return true;
}

bool TurnRecorder::writeTurn()
{
    const auto turnId = m_store->finishTurn(
        m_conversationId, m_userMessageId, m_assistantMessageId, *m_pendingResult);
    if (!turnId)
        return false;
    m_turnId = *turnId;
    if (m_assistantMessageId <= 0) {
        if (const auto turn = m_store->turn(m_turnId))
            m_assistantMessageId = turn->assistantMessageId;
    }
    m_pendingResult.reset();
    Q_EMIT turnRecorded(m_turnId);
    return true;
}

bool TurnRecorder::writeServerAttempts()
{
    if (m_turnId <= 0)
        return true; // waits for the turn
    while (!m_pendingServerAttempts.isEmpty()) {
        const auto &[attemptIndex, serverAttempts] = m_pendingServerAttempts.constFirst();
        if (!m_store->addServerAttempts(m_turnId, attemptIndex, serverAttempts))
            return false;
        m_pendingServerAttempts.removeFirst();
    }
    return true;
}

void TurnRecorder::reportFailure()
{
    m_error = m_store->lastError();
    Q_EMIT writeFailed(m_error);
}

} // namespace detour
