// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Attempt.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <chrono>
#include <optional>

namespace detour {

class TurnRunner;

// Hedged requests for one turn (policy hedge_after_ms, README "Routes"). When the
// attempt in front has delivered no output this long after it was sent (the delay
// of its step, HedgeDelay), the next usable step (StepCursor::nextUsable) is sent
// beside it, as a TurnRunner of that one step without retries or hedging of its own.
//
// - The first to deliver a content token wins; the other is cancelled at once (its
//   reply aborted, so the connection closes) and recorded as cancelled, "lost_race"
//   (Attempt::lostRace), with the time it had waited.
// - Reasoning is not content: a hedge's reasoning is held back until it wins. The
//   attempt in front, though, keeps the turn as soon as it shows anything, reasoning
//   included (what the person has seen is never thrown away), so it is never hedged
//   once it streams, and a hedge in flight then loses.
// - At most one hedge per attempt in front, so at most one extra request in flight.
// - A hedge that fails leaves the attempt in front going (its step is passed over for
//   the rest of the turn); an attempt in front that fails leaves the hedge going as the
//   turn's attempt, and when that fails too the turn goes on down the route as usual.
//
// The hedge attempt is numbered after the one in front and joins the turn's result
// in that order. The race follows the runner's attempts through its signals, is
// told of the rest through the hooks below, and reaches into the runner (friend).
class HedgeRace final : public QObject {
    Q_OBJECT

public:
    // `delays`: per step of the runner's plan (HedgeDelay::perStep), none = no hedge.
    HedgeRace(TurnRunner &runner, QList<std::optional<std::chrono::milliseconds>> delays);
    ~HedgeRace() override;

    // The runner sent the attempt in front: the hedge timer starts when its step hedges.
    void arm();
    // The attempt in front delivered its first output: no hedge starts; one in flight loses.
    void frontStarted();
    // The attempt in front failed before any output and was recorded: true when a hedge
    // in flight goes on as the turn's attempt (the runner then leaves the turn to it).
    bool takeOver();
    // The runner recorded an attempt: a hedge attempt that ended meanwhile follows it.
    void frontEnded();
    // The turn ends: a hedge still in flight is cancelled.
    void end();

    // "Lost the race to Groq by 1.2 s: cancelled, its connection closed."
    static QString lostSentence(const QString &winner, qint64 byMs);

private:
    void start();
    void onAttemptStarted(const Attempt &attempt);
    void onAttemptFinished(const Attempt &attempt);
    void onContent(const QString &text);
    void onReasoning(const QString &text);
    void onFinished(const TurnResult &result);
    void win();
    void forwardHeldReasoning();
    void append(const Attempt &attempt);
    void release();
    Attempt remapped(Attempt attempt) const;
    QString frontName() const;
    QString hedgeName() const;

    TurnRunner &m_runner;
    QList<std::optional<std::chrono::milliseconds>> m_delays;
    QTimer m_timer;
    QPointer<TurnRunner> m_hedge;
    qsizetype m_stepIndex = -1; // the hedge's step, into the runner's plan.steps
    int m_index = -1; // the hedge attempt's number in the turn
    qint64 m_offsetMs = 0; // the runner's clock when the hedge started
    bool m_frontLive = false; // the attempt in front is not recorded yet
    bool m_won = false; // the hedge delivered content first
    bool m_alone = false; // the attempt in front failed: the hedge is the turn's attempt
    bool m_losing = false; // the hedge is being cancelled, having lost
    QString m_winner; // who beat the hedge
    QString m_heldReasoning;
    std::optional<Attempt> m_held; // the hedge's, recorded after the one in front
};

} // namespace detour
