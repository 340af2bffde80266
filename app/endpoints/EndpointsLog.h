// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QLoggingCategory>

namespace detour {

// "detour.endpoints": see README ("Logging") for what it reports and how to turn it on.
Q_DECLARE_LOGGING_CATEGORY(lcEndpoints)

} // namespace detour
