#include "ProtocolLog.h"

namespace detour {

// Warnings and above by default; QT_LOGGING_RULES="detour.protocol.debug=true" shows the rest.
Q_LOGGING_CATEGORY(lcProtocol, "detour.protocol", QtWarningMsg)

} // namespace detour
