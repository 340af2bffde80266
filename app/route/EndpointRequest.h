// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Endpoint.h"
#include "protocol/Diagnosis.h"

#include <functional>
#include <optional>

class QNetworkRequest;

namespace detour {

// The value of an endpoint's secret header or query parameter ({"env": …} or
// {"keyring": …}); empty when it cannot be had. Called per request, with that
// request's own endpoint only (KeyRing answers in the window).
using ParamResolver = std::function<QString(const Endpoint &, const EndpointParam &)>;

// What every request to an endpoint carries besides its key: the endpoint's
// "headers" and "query" (a gateway's own, see EndpointParam). Chat requests add
// them here; redirects are never followed (RequestBuilder), so neither the key nor
// these values can be carried to another origin.
class EndpointRequest final {
public:
    // Adds the endpoint's headers and query parameters to `request`. Nothing is
    // added, and the diagnosis says why, when a secret value is missing (a variable
    // not set, a keyring entry not saved) or would travel over plain http:// to
    // another computer.
    static std::optional<Diagnosis> addParams(
        QNetworkRequest &request, const Endpoint &endpoint, const ParamResolver &secrets);

    // The default resolver (the command line): environment variables only.
    static QString paramFromEnvironment(const Endpoint &endpoint, const EndpointParam &param);
    // For the simulator, which stands in for the endpoint: a secret is only said to be
    // there ("[simulated]"), so a gateway's required header is present and no secret
    // reaches it.
    static QString simulatedParam(const Endpoint &endpoint, const EndpointParam &param);
};

} // namespace detour
