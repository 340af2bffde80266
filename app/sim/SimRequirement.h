// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "SimHttpResponse.h"
#include "SimRequest.h"
#include "protocol/Result.h"

#include <QList>
#include <QString>
#include <nlohmann/json_fwd.hpp>
#include <optional>

namespace detour {

// Headers and query parameters a gateway insists on, so that an endpoint's own
// "headers" / "query" are tested end to end over loopback. In a scenario:
//   "require": {"headers": {"x-portkey-provider": null},      // null: any value
//               "query": {"api-version": "2024-10-21"},       // a string: that value
//               "status": 400,                                 // default 400
//               "body": "{\"status\":\"failure\",\"message\":\"Either x-portkey-config or "
//                       "x-portkey-provider header is required\"}"}   // default: names the missing
//                       one
// A chat completion missing one (or carrying another value) gets `status` and `body`.
class SimRequirement final {
public:
    static Result<SimRequirement> fromJson(const nlohmann::json &object);

    // The refusal when `request` lacks what is required; nothing when it may pass.
    std::optional<SimHttpResponse> check(const SimRequest &request) const;

private:
    using Wanted = QList<std::pair<QString, std::optional<QString>>>;
    Wanted m_headers;
    Wanted m_query;
    int m_status = 400;
    QByteArray m_body;
};

} // namespace detour
