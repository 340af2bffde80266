// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "RoutePlan.h"

#include <QUrl>

namespace detour {

// Where simulated mode really sends each endpoint of a route, in one rule.
// An OpenAI-compatible endpoint on loopback (127.0.0.0/8, ::1, localhost) is a
// server the person runs on this machine (Ollama, llama.cpp, LM Studio): it
// keeps its address, since nothing leaves the computer either way. Every other
// endpoint goes to the simulator, without its key: remote servers, and every
// OpenRouter endpoint, since the simulator is the simulated OpenRouter (an
// OpenRouter endpoint on loopback is a simulator already, often one from an
// earlier run whose port is gone, as in a saved copy of the demo route).
// Without a simulator (live mode) nothing is redirected.
//
// Rehearsals are different: their faults exist only in the simulator, so they
// send every endpoint there (RoutePlan::redirectedTo).
class SimulatorRedirect final {
public:
    SimulatorRedirect() = default; // live: nothing is redirected
    explicit SimulatorRedirect(QUrl simulatorUrl);

    bool isActive() const { return !m_simulatorUrl.isEmpty(); }
    QUrl simulatorUrl() const { return m_simulatorUrl; }

    bool redirects(const Endpoint &endpoint) const;
    // The endpoint as it is really used: the simulator's address and no key, or itself.
    Endpoint destination(const Endpoint &endpoint) const;
    // The plan with every endpoint replaced by its destination.
    RoutePlan applied(const RoutePlan &plan) const;

    // "host" or "host:port" ("[::1]:1234" for IPv6), for sentences about a destination.
    static QString hostText(const QUrl &url);

private:
    QUrl m_simulatorUrl;
};

} // namespace detour
