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

} // namespace detour
