// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RouteLog.h"

#include "Attempt.h"

namespace detour {

// Warnings and above by default; QT_LOGGING_RULES="detour.route.debug=true" shows the rest.
Q_LOGGING_CATEGORY(lcRoute, "detour.route", QtWarningMsg)

void logAttempt(const Attempt &attempt)
{
    qCDebug(lcRoute).noquote() << "attempt" << attempt.index << "step" << attempt.stepIndex
                               << attempt.requestedModel << "at" << attempt.provider << "HTTP"
                               << attempt.httpStatus << outcomeName(attempt.outcome);
}

void logTurn(const TurnResult &result)
{
    qCDebug(lcRoute).noquote() << "turn" << turnStatusName(result.status) << "after"
                               << result.attempts.size() << "attempt(s) in" << result.durationMs
                               << "ms";
}

} // namespace detour
