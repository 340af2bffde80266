#include "ServerAttempt.h"

using namespace Qt::StringLiterals;

namespace detour {

QString serverAttemptSourceName(ServerAttempt::Source source)
{
    switch (source) {
    case ServerAttempt::Source::RouterMetadata:
        return u"router_metadata"_s;
    case ServerAttempt::Source::GenerationStats:
        return u"generation"_s;
    case ServerAttempt::Source::ErrorMetadata:
        return u"error_metadata"_s;
    }
    return {};
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
    }
}

} // namespace detour
