// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "SimAttempt.h"
#include "SimHttpResponse.h"
#include "SimScenario.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <nlohmann/json_fwd.hpp>
#include <optional>

namespace detour {

// Where OpenRouter's server-side routing ended for one chat completion.
struct SimRoute {
    // Set when the request is answered without a served generation: an error
    // (the last provider's, or a request / account error) or error_in_200.
    std::optional<SimHttpResponse> response;
    qint64 delayMs = 0; // time the failed attempts took before the answer starts
    QList<SimAttempt> attempts; // every provider tried, the serving one last with 200

    // The serving side (meaningful when `response` is empty).
    QString model;
    QString provider;
    QStringList endpoints; // the providers considered for `model`, in routing order
    SimScenario::Entry entry;
    qint64 latencyMs = 0; // to the first token
    double tokensPerSecond = 0;
    QString reply;
    int keepaliveMs = 0;
};

// Emulates OpenRouter's routing of POST /chat/completions over the scenario's
// scripted providers: the `models` fallback list, and the `provider` object's
// order / only / ignore / allow_fallbacks. Takes one script entry from every
// provider it tries.
class SimRouter final {
public:
    SimRouter() = delete;

    static SimRoute route(SimScenario &scenario, const nlohmann::json &request);

    // Provider names compare like OpenRouter's slugs: "Groq", "groq", "Deep Infra"
    // and "deepinfra" are the same provider.
    static bool sameProvider(const QString &a, const QString &b);
};

} // namespace detour
