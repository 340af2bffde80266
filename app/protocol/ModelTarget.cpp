// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ModelTarget.h"

namespace detour {

bool ProviderPreferences::isEmpty() const
{
    return *this == ProviderPreferences {};
}

} // namespace detour
