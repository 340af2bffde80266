#pragma once

#include "ExportedRoute.h"

#include <QString>

namespace detour {

// LangChain (Python): a ChatOpenAI per step, chained with with_fallbacks.
class LangChainExporter final {
public:
    static QString code(const ExportedRoute &route);
};

} // namespace detour
