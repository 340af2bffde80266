// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "StallMeter.h"

#include "CpuClock.h"

namespace detour {

StallMeter::StallMeter()
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(1);
    QObject::connect(&m_timer, &QTimer::timeout, [this] { beat(); });
}

void StallMeter::start()
{
    m_clock.start();
    m_wall = { 0, 0 };
    m_cpu = { cpuclock::threadNs(), 0 };
    m_cpuLongestEndNs = 0;
    m_beats = 0;
    m_timer.start();
}

void StallMeter::stop()
{
    beat(); // a stall that is still going on when measuring ends counts too
    m_timer.stop();
}

bool StallMeter::Gap::take(qint64 now)
{
    const bool longest = now - lastNs > longestNs;
    if (longest)
        longestNs = now - lastNs;
    lastNs = now;
    return longest;
}

void StallMeter::beat()
{
    const qint64 now = m_clock.nsecsElapsed();
    m_wall.take(now);
    if (m_cpu.take(cpuclock::threadNs()))
        m_cpuLongestEndNs = now;
    ++m_beats;
}

} // namespace detour
