// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

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
