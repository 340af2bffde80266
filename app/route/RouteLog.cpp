#include "RouteLog.h"

namespace detour {

// Warnings and above by default; QT_LOGGING_RULES="detour.route.debug=true" shows the rest.
Q_LOGGING_CATEGORY(lcRoute, "detour.route", QtWarningMsg)

} // namespace detour
