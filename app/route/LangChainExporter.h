// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

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
