#pragma once

#include "ExportedRoute.h"

#include <QString>

namespace detour {

// Python with openai-python: a client per endpoint and a loop over the steps.
class PythonOpenAiExporter final {
public:
    static QString code(const ExportedRoute &route);
};

} // namespace detour
