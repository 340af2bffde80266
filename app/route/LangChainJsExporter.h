// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "ExportedRoute.h"

#include <QString>

namespace detour {

// LangChain (JavaScript, an ES module): a ChatOpenAI of @langchain/openai per
// step, chained with withFallbacks.
class LangChainJsExporter final {
public:
    static QString code(const ExportedRoute &route);
};

} // namespace detour
