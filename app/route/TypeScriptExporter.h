// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "ExportedRoute.h"

#include <QString>

namespace detour {

// TypeScript with openai-node: a client per endpoint and a loop over the steps.
class TypeScriptExporter final {
public:
    static QString code(const ExportedRoute &route);
};

} // namespace detour
