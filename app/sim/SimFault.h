// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "SimScenario.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace detour {

// The faults a person can inject into one simulated provider to rehearse a
// route, each as the script that makes the provider behave so.
class SimFault final {
    Q_DECLARE_TR_FUNCTIONS(detour::SimFault)

public:
    enum class Kind {
        AsScripted, // the scenario's own script
        Serve,
        Upstream429, // OpenRouter's "Provider returned error" 429, no Retry-After
        Upstream429RetryAfter,
        ServerError, // 500
        Timeout, // no response headers: the route's connect timeout ends it
        SlowStream, // serves at slowTokensPerSecond
        MidstreamError, // a few tokens, then an error chunk
    };

    static constexpr int defaultRetryAfterS = 5;
    static constexpr double slowTokensPerSecond = 8;
    static constexpr int midstreamTokens = 3;

    static QList<Kind> kinds();
    static QString label(Kind kind);
    // Whether retryAfterS shapes the script.
    static bool usesRetryAfter(Kind kind) { return kind == Kind::Upstream429RetryAfter; }
    // The script for `kind`; empty for AsScripted (restore the scenario's own).
    static QList<SimScenario::Entry> script(Kind kind, int retryAfterS = defaultRetryAfterS);
};

} // namespace detour
