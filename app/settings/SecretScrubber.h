// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "route/Endpoint.h"
#include "route/RoutePlan.h"

namespace detour {

// Makes endpoints and routes safe to write to disk or to export: whatever
// could carry a key is dropped. Settings and RouteTransfer pass everything
// through it, so a key cannot reach a settings file or a route file even when
// someone pastes it into the wrong field.
class SecretScrubber final {
public:
    // `key_env` must name an environment variable (letters, digits, `_`, not
    // starting with a digit) and must not look like a key; otherwise it is
    // dropped. The base URL loses user name, password, query and fragment.
    static Endpoint scrubbed(const Endpoint &endpoint);
    static RoutePlan scrubbed(const RoutePlan &plan);

    static bool isVariableName(const QString &name);
    static QUrl scrubbedUrl(const QUrl &url);
};

} // namespace detour
