// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "CooldownTable.h"
#include "TurnRunner.h"

#include <QObject>

class QNetworkAccessManager;

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
    // Where the policy's `sort` learns how steps did before; must outlive the engine's turns.
    void setStepHistory(const StepHistory *history);

    // Where turns learn that this computer is offline (SystemReachability in the
    // window and the CLI); none means "assume online". Must outlive the engine's turns.
    void setReachability(const Reachability *reachability) { m_reachability = reachability; }

    // What each step's model reads (from a catalog), so that a step that cannot take a
    // message's attachments is skipped; none: every step is tried.
    void setModalityLookup(ModalityLookup lookup) { m_modalities = std::move(lookup); }

    CooldownTable &cooldowns() { return m_cooldowns; }
    QNetworkAccessManager *network() const { return m_network; }

    // Starts the turn at once. The runner belongs to the engine and deletes
    // itself once settled; connect to its signals right away.
    TurnRunner *startTurn(const RoutePlan &plan, const ChatRequest &request);

Q_SIGNALS:
    void turnStarted(detour::TurnRunner *runner);

private:
    QNetworkAccessManager *m_network;
    CooldownTable m_cooldowns;
    KeyResolver m_keys;
    ClientIdentity m_identity;
    const StepHistory *m_history = nullptr;
    const Reachability *m_reachability = nullptr;
    ModalityLookup m_modalities;
};

} // namespace detour
