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
        return tr("Skipped: %1 is cooling down after a rate limit until %2.")
            .arg(step.target.model,
                QLocale().toString(skip.coolingUntil.toLocalTime().time(), u"HH:mm:ss"_s));
    case SkipReason::AttachmentUnsupported:
        return AttachmentFit::skipSentence(skip.modality, step);
    }
    return {};
}

namespace {

constexpr EnumNames skipReasonNames { std::array {
    std::pair { StepCursor::SkipReason::KeyRefused, "key_refused"_L1 },
    std::pair { StepCursor::SkipReason::CoolingDown, "cooling_down"_L1 },
    std::pair { StepCursor::SkipReason::AttachmentUnsupported, "attachment_unsupported"_L1 },
} };

} // namespace

QString StepCursor::reasonName(SkipReason reason)
{
    return skipReasonNames.name(reason);
}

StepCursor::StepCursor(const RoutePlan &plan, QList<qsizetype> order,
    const CooldownTable *cooldowns, AttachmentFit fit)
    : m_plan(plan)
    , m_cooldowns(cooldowns)
    , m_order(std::move(order))
    , m_fit(std::move(fit))
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
        const QDateTime until = coolingUntil(current);
        if (until.isValid() && !isLastStanding()) {
            found.skipped.append({ stepIndex(), SkipReason::CoolingDown, until });
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

bool StepCursor::isUsable(qsizetype index) const
{
    const RouteStep &candidate = m_plan.steps[index];
    return candidate.enabled && m_plan.endpoint(candidate.endpointId)
        && !m_passedOver.contains(index)
        && m_fit.missing(candidate, *m_plan.endpoint(candidate.endpointId)).isEmpty()
        && !m_refusedEndpoints.contains(candidate.endpointId) && !coolingUntil(candidate).isValid();
}

QDateTime StepCursor::coolingUntil(const RouteStep &candidate) const
{
    return m_cooldowns ? m_cooldowns->coolingUntil(
               candidate.endpointId, candidate.target.model, QDateTime::currentDateTimeUtc())
                       : QDateTime();
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

} // namespace detour
