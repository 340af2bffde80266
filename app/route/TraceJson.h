// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Attempt.h"
#include "protocol/GenerationStats.h"

#include <nlohmann/json_fwd.hpp>

namespace detour {

// The attempt trace as JSON, for `detour --ask --json` and reports. Keys never
// appear: attempts hold no request headers and response headers are redacted.
class TraceJson final {
public:
    static nlohmann::json attempt(const Attempt &attempt);
    static nlohmann::json serverAttempt(const ServerAttempt &attempt);
    static nlohmann::json sourceNames(const QList<ServerAttempt::Source> &sources);
    static nlohmann::json turn(const TurnResult &result);
    static nlohmann::json generation(const GenerationStats &stats);
    // The turn with every attempt in it, as one line of JSON (no newline).
    static QByteArray turnLine(const TurnResult &result);
    // Appends turnLine() and a newline to the file at `path` (a trace for scripts and tests).
    static bool appendTurn(const QString &path, const TurnResult &result);
};

} // namespace detour
