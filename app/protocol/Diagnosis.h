// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "ErrorBody.h"
#include "Outcome.h"

#include <QList>
#include <QString>
#include <nlohmann/json_fwd.hpp>
#include <optional>

namespace detour {

// The answer to "who failed, why, and what would help" for one attempt.
struct Diagnosis {
    Outcome outcome = Outcome::Served;
    Party party = Party::None;
    QString provider; // the upstream provider when known
    std::optional<double> retryAfterS;
    QString summary; // one plain-language sentence: who, why, what would help
    QList<Fix> fixes;
    int httpStatus = 0;
    ErrorBody error;

    // {"outcome","party","provider","retry_after_s","summary","fixes","http_status","error"}
    // as `--explain` prints it; unknown values are null, empty error fields are left out.
    nlohmann::json toJson() const;
};

} // namespace detour
