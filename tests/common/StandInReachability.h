// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "route/Reachability.h"

namespace testing {

// Plays the system's reachability signal.
class StandInReachability final : public detour::Reachability {
public:
    bool isOffline() const override { return m_offline; }
    void setOffline(bool offline)
    {
        m_offline = offline;
        Q_EMIT offlineChanged(offline);
    }

private:
    bool m_offline = false;
};

} // namespace testing
