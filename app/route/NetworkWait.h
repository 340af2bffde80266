// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "RoutePlan.h"

#include <QObject>
#include <QPointer>
#include <utility>

namespace detour {

class Reachability;

// A turn's view of the system's network (Reachability). Offline, a request to a
// server that is not on this computer cannot get there: with waiting allowed and no
// step of the route on this computer, the turn waits here until the network returns
// (cancellable, charged to no one); otherwise it fails at once with "You are offline".
class NetworkWait final : public QObject {
    Q_OBJECT

public:
    // `reachability` may be null (assume online); it must outlive this object.
    NetworkWait(const Reachability *reachability, bool allowed, QObject *parent = nullptr);

    // Offline, and `endpoint` is not on this computer.
    bool isUnreachable(const Endpoint &endpoint) const;
    // Whether a request to `endpoint` waits for the network rather than failing now.
    bool shouldWait(const RoutePlan &plan, const Endpoint &endpoint) const;

    void begin() { m_waiting = true; }
    bool isWaiting() const { return m_waiting; }
    // Stops waiting; returns whether it was.
    bool end() { return std::exchange(m_waiting, false); }

Q_SIGNALS:
    // The network went away (whether waiting or not).
    void lost();
    // The network is back while waiting; waiting has ended.
    void returned();

private:
    void onOfflineChanged(bool offline);

    QPointer<const Reachability> m_reachability;
    bool m_allowed;
    bool m_waiting = false;
};

} // namespace detour
