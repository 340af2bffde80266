// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ProviderHealthQuery.h"

#include "Database.h"
#include "SqlUtil.h"
#include "protocol/Outcome.h"
#include "route/Attempt.h"

#include <QHash>
#include <QSqlQuery>
#include <algorithm>
#include <cmath>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// One try at a server, as read from the database.
struct Sample {
    qint64 at = 0; // ms since the epoch
    QString group; // grouping key
    QString provider;
    QString model;
    QString endpointId;
    bool served = false;
    bool rateLimited = false;
    bool lostRace = false; // cancelled: the other request of a hedged turn was first
    std::optional<qint64> timeToFirstTokenMs;
    qint64 completionTokens = 0;
    qint64 generationMs = 0; // first to last token; 0 when unknown
    std::optional<double> cost;
    qint64 totalTokens = 0;
};

// Sums for one row while the samples are read.
struct Accumulator {
    ProviderHealth health;
    QList<qint64> timesToFirstToken;
    qint64 completionTokens = 0;
    qint64 generationMs = 0;
    double cost = 0;
    qint64 costedTokens = 0;
};

// Attempts of the window that reached a server. Columns by position (see readSample).
const QString attemptsSql = uR"(SELECT t.started_at + MAX(a.sent_ms, 0), a.endpoint_id,
        a.requested_model, a.served_model, a.provider, a.http_status, a.outcome, a.interrupted,
        a.sent_ms, a.first_token_ms, a.last_token_ms, a.completion_tokens, a.total_tokens, a.cost,
        a.error_code
    FROM attempts a JOIN turns t ON t.id = a.turn_id
    WHERE (a.outcome NOT IN (?, ?) OR a.error_code = '%1')
      AND t.started_at + MAX(a.sent_ms, 0) >= ?)"_s.arg(Attempt::lostRaceCode);

// OpenRouter's failed tries inside those attempts, minus the one the attempt itself reports.
// Two sources may report the same try (the stream's metadata, then /generation): one
// provider and status per request counts once.
const QString serverAttemptsSql = uR"(SELECT t.started_at + MAX(a.sent_ms, 0), a.endpoint_id,
        a.requested_model, MAX(s.model), s.provider, s.status
    FROM server_attempts s JOIN attempts a ON a.id = s.attempt_id JOIN turns t ON t.id = a.turn_id
    WHERE s.status NOT BETWEEN 200 AND 299 AND s.provider <> ''
      AND NOT (s.provider = a.provider AND s.status = a.http_status)
      AND a.outcome NOT IN (?, ?) AND t.started_at + MAX(a.sent_ms, 0) >= ?
    GROUP BY a.id, s.provider, s.status)"_s;

QString groupKey(HealthGrouping grouping, const Sample &sample)
{
    switch (grouping) {
    case HealthGrouping::Provider:
        return sample.provider;
    case HealthGrouping::ProviderModel:
        return sample.provider + u'\n' + sample.model;
    case HealthGrouping::Step:
        return sample.endpointId + u'\n' + sample.model;
    }
    return {};
}

bool prepare(QSqlQuery &query, const QString &statement, qint64 since)
{
    if (!query.prepare(statement))
        return false;
    query.addBindValue(outcomeName(Outcome::Skipped));
    query.addBindValue(outcomeName(Outcome::Cancelled));
    query.addBindValue(since);
    return query.exec();
}

Sample readAttempt(const QSqlQuery &query, HealthGrouping grouping)
{
    Sample sample;
    sample.at = query.value(0).toLongLong();
    sample.endpointId = query.value(1).toString();
    const QString requested = query.value(2).toString();
    const QString served = query.value(3).toString();
    const QString provider = query.value(4).toString();
    // A server called directly names no provider: the endpoint is the provider.
    sample.provider = provider.isEmpty() ? sample.endpointId : provider;
    sample.model = grouping == HealthGrouping::Step || served.isEmpty() ? requested : served;
    const int status = query.value(5).toInt();
    sample.served =
        query.value(6).toString() == outcomeName(Outcome::Served) && query.value(7).toInt() == 0;
    sample.rateLimited = status == 429;
    sample.lostRace = query.value(6).toString() == outcomeName(Outcome::Cancelled)
        && query.value(14).toString() == Attempt::lostRaceCode;
    const qint64 sent = query.value(8).toLongLong();
    const qint64 firstToken = query.value(9).toLongLong();
    const qint64 lastToken = query.value(10).toLongLong();
    if (sent >= 0 && firstToken >= sent)
        sample.timeToFirstTokenMs = firstToken - sent;
    if (sample.served && firstToken >= 0 && lastToken > firstToken
        && query.value(11).toLongLong() > 0) {
        sample.completionTokens = query.value(11).toLongLong();
        sample.generationMs = lastToken - firstToken;
    }
    if (!query.value(13).isNull() && query.value(12).toLongLong() > 0) {
        sample.cost = query.value(13).toDouble();
        sample.totalTokens = query.value(12).toLongLong();
    }
    return sample;
}

Sample readServerAttempt(const QSqlQuery &query)
{
    Sample sample;
    sample.at = query.value(0).toLongLong();
    sample.endpointId = query.value(1).toString();
    const QString model = query.value(3).toString();
    sample.model = model.isEmpty() ? query.value(2).toString() : model;
    sample.provider = query.value(4).toString();
    sample.rateLimited = query.value(5).toInt() == 429;
    return sample;
}

ProviderHealth finish(Accumulator &sums)
{
    ProviderHealth health = std::move(sums.health);
    health.timeToFirstTokenP50Ms = ProviderHealthQuery::percentile(sums.timesToFirstToken, 0.5);
    health.timeToFirstTokenP90Ms = ProviderHealthQuery::percentile(sums.timesToFirstToken, 0.9);
    health.firstTokens = int(sums.timesToFirstToken.size());
    if (sums.generationMs > 0)
        health.tokensPerSecond = sums.completionTokens * 1000.0 / double(sums.generationMs);
    if (sums.costedTokens > 0)
        health.costPer1kTokens = sums.cost * 1000.0 / double(sums.costedTokens);
    return health;
}

} // namespace

ProviderHealthQuery::ProviderHealthQuery(Database &database)
    : m_database(database)
{
}

std::optional<qint64> ProviderHealthQuery::windowMs(HealthWindow window)
{
    constexpr qint64 hour = 60 * 60 * 1000;
    switch (window) {
    case HealthWindow::LastHour:
        return hour;
    case HealthWindow::LastDay:
        return 24 * hour;
    case HealthWindow::LastWeek:
        return 7 * 24 * hour;
    case HealthWindow::All:
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<double> ProviderHealthQuery::percentile(QList<qint64> values, double p)
{
    if (values.isEmpty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const auto rank = qsizetype(std::ceil(p * double(values.size())));
    return double(values[std::clamp<qsizetype>(rank, 1, values.size()) - 1]);
}

Result<QList<ProviderHealth>> ProviderHealthQuery::run(
    HealthWindow window, HealthGrouping grouping, const QDateTime &now) const
{
    const qint64 end = now.toMSecsSinceEpoch();
    const std::optional<qint64> length = windowMs(window);
    const qint64 since = length ? end - *length : 0;

    QList<Sample> samples;
    QSqlQuery attempts(m_database.connection());
    attempts.setForwardOnly(true);
    if (!prepare(attempts, attemptsSql, since))
        return Error(sql::describe(attempts.lastError()));
    while (attempts.next())
        samples.append(readAttempt(attempts, grouping));
    // A step's health is its requests' own; OpenRouter's inner tries are the providers' business.
    if (grouping != HealthGrouping::Step) {
        QSqlQuery inner(m_database.connection());
        inner.setForwardOnly(true);
        if (!prepare(inner, serverAttemptsSql, since))
            return Error(sql::describe(inner.lastError()));
        while (inner.next())
            samples.append(readServerAttempt(inner));
    }

    // The trend covers the window, or for All everything from the first try on.
    qint64 start = since;
    if (!length) {
        start = end;
        for (const Sample &sample : samples)
            start = std::min(start, sample.at);
    }
    const double sliceMs = std::max<double>(1.0, double(end - start) / trendSlices);

    QHash<QString, Accumulator> rows;
    for (Sample &sample : samples) {
        Accumulator &sums = rows[groupKey(grouping, sample)];
        ProviderHealth &health = sums.health;
        if (health.trend.isEmpty()) {
            health.trend.resize(trendSlices);
            if (grouping != HealthGrouping::Step)
                health.provider = sample.provider;
            if (grouping != HealthGrouping::Provider)
                health.model = sample.model;
            if (grouping == HealthGrouping::Step)
                health.endpointId = sample.endpointId;
        }
        if (sample.lostRace) {
            ++health.lostRaces; // neither a try nor a failure
            continue;
        }
        ++health.tries;
        health.served += sample.served ? 1 : 0;
        health.rateLimited += sample.rateLimited ? 1 : 0;
        HealthSlice &slice = health.trend[std::clamp(qsizetype(double(sample.at - start) / sliceMs),
            qsizetype(0), qsizetype(trendSlices - 1))];
        ++slice.tries;
        slice.served += sample.served ? 1 : 0;
        if (sample.timeToFirstTokenMs)
            sums.timesToFirstToken.append(*sample.timeToFirstTokenMs);
        sums.completionTokens += sample.completionTokens;
        sums.generationMs += sample.generationMs;
        if (sample.cost) {
            sums.cost += *sample.cost;
            sums.costedTokens += sample.totalTokens;
        }
    }

    QList<ProviderHealth> result;
    for (Accumulator &sums : rows)
        result.append(finish(sums));
    std::sort(result.begin(), result.end(), [](const ProviderHealth &a, const ProviderHealth &b) {
        if (a.tries != b.tries)
            return a.tries > b.tries;
        return std::tie(a.provider, a.endpointId, a.model)
            < std::tie(b.provider, b.endpointId, b.model);
    });
    return result;
}

std::optional<StepRecord> ProviderHealthQuery::record(
    const QString &endpointId, const QString &model) const
{
    const auto rows = run(m_stepWindow, HealthGrouping::Step, QDateTime::currentDateTimeUtc());
    if (!rows)
        return std::nullopt;
    for (const ProviderHealth &row : *rows) {
        if (row.endpointId == endpointId && row.model == model)
            return StepRecord { row.tries, row.served, row.tokensPerSecond,
                row.timeToFirstTokenP50Ms, row.timeToFirstTokenP90Ms, row.firstTokens };
    }
    return std::nullopt;
}

} // namespace detour
