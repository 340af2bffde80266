#pragma once

#include <QLoggingCategory>

namespace detour {

// "detour.store": see README ("Logging") for what it reports and how to turn it on.
Q_DECLARE_LOGGING_CATEGORY(lcStore)

} // namespace detour
