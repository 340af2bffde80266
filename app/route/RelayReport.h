// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Attempt.h"
#include "Endpoint.h"
#include "protocol/Diagnosis.h"

namespace detour {

// Who relayed what: when an endpoint passed on another server's error (a gateway's
// envelope {"error":{…},"provider":"openrouter"}, an upstream error carried as JSON
// text, LiteLLM's "AzureException"), the attempt names the gateway, the server it
// relayed from and the provider behind that server, and its sentence says so.
class RelayReport final {
public:
    // Fills attempt.relayedBy / upstream (and provider, when the relayed error names
    // one behind the upstream) from `diagnosis`, and puts the relay in front of the
    // attempt's summary. Leaves the attempt alone when nothing was relayed.
    static void apply(Attempt &attempt, const Diagnosis &diagnosis, const Endpoint &endpoint);
    // "Portkey relayed openrouter's error (provider Chutes)"; empty when not relayed.
    static QString sentence(const Attempt &attempt);
};

} // namespace detour
