// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Result.h"
#include "route/StepHistory.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace detour {

class Database;

// The span of history a health figure covers, ending now.
enum class HealthWindow { LastHour, LastDay, LastWeek, All };

// What one row of the health table stands for.
enum class HealthGrouping {
    Provider, // who answered: the provider behind OpenRouter, or the endpoint called directly
    ProviderModel, // the same, per model
    Step, // a route step: endpoint + requested model (what client-side sorting ranks)
};

// One equal slice of the window, oldest first: how many tries, how many served.
struct HealthSlice {
    int tries = 0;
    int served = 0;

    bool operator==(const HealthSlice &) const = default;
};

// How one provider (or provider + model, or step) did within a window.
struct ProviderHealth {
    QString provider; // empty for HealthGrouping::Step
    QString model; // empty for HealthGrouping::Provider
    QString endpointId; // HealthGrouping::Step only
    int tries = 0; // requests that reached a server (skipped and cancelled ones do not count)
    int served = 0;
    int rateLimited = 0; // answered HTTP 429
    // Requests cancelled because another request of a hedged turn delivered content first
    // (Attempt::lostRace): not failures, so not among the tries either.
    int lostRaces = 0;
    std::optional<double> timeToFirstTokenP50Ms; // from send to the first content token
    std::optional<double> timeToFirstTokenP90Ms;
    int firstTokens = 0; // tries whose time to first token is known
    std::optional<double> tokensPerSecond; // completion tokens over first-to-last-token time
    std::optional<double> costPer1kTokens; // credits per 1000 tokens (prompt + completion)
    QList<HealthSlice> trend;

    double successRate() const { return tries > 0 ? double(served) / tries : 0.0; }
    double rateLimitedShare() const { return tries > 0 ? double(rateLimited) / tries : 0.0; }
};

// Provider health from the attempts the store keeps.
//
// Counted: every attempt that reached a server (served, or failed with any
// outcome but skipped / cancelled); an attempt counts as served when its
// outcome is served and it was not interrupted. With provider grouping,
// OpenRouter's own failed tries inside a request (`server_attempts`, e.g. a
// 429 at Cerebras before Groq served) count against their provider too,
// unless they repeat the request's own answer (same provider and status).
// A request that lost a hedged race (Attempt::lostRace) is counted in lostRaces
// only. Percentiles are nearest-rank. An attempt's time is its turn's start plus
// the moment it was sent.
//
// As a StepHistory it answers for steps over stepWindow (a week by default).
class ProviderHealthQuery final : public StepHistory {
public:
    static constexpr int trendSlices = 12;

    explicit ProviderHealthQuery(Database &database);

    // Rows by most tries first; the database's error when it failed.
    Result<QList<ProviderHealth>> run(
        HealthWindow window, HealthGrouping grouping, const QDateTime &now) const;

    // Length of a window; nullopt for All.
    static std::optional<qint64> windowMs(HealthWindow window);
    // Nearest-rank percentile (0 < p <= 1) of unsorted values; nullopt when empty.
    static std::optional<double> percentile(QList<qint64> values, double p);

    void setStepWindow(HealthWindow window) { m_stepWindow = window; }
    std::optional<StepRecord> record(
        const QString &endpointId, const QString &model) const override;

private:
    Database &m_database;
    HealthWindow m_stepWindow = HealthWindow::LastWeek;
};

} // namespace detour
