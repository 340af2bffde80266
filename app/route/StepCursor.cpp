// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "StepCursor.h"

#include "CooldownTable.h"
#include "protocol/EnumNames.h"

#include <QLocale>

namespace detour {

using namespace Qt::StringLiterals;

QString StepCursor::sentence(const Skip &skip, const RouteStep &step)
{
    switch (skip.reason) {
    case SkipReason::KeyRefused:
        return tr("Skipped: endpoint \"%1\" refused its key earlier in this turn.")
            .arg(step.endpointId);
    case SkipReason::CoolingDown:
        if (skip.cooldown)
            return tr("Skipped: cooling down after %1: %2.")
                .arg(skip.cooldown->causeText(), skip.cooldown->description());
        return tr("Skipped: %1 is cooling down after a rate limit until %2.")
            .arg(step.target.model,
                QLocale().toString(skip.coolingUntil.toLocalTime().time(), u"HH:mm:ss"_s));
    case SkipReason::AttachmentUnsupported:
        return AttachmentFit::skipSentence(skip.modality, step);
    case SkipReason::NoCredits:
        return tr("Skipped: endpoint \"%1\" said earlier in this turn that there are no credits "
                  "for paid models.")
            .arg(step.endpointId);
    }
    return {};
}

namespace {

constexpr EnumNames skipReasonNames { std::array {
    std::pair { StepCursor::SkipReason::KeyRefused, "key_refused"_L1 },
    std::pair { StepCursor::SkipReason::CoolingDown, "cooling_down"_L1 },
    std::pair { StepCursor::SkipReason::AttachmentUnsupported, "attachment_unsupported"_L1 },
    std::pair { StepCursor::SkipReason::NoCredits, "no_credits"_L1 },
} };

} // namespace

QString StepCursor::reasonName(SkipReason reason)
{
    return skipReasonNames.name(reason);
}

StepCursor::StepCursor(const RoutePlan &plan, QList<qsizetype> order,
    const CooldownTable *cooldowns, AttachmentFit fit, KeyLookup keys)
    : m_plan(plan)
    , m_cooldowns(cooldowns)
    , m_order(std::move(order))
    , m_fit(std::move(fit))
    , m_keys(std::move(keys))
{
}

StepCursor::Found StepCursor::seek()
{
    Found found;
    for (; m_position < m_order.size(); moveOn()) {
        const RouteStep &current = step();
        if (!current.enabled || !m_plan.endpoint(current.endpointId)
            || m_passedOver.contains(stepIndex()))
            continue;
        if (const QString lacking = m_fit.missing(current, *m_plan.endpoint(current.endpointId));
            !lacking.isEmpty()) {
            found.skipped.append({ stepIndex(), SkipReason::AttachmentUnsupported, {}, lacking });
            continue;
        }
        if (m_refusedEndpoints.contains(current.endpointId)) {
            found.skipped.append({ stepIndex(), SkipReason::KeyRefused, {} });
            continue;
        }
        if (lacksCredits(current)) {
            found.skipped.append({ stepIndex(), SkipReason::NoCredits, {} });
            continue;
        }
        if (const auto cooldown = cooldownOf(stepIndex()); cooldown && !isLastStanding()) {
            found.skipped.append(
                { stepIndex(), SkipReason::CoolingDown, cooldown->until, {}, cooldown });
            continue;
        }
        found.stepIndex = stepIndex();
        m_foundAny = true;
        break;
    }
    if (!found.stepIndex && !m_foundAny) {
        for (const Skip &skip : std::as_const(found.skipped)) {
            if (skip.reason == SkipReason::AttachmentUnsupported) {
                found.summary = AttachmentFit::noStepSentence(skip.modality);
                break;
            }
        }
    }
    return found;
}

bool StepCursor::isLastStanding() const
{
    for (qsizetype next = m_position + 1; next < m_order.size(); ++next) {
        if (isUsable(m_order[next]))
            return false;
    }
    return true;
}

void StepCursor::moveOn()
{
    ++m_position;
    m_retries = 0;
}

std::optional<qsizetype> StepCursor::nextUsable() const
{
    for (qsizetype next = m_position + 1; next < m_order.size(); ++next) {
        if (isUsable(m_order[next]))
            return m_order[next];
    }
    return std::nullopt;
}

void StepCursor::moveTo(qsizetype stepIndex)
{
    while (m_position + 1 < m_order.size() && m_order[m_position] != stepIndex)
        moveOn();
    m_retries = 0;
}

void StepCursor::refuseKey()
{
    m_refusedEndpoints.insert(step().endpointId);
    moveOn();
}

void StepCursor::refuseCredits()
{
    m_creditlessEndpoints.insert(step().endpointId);
    moveOn();
}

bool StepCursor::lacksCredits(const RouteStep &candidate) const
{
    return m_creditlessEndpoints.contains(candidate.endpointId)
        && !Cooldown::isFreeModel(candidate.target.model);
}

bool StepCursor::isUsable(qsizetype index) const
{
    const RouteStep &candidate = m_plan.steps[index];
    return candidate.enabled && m_plan.endpoint(candidate.endpointId)
        && !m_passedOver.contains(index)
        && m_fit.missing(candidate, *m_plan.endpoint(candidate.endpointId)).isEmpty()
        && !m_refusedEndpoints.contains(candidate.endpointId) && !lacksCredits(candidate)
        && !cooldownOf(index);
}

std::optional<Cooldown> StepCursor::cooldownOf(qsizetype index) const
{
    if (!m_cooldowns)
        return std::nullopt;
    return m_cooldowns->covering(targetOf(index), QDateTime::currentDateTimeUtc());
}

Cooldown::Target StepCursor::targetOf(qsizetype index) const
{
    const RouteStep &step = m_plan.steps[index];
    const Endpoint *endpoint = m_plan.endpoint(step.endpointId);
    Cooldown::Target target { step.endpointId, {}, step.target.model, {} };
    if (!endpoint)
        return target;
    target.endpointUrl = Cooldown::urlOf(endpoint->baseUrl);
    if (m_keys) {
        auto known = m_keyIds.constFind(step.endpointId);
        if (known == m_keyIds.constEnd())
            known = m_keyIds.insert(step.endpointId, Cooldown::keyIdOf(m_keys(*endpoint)));
        target.keyId = *known;
    }
    return target;
}

Attempt StepCursor::attemptAt(qsizetype stepIndex, int index) const
{
    const RouteStep &step = m_plan.steps[stepIndex];
    Attempt attempt;
    attempt.index = index;
    attempt.startedAt = QDateTime::currentDateTimeUtc();
    attempt.stepIndex = int(stepIndex);
    attempt.endpointId = step.endpointId;
    attempt.endpointKind = m_plan.endpoint(step.endpointId)->kind;
    attempt.requestedModel = step.target.model;
    return attempt;
}

Attempt StepCursor::skippedAttempt(const Skip &skip, int index) const
{
    Attempt skipped = attemptAt(skip.stepIndex, index);
    skipped.outcome = Outcome::Skipped;
    skipped.summary = sentence(skip, m_plan.steps[skip.stepIndex]);
    skipped.skipReason = reasonName(skip.reason);
    skipped.coolingUntil = skip.coolingUntil;
    skipped.cooldownScope = skip.cooldown ? Cooldown::scopeName(skip.cooldown->scope) : QString();
    return skipped;
}

} // namespace detour
