// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SystemReachability.h"

#include <QNetworkInformation>
#include <QNetworkInterface>

namespace detour {

namespace {

// An interface that is up with an address beyond this computer and its link.
bool hasRoutableInterface()
{
    const QList<QNetworkInterface> interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &interface : interfaces) {
        const auto flags = interface.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp)
            || !flags.testFlag(QNetworkInterface::IsRunning)
            || flags.testFlag(QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry &entry : interface.addressEntries()) {
            const QHostAddress address = entry.ip();
            if (!address.isLoopback() && !address.isLinkLocal())
                return true;
        }
    }
    return false;
}

} // namespace

// Only "disconnected" is offline: with a local network alone a server on the LAN may
// still answer, and "unknown" says nothing. And only when no interface says otherwise:
// NetworkManager reports "disconnected" on machines whose network it does not manage
// (systemd-networkd, a container, a VPN set up by hand), which would otherwise refuse
// every request on a working network.
bool SystemReachability::judgesOffline(
    QNetworkInformation::Reachability reachability, bool routableInterface)
{
    return reachability == QNetworkInformation::Reachability::Disconnected && !routableInterface;
}

SystemReachability::SystemReachability(QObject *parent)
    : Reachability(parent)
{
    if (!QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability))
        return;
    QNetworkInformation *information = QNetworkInformation::instance();
    if (!information)
        return;
    m_known = true;
    m_offline = judgesOffline(information->reachability(), hasRoutableInterface());
    connect(information, &QNetworkInformation::reachabilityChanged, this,
        [this](QNetworkInformation::Reachability reachability) {
            const bool now = judgesOffline(reachability, hasRoutableInterface());
            if (now == m_offline)
                return;
            m_offline = now;
            Q_EMIT offlineChanged(now);
        });
}

} // namespace detour
