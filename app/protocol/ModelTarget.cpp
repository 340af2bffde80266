#include "ModelTarget.h"

namespace detour {

bool ProviderPreferences::isEmpty() const
{
    return *this == ProviderPreferences {};
}

} // namespace detour
