// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "StoreLog.h"

namespace detour {

// Warnings and above by default; QT_LOGGING_RULES="detour.store.debug=true" shows the rest.
Q_LOGGING_CATEGORY(lcStore, "detour.store", QtWarningMsg)

} // namespace detour
