// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "RehearsalResultsModel.h"
#include "protocol/Result.h"
#include "route/RoutePlan.h"

#include <QObject>
#include <QPointer>
#include <QUrl>
#include <memory>

class QNetworkAccessManager;

namespace detour {

class RouteEngine;
class TurnRunner;

// Rehearses a route: runs N turns of it, one after another, against the
// simulator, and collects per turn which step served it, how many fallbacks
// it took and how long failover and the first token took.
//
// Every endpoint of the plan is redirected to the simulator, which must be on
// loopback, and no key is ever looked up or sent: rehearsing a saved real
// route never reaches a real server. Each run starts with fresh cooldowns, so
// it shows the route from a cold start, then learning from its rate limits.
class RehearsalRunner final : public QObject {
    Q_OBJECT

public:
    static constexpr int defaultTurns = 10;

    explicit RehearsalRunner(QObject *parent = nullptr);
    ~RehearsalRunner() override;

    RehearsalResultsModel *results() { return &m_results; }
    // The network access manager every rehearsal request goes through.
    QNetworkAccessManager *network() const;

    // The reason when nothing can be sent: the simulator URL is not on
    // loopback, the plan is unusable, or a rehearsal is already running.
    Result<> start(const RoutePlan &plan, const QUrl &simulatorBaseUrl, int turns = defaultTurns);
    void cancel();
    bool isRunning() const { return m_running; }
    int turnsPlanned() const { return m_turns; }

    static QString prompt(int turn);

Q_SIGNALS:
    void runningChanged(bool running);
    void turnFinished(const detour::RehearsalTurn &turn);
    void finished();

private:
    void startTurn();
    void setRunning(bool running);

    std::unique_ptr<RouteEngine> m_engine;
    RehearsalResultsModel m_results;
    RoutePlan m_plan;
    QPointer<TurnRunner> m_runner;
    int m_turns = 0;
    int m_started = 0;
    bool m_running = false;
};

} // namespace detour
