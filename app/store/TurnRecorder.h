// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Result.h"
#include "route/Attempt.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <optional>

namespace detour {

class ConversationStore;
class TurnRunner;
struct GenerationStats;

// A turn that continues a stored reply (ChatSession::continueReply): its text goes on
// after `text` (and its reasoning after `reasoning`) in the same message, which the
// turn then belongs to.
struct ReplyContinuation {
    qint64 messageId = 0; // 0: a new reply
    QString text;
    QString reasoning;
};

// Records one running turn in a ConversationStore as it happens.
//
// On construction it creates the assistant message (state streaming). Text
// arriving from the runner is buffered and written at most about once per
// second, and at least once per second while it keeps arriving (one timer, not
// a write per delta). At `finished` the final text, the outcome, the turn and
// every attempt are written in one transaction; OpenRouter's generation stats,
// which arrive later, are added as server attempts. Whatever could not be
// written yet (the database was busy) is kept and retried on the timer, and
// written once more on destruction; a reply whose turn never finished is then
// marked interrupted, keeping its text.
class TurnRecorder final : public QObject {
    Q_OBJECT

public:
    static constexpr int flushIntervalMs = 1000;
    using Continuation = ReplyContinuation;

    // `userMessageId` must already be stored (addUserMessage) before the runner sends; the
    // reply goes under it (ConversationTree), or under the current leaf when it is 0.
    TurnRecorder(ConversationStore *store, qint64 conversationId, qint64 userMessageId,
        TurnRunner *runner, QObject *parent = nullptr, const Continuation &continued = {});
    ~TurnRecorder() override;

    qint64 conversationId() const { return m_conversationId; }
    qint64 assistantMessageId() const { return m_assistantMessageId; }
    qint64 turnId() const { return m_turnId; } // 0 until the turn is recorded
    bool isRecorded() const { return m_turnId > 0 && m_pendingServerAttempts.isEmpty(); }
    int flushCount() const { return m_flushCount; } // text writes while streaming
    // Why the last write failed; empty once everything pending was written.
    QString writeError() const { return m_error; }
    // The reply as received so far (all of it once the turn finished), saved or not.
    QString replyText() const { return m_content; }

    // Writes whatever is pending now. False when something could not be written yet.
    bool flush();

Q_SIGNALS:
    void turnRecorded(qint64 turnId);
    // A write failed (the history is not being kept); retried every flush interval.
    void writeFailed(const QString &reason);
    // Everything that had failed has now been written.
    void writeRecovered();

private:
    void onContent(const QString &text);
    void onReasoning(const QString &text);
    void onFinished(const TurnResult &result);
    void onGenerationStats(int attemptIndex, const GenerationStats &stats);
    Result<qint64> beginReply();
    void scheduleFlush();
    Result<> writeText();
    Result<> writeTurn();
    Result<> writeServerAttempts();
    void reportFailure(const QString &reason);

    ConversationStore *m_store;
    qint64 m_conversationId;
    qint64 m_userMessageId;
    qint64 m_assistantMessageId = 0;
    qint64 m_turnId = 0;
    QPointer<TurnRunner> m_runner;
    QTimer m_timer;

    QString m_continued; // the text a continued reply had before this turn
    QString m_content; // all of the reply, m_continued included
    QString m_continuedReasoning;
    QString m_reasoning;
    bool m_textDirty = false;
    std::optional<TurnResult> m_pendingResult; // finished, not written yet
    bool m_finished = false;
    QList<std::pair<int, QList<ServerAttempt>>> m_pendingServerAttempts;
    int m_flushCount = 0;
    QString m_error;
};

} // namespace detour
