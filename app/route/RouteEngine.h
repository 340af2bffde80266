// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "CooldownTable.h"
#include "NetworkAccess.h"
#include "TurnRunner.h"

#include <QObject>

namespace detour {

// Owns what outlives a turn: the network access manager, the cooldowns
// learned from rate limits, how keys are found and where the step history
// comes from. Starts turns.
class RouteEngine final : public QObject {
    Q_OBJECT

public:
    explicit RouteEngine(QObject *parent = nullptr);
    ~RouteEngine() override;

    // By default a key comes from the environment variable the endpoint names.
    void setKeyResolver(KeyResolver resolver);
    static QString keyFromEnvironment(const Endpoint &endpoint);
    // Where secret header and query values come from; by default the environment
    // variables the endpoints name (EndpointRequest::paramFromEnvironment).
    void setParamResolver(ParamResolver resolver) { m_params = std::move(resolver); }
    // Where the policy's `sort` learns how steps did before; must outlive the engine's turns.
    void setStepHistory(const StepHistory *history);

    // Where turns learn that this computer is offline (SystemReachability in the
    // window and the CLI); none means "assume online". Must outlive the engine's turns.
    // Offline, Wait holds a turn until the network returns (the window); FailAtOnce
    // says "You are offline" at once (the default, and the CLI's).
    enum class Offline { FailAtOnce, Wait };
    void setReachability(const Reachability *reachability, Offline offline = Offline::FailAtOnce)
    {
        m_reachability = reachability;
        m_offline = offline;
    }

    // What each step's model reads (from a catalog), so that a step that cannot take a
    // message's attachments is skipped; none: every step is tried.
    void setModalityLookup(ModalityLookup lookup) { m_modalities = std::move(lookup); }

    CooldownTable &cooldowns() { return m_cooldowns; }
    // The manager with the configured proxy (catalog and key checks use it too).
    QNetworkAccessManager *network() const { return m_access->shared(); }
    // Both managers, and the proxy of Connection settings.
    NetworkAccess *access() const { return m_access; }

    // Starts the turn at once. The runner belongs to the engine and deletes
    // itself once settled; connect to its signals right away.
    TurnRunner *startTurn(const RoutePlan &plan, const ChatRequest &request);

Q_SIGNALS:
    void turnStarted(detour::TurnRunner *runner);

private:
    NetworkAccess *m_access;
    CooldownTable m_cooldowns;
    KeyResolver m_keys;
    ParamResolver m_params;
    ClientIdentity m_identity;
    const StepHistory *m_history = nullptr;
    const Reachability *m_reachability = nullptr;
    ModalityLookup m_modalities;
    Offline m_offline = Offline::FailAtOnce;
};

} // namespace detour
