// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SimLog.h"

namespace detour {

// Warnings and above by default; QT_LOGGING_RULES="detour.sim.debug=true" shows the rest.
Q_LOGGING_CATEGORY(lcSim, "detour.sim", QtWarningMsg)

} // namespace detour
