// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SimFault.h"

namespace detour {

QList<SimFault::Kind> SimFault::kinds()
{
    return { Kind::AsScripted, Kind::Serve, Kind::Upstream429, Kind::Upstream429RetryAfter,
        Kind::ServerError, Kind::Timeout, Kind::SlowStream, Kind::MidstreamError };
}

QString SimFault::label(Kind kind)
{
    switch (kind) {
    case Kind::AsScripted:
        return tr("As scripted");
    case Kind::Serve:
        return tr("Serves");
    case Kind::Upstream429:
        return tr("429 rate-limited upstream");
    case Kind::Upstream429RetryAfter:
        return tr("429 with Retry-After");
    case Kind::ServerError:
        return tr("500 server error");
    case Kind::Timeout:
        return tr("Timeout (no answer)");
    case Kind::SlowStream:
        return tr("Slow stream");
    case Kind::MidstreamError:
        return tr("Error mid-stream");
    }
    return {};
}

QList<SimScenario::Entry> SimFault::script(Kind kind, int retryAfterS)
{
    SimScenario::Entry entry;
    switch (kind) {
    case Kind::AsScripted:
        return {};
    case Kind::Serve:
        entry.kind = SimScenario::Kind::Serve;
        break;
    case Kind::Upstream429:
        entry.kind = SimScenario::Kind::Upstream429;
        break;
    case Kind::Upstream429RetryAfter:
        entry.kind = SimScenario::Kind::Upstream429;
        entry.retryAfterS = std::max(0, retryAfterS);
        break;
    case Kind::ServerError:
        entry.kind = SimScenario::Kind::ServerError;
        break;
    case Kind::Timeout:
        entry.kind = SimScenario::Kind::Stall;
        entry.phase = SimScenario::StallPhase::BeforeHeaders; // until the client gives up
        break;
    case Kind::SlowStream:
        entry.kind = SimScenario::Kind::Serve;
        entry.tokensPerSecond = slowTokensPerSecond;
        break;
    case Kind::MidstreamError:
        entry.kind = SimScenario::Kind::MidstreamError;
        entry.tokens = midstreamTokens;
        break;
    }
    return { entry };
}

} // namespace detour
