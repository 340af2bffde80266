#pragma once

#include <QLoggingCategory>

namespace detour {

// "detour.endpoints": see README ("Logging") for what it reports and how to turn it on.
Q_DECLARE_LOGGING_CATEGORY(lcEndpoints)

} // namespace detour
