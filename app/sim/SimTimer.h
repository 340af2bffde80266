// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QObject>
#include <QTimer>
#include <chrono>

class QSocketNotifier;

namespace detour {

// The single-shot timer behind a connection's timeline (SimConnection): fires
// once the steady clock reaches a deadline, to the microsecond rather than the
// millisecond. A QTimer is only as good as the event loop's poll timeout, which
// glib rounds up to the next whole millisecond, so every scripted latency came
// out up to 1 ms late (0.5 ms on average, twice per failover). On Linux a
// timerfd watched by a socket notifier wakes the loop on time; elsewhere it is a
// precise QTimer rounded up, never early either way.
class SimTimer final : public QObject {
    Q_OBJECT

public:
    using Clock = std::chrono::steady_clock;

    explicit SimTimer(QObject *parent = nullptr);
    ~SimTimer() override;

    // Replaces any pending deadline; a deadline already past fires on the next
    // turn of the event loop.
    void startAt(Clock::time_point deadline);
    void stop();
    bool isActive() const { return m_active; }

Q_SIGNALS:
    void timeout();

private:
    void expired();

    bool m_active = false;
    int m_fd = -1; // the timerfd; -1 where there is none
    QSocketNotifier *m_notifier = nullptr;
    QTimer m_fallback;
};

} // namespace detour
