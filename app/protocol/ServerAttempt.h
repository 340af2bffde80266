// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace detour {

// One provider that OpenRouter tried inside a single request (server-side
// routing). Up to three sources report the same try; it is kept once, with
// every field any of them gave and the list of sources that reported it.
struct ServerAttempt {
    enum class Source {
        RouterMetadata, // `openrouter_metadata.attempts[]` on the last chunk
        GenerationStats, // `provider_responses[]` from GET /generation
        ErrorMetadata, // `error.metadata.previous_errors[]` of an error body
    };
    QString provider;
    QString model;
    int status = 0;
    QString code; // e.g. "rate_limit_exceeded", when given
    std::optional<qint64> latencyMs;
    std::optional<bool> isByok;
    QList<Source> sources; // who reported this try, the first reporter first

    bool reportedBy(Source source) const { return sources.contains(source); }

    bool operator==(const ServerAttempt &) const = default;
};

QString serverAttemptSourceName(ServerAttempt::Source source); // "router_metadata" | ...
std::optional<ServerAttempt::Source> serverAttemptSourceFromName(const QString &name);

// "router_metadata+generation": the sources of one try, for people and exports;
// the store's column joins them with ',' instead.
QString serverAttemptSourcesText(
    const QList<ServerAttempt::Source> &sources, QChar separator = u'+');

// Adds what another source reports about the same request: a provider try that
// is already listed (same provider and status) is completed, not repeated, and
// the reporting source is added to its sources. The one rule for merging, used
// live, by the store and by its migration of older databases.
void mergeServerAttempts(QList<ServerAttempt> &into, const QList<ServerAttempt> &reported);

} // namespace detour
