// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SystemReachability.h"

#include <QNetworkInformation>

namespace detour {

namespace {

// Only "disconnected" is offline: with a local network alone a server on the
// LAN may still answer, and "unknown" says nothing.
bool offline(QNetworkInformation::Reachability reachability)
{
    return reachability == QNetworkInformation::Reachability::Disconnected;
}

} // namespace

SystemReachability::SystemReachability(QObject *parent)
    : Reachability(parent)
{
    if (!QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability))
        return;
    QNetworkInformation *information = QNetworkInformation::instance();
    if (!information)
        return;
    m_known = true;
    m_offline = offline(information->reachability());
    connect(information, &QNetworkInformation::reachabilityChanged, this,
        [this](QNetworkInformation::Reachability reachability) {
            const bool now = offline(reachability);
            if (now == m_offline)
                return;
            m_offline = now;
            Q_EMIT offlineChanged(now);
        });
}

} // namespace detour
