#include "EndpointKind.h"

namespace detour {

using namespace Qt::StringLiterals;

QString endpointKindName(EndpointKind kind)
{
    return kind == EndpointKind::OpenRouter ? u"openrouter"_s : u"openai"_s;
}

std::optional<EndpointKind> endpointKindFromName(const QString &name)
{
    if (name == "openrouter"_L1)
        return EndpointKind::OpenRouter;
    if (name == "openai"_L1)
        return EndpointKind::OpenAiCompatible;
    return std::nullopt;
}

} // namespace detour
