// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace detour {

// One provider the simulated OpenRouter tried for a request (its internal
// routing, reported in openrouter_metadata.attempts and /generation).
struct SimAttempt {
    QString provider;
    QString model;
    int status = 0;
    qint64 latencyMs = 0;
};

} // namespace detour
