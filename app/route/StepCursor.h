// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "AttachmentFit.h"
#include "Attempt.h"
#include "Cooldown.h"
#include "RoutePlan.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <functional>
#include <optional>

namespace detour {

class CooldownTable;

// Where one turn stands in its route: the steps in the order they are tried
// (StepRanker's), the current one and its retries, and which steps cannot be
// tried now. seek() passes over a disabled step or one whose endpoint is gone
// silently, and reports a step whose endpoint refused its key earlier in the
// turn, or that cools down after a rate limit while a later step can serve
// (the last step standing is tried even while cooling: skipping it would
// leave nothing). TurnRunner sends, words the skips and decides on retries.
class StepCursor final {
    Q_DECLARE_TR_FUNCTIONS(StepCursor)

public:
    // AttachmentUnsupported: the step's model cannot take the message's attachments
    // (AttachmentFit); skipped before anything is sent to it.
    // NoCredits: the step's endpoint said earlier in this turn that it has no credits,
    // and the step's model is a paid one.
    enum class SkipReason { KeyRefused, CoolingDown, AttachmentUnsupported, NoCredits };
    struct Skip {
        qsizetype stepIndex = -1; // into plan.steps
        SkipReason reason = SkipReason::KeyRefused;
        QDateTime coolingUntil; // for CoolingDown; invalid for a cooldown without an end
        QString modality {}; // for AttachmentUnsupported: what the model lacks ("image", "file")
        std::optional<Cooldown> cooldown {}; // for CoolingDown: the one that covers the step
    };
    struct Found {
        QList<Skip> skipped; // in the order they were passed over
        std::optional<qsizetype> stepIndex; // the step to send now; none when the route is used up
        // When none was found and no step was ever found in this turn because none takes
        // the attachments: the one sentence saying so (AttachmentFit::noStepSentence).
        QString summary {};
    };

    // Why a step was passed over, in one sentence for the trace.
    static QString sentence(const Skip &skip, const RouteStep &step);
    // The reason as the JSON trace names it: "key_refused", "cooling_down",
    // "attachment_unsupported", "no_credits".
    static QString reasonName(SkipReason reason);

    // The key an endpoint's requests carry (empty for none), so that a cooldown of a
    // refused key covers its steps only while the key is the same.
    using KeyLookup = std::function<QString(const Endpoint &)>;

    // `plan` and `cooldowns` (may be null) must outlive the cursor.
    StepCursor(const RoutePlan &plan, QList<qsizetype> order, const CooldownTable *cooldowns,
        AttachmentFit fit = {}, KeyLookup keys = {});

    // What cooldowns know of `step` (into plan.steps): endpoint, its URL, model, key.
    Cooldown::Target targetOf(qsizetype stepIndex) const;

    // From the current step on, the first that can be sent now; the cursor stays on it.
    Found seek();
    // The current step, as an index into plan.steps; only after seek() found one.
    qsizetype stepIndex() const { return m_order[m_position]; }
    const RouteStep &step() const { return m_plan.steps[stepIndex()]; }
    // An attempt at step `stepIndex` (into plan.steps), numbered `index` in the turn, started now.
    Attempt attemptAt(qsizetype stepIndex, int index) const;
    // The attempt that records `skip` (outcome skipped, the sentence, the reason, the
    // cooldown's end and scope), numbered `index`.
    Attempt skippedAttempt(const Skip &skip, int index) const;
    // True when no step after the current one could be tried now.
    bool isLastStanding() const;

    int retries() const { return m_retries; } // of the current step
    void countRetry() { ++m_retries; }
    void moveOn(); // to the next step in the order, with no retries yet
    // Hedging (HedgeRace): the first step after the current one that could be sent now,
    // as an index into plan.steps; none when there is none. The cursor does not move.
    std::optional<qsizetype> nextUsable() const;
    // A hedge at `stepIndex` failed while the current step was still in flight: seek()
    // passes over it silently for the rest of the turn (its attempt is in the trace).
    void passOver(qsizetype stepIndex) { m_passedOver.insert(stepIndex); }
    // The current step failed while a hedge at `stepIndex` (after it) runs on: the
    // cursor moves to that step, as if the turn had fallen through to it.
    void moveTo(qsizetype stepIndex);
    // The current step's endpoint refused its key: its other steps are skipped for the
    // rest of the turn. Moves on.
    void refuseKey();
    // The current step's endpoint has no credits: its other paid steps are skipped for
    // the rest of the turn (its :free ones may still serve). Moves on.
    void refuseCredits();

private:
    bool isUsable(qsizetype stepIndex) const;
    bool lacksCredits(const RouteStep &step) const;
    std::optional<Cooldown> cooldownOf(qsizetype stepIndex) const; // none when not cooling

    const RoutePlan &m_plan;
    const CooldownTable *m_cooldowns;
    QList<qsizetype> m_order;
    qsizetype m_position = 0; // in m_order
    int m_retries = 0;
    QSet<QString> m_refusedEndpoints;
    QSet<QString> m_creditlessEndpoints;
    QSet<qsizetype> m_passedOver; // hedges that failed: see passOver()
    AttachmentFit m_fit;
    bool m_foundAny = false; // a step was found to send to in this turn
    KeyLookup m_keys;
    mutable QHash<QString, QString> m_keyIds; // by endpoint id, looked up once per turn
};

} // namespace detour
