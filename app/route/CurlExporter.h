// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "ExportedRoute.h"

#include <QString>

namespace detour {

// curl: a POSIX sh script (bash when a key variable is no shell name) that
// tries the steps in order with curl; a single step is one plain command.
class CurlExporter final {
public:
    static QString code(const ExportedRoute &route);
};

} // namespace detour
