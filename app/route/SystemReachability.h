// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Reachability.h"

#include <QNetworkInformation>

namespace detour {

// Reachability from QNetworkInformation (NetworkManager on Linux). Without a
// backend that reports reachability, isOffline() stays false: turns then
// behave as before, and a dead network shows as a network failure.
class SystemReachability final : public Reachability {
    Q_OBJECT

public:
    explicit SystemReachability(QObject *parent = nullptr);

    bool isOffline() const override { return m_offline; }
    // False when no backend reports reachability on this system.
    bool isKnown() const { return m_known; }

    // The judgement: only "disconnected", and only while no interface has a routable
    // address (NetworkManager says "disconnected" where it does not manage the network).
    static bool judgesOffline(
        QNetworkInformation::Reachability reachability, bool routableInterface);

private:
    bool m_known = false;
    bool m_offline = false;
};

} // namespace detour
