#pragma once

#include "Attempt.h"
#include "protocol/GenerationStats.h"

#include <nlohmann/json.hpp>

namespace detour {

// The attempt trace as JSON, for `detour --ask --json` and reports. Keys never
// appear: attempts hold no request headers and response headers are redacted.
class TraceJson final {
public:
    static nlohmann::json attempt(const Attempt &attempt);
    static nlohmann::json serverAttempt(const ServerAttempt &attempt);
    static nlohmann::json turn(const TurnResult &result);
    static nlohmann::json generation(const GenerationStats &stats);
};

} // namespace detour
