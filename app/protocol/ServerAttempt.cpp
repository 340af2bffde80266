// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ServerAttempt.h"

#include "EnumNames.h"

namespace detour {
namespace {

using namespace Qt::StringLiterals;

constexpr EnumNames sourceNames { std::array {
    std::pair { ServerAttempt::Source::RouterMetadata, "router_metadata"_L1 },
    std::pair { ServerAttempt::Source::GenerationStats, "generation"_L1 },
    std::pair { ServerAttempt::Source::ErrorMetadata, "error_metadata"_L1 },
} };

} // namespace

QString serverAttemptSourceName(ServerAttempt::Source source)
{
    return sourceNames.name(source);
}

std::optional<ServerAttempt::Source> serverAttemptSourceFromName(const QString &name)
{
    return sourceNames.value(name);
}

QString serverAttemptSourcesText(const QList<ServerAttempt::Source> &sources, QChar separator)
{
    QStringList names;
    for (ServerAttempt::Source source : sources)
        names << serverAttemptSourceName(source);
    return names.join(separator);
}

void mergeServerAttempts(QList<ServerAttempt> &into, const QList<ServerAttempt> &reported)
{
    QList<bool> matched(into.size(), false);
    for (const ServerAttempt &attempt : reported) {
        qsizetype same = -1;
        for (qsizetype i = 0; i < into.size() && same < 0; ++i) {
            if (!matched[i] && into[i].status == attempt.status
                && into[i].provider.compare(attempt.provider, Qt::CaseInsensitive) == 0)
                same = i;
        }
        if (same < 0) {
            into.append(attempt);
            matched.append(true);
            continue;
        }
        matched[same] = true;
        ServerAttempt &known = into[same];
        if (known.model.isEmpty())
            known.model = attempt.model;
        if (known.code.isEmpty())
            known.code = attempt.code;
        if (!known.latencyMs)
            known.latencyMs = attempt.latencyMs;
        if (!known.isByok)
            known.isByok = attempt.isByok;
        for (ServerAttempt::Source source : attempt.sources) {
            if (!known.sources.contains(source))
                known.sources.append(source);
        }
    }
}

} // namespace detour
