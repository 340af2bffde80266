// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QObject>

namespace detour {

// Whether this computer has a network at all, as the system knows it. A turn
// asks before sending to a server that is not on this computer, so that an
// offline machine hears so at once instead of waiting for timeouts. A small
// interface so that tests (and platforms without a reachability backend)
// can stand in for the system's signal.
class Reachability : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

    // True only when the system says for sure that there is no network; unknown counts as online.
    virtual bool isOffline() const = 0;

Q_SIGNALS:
    void offlineChanged(bool offline);
};

} // namespace detour
