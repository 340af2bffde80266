// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SimTimer.h"

#include <QSocketNotifier>

#ifdef Q_OS_LINUX
#    include <sys/timerfd.h>
#    include <unistd.h>
#endif

namespace detour {

SimTimer::SimTimer(QObject *parent)
    : QObject(parent)
{
#ifdef Q_OS_LINUX
    m_fd = ::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (m_fd >= 0) {
        m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &SimTimer::expired);
        return;
    }
#endif
    m_fallback.setSingleShot(true);
    m_fallback.setTimerType(Qt::PreciseTimer);
    connect(&m_fallback, &QTimer::timeout, this, &SimTimer::expired);
}

SimTimer::~SimTimer()
{
#ifdef Q_OS_LINUX
    if (m_fd >= 0) {
        delete m_notifier; // before the descriptor it watches is closed
        ::close(m_fd);
    }
#endif
}

void SimTimer::startAt(Clock::time_point deadline)
{
    m_active = true;
#ifdef Q_OS_LINUX
    if (m_fd >= 0) {
        // libstdc++'s steady_clock is CLOCK_MONOTONIC, the timerfd's clock. A zero
        // value would disarm it, so a deadline already past becomes 1 ns.
        using std::chrono::nanoseconds;
        const auto since = std::chrono::duration_cast<nanoseconds>(deadline.time_since_epoch());
        const long long ns = std::max<long long>(1, since.count());
        itimerspec value {};
        value.it_value.tv_sec = time_t(ns / 1'000'000'000);
        value.it_value.tv_nsec = long(ns % 1'000'000'000);
        ::timerfd_settime(m_fd, TFD_TIMER_ABSTIME, &value, nullptr);
        return;
    }
#endif
    using std::chrono::ceil;
    using std::chrono::milliseconds;
    const auto remaining = ceil<milliseconds>(deadline - Clock::now());
    m_fallback.start(std::max(milliseconds(0), remaining));
}

void SimTimer::stop()
{
    m_active = false;
#ifdef Q_OS_LINUX
    if (m_fd >= 0) {
        const itimerspec disarm {};
        ::timerfd_settime(m_fd, 0, &disarm, nullptr); // also forgets an unread expiry
        return;
    }
#endif
    m_fallback.stop();
}

void SimTimer::expired()
{
#ifdef Q_OS_LINUX
    if (m_fd >= 0) {
        quint64 expirations = 0;
        if (::read(m_fd, &expirations, sizeof expirations) != sizeof expirations)
            return; // spurious: disarmed or re-armed since the loop saw it
    }
#endif
    if (!m_active)
        return;
    m_active = false;
    Q_EMIT timeout();
}

} // namespace detour
