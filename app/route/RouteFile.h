// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "RoutePlan.h"
#include "protocol/Result.h"

#include <QByteArray>
#include <QString>

namespace detour {

// The JSON route file (see README "Route file"):
// {"name", "endpoints":[{"id","kind","base_url","key_env","ca_file"?,"proxy"?,
//   "headers"?:{"Name": "value" | {"env": "VAR"} | {"keyring": "entry"}}, "query"?:{same}}],
//  "steps":[{"endpoint","model","models"?,"provider"?,"enabled"?}], "policy":{...},
//  "defaults"?:{"system_prompt"?, "temperature"?, ..., "reasoning"?:{...}}}
class RouteFile final {
public:
    static Result<RoutePlan> read(QByteArrayView json);
    static QByteArray write(const RoutePlan &plan);
    // The values a step's "pdf_engine" may take (OpenRouter's file-parser engines).
    static QStringList pdfEngines();

    // The demo route used with no key: a free model whose only provider is
    // rate-limited upstream, then the paid model served after OpenRouter's own fallback.
    static RoutePlan demo(const QUrl &simulatorBaseUrl);
};

} // namespace detour
