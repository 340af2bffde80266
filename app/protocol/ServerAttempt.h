#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace detour {

// One provider that OpenRouter tried inside a single request (server-side
// routing). Three sources report them; each row says where it came from.
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
    Source source = Source::RouterMetadata;

    bool operator==(const ServerAttempt &) const = default;
};

QString serverAttemptSourceName(ServerAttempt::Source source);

// Adds what another source reports about the same request: a provider try that
// is already listed (same provider and status) is completed, not repeated.
void mergeServerAttempts(QList<ServerAttempt> &into, const QList<ServerAttempt> &reported);

} // namespace detour
