// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "ExportedRoute.h"

#include <QString>

namespace detour {

// curl: a bash script that tries the steps in order with curl and reads the
// replies with jq (a documented requirement of the script): it prints the text,
// and treats an error inside a 200 or in the stream as a failure.
class CurlExporter final {
public:
    static QString code(const ExportedRoute &route);
};

} // namespace detour
