// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "route/RoutePlan.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace detour {

// The route of the tail benchmark and the simulator scenario behind it: step 1
// asks for a model whose only provider has a heavy-tailed time to first token
// (most requests fast, one in ten several seconds, one in a hundred 20 s: a
// script dealt from a seed, the same times in the same order on every simulator
// started from this scenario), step 2 for a model whose provider is steady.
// Nothing ever fails: a slow request is only slow.
class TailScenario final {
public:
    TailScenario() = delete;

    static constexpr qint64 fastLowMs = 80; // most requests: between these two
    static constexpr qint64 fastHighMs = 120;
    static constexpr qint64 slowLowMs = 2000; // one in ten: "several seconds"
    static constexpr qint64 slowHighMs = 8000;
    static constexpr qint64 stuckMs = 20'000; // one in a hundred
    static constexpr qint64 steadyMs = 300; // step 2, every request

    static QString tailedModel();
    static QString steadyModel();
    static QByteArray json();
    static RoutePlan plan(const QUrl &baseUrl, RoutePolicy policy = {});
    // failover.mjs's arguments for `library` ("openai", "langchain", "portkey") over
    // the same two steps, with `inFlight` turns at a time.
    static QStringList peerArguments(
        const QString &library, const QUrl &baseUrl, int turns, int inFlight);
};

} // namespace detour
