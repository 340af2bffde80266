// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QLoggingCategory>

namespace detour {

// "detour.route": see README ("Logging") for what it reports and how to turn it on.
Q_DECLARE_LOGGING_CATEGORY(lcRoute)

struct Attempt;
struct TurnResult;

// One debug line per finished attempt and per finished turn.
void logAttempt(const Attempt &attempt);
void logTurn(const TurnResult &result);

} // namespace detour
