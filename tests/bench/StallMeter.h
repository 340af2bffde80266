// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QElapsedTimer>
#include <QTimer>

namespace detour {

// Measures how long the event loop goes without turning: a 1 ms precise timer
// beats while it runs, and the longest gap between two beats is the longest
// stall (about 1 ms when nothing blocks the loop). Each gap is measured twice:
// in wall time, which on a shared machine also counts the time other processes
// held the CPU, and in the main thread's own CPU time, which counts only the
// work that kept the loop from turning.
class StallMeter final {
public:
    StallMeter();

    void start();
    void stop();
    double longestWallMs() const { return double(m_wall.longestNs) / 1e6; }
    double longestCpuMs() const { return double(m_cpu.longestNs) / 1e6; }
    double longestCpuEndMs() const { return double(m_cpuLongestEndNs) / 1e6; } // since start()
    qint64 beats() const { return m_beats; }

private:
    struct Gap {
        qint64 lastNs = 0;
        qint64 longestNs = 0;
        bool take(qint64 now); // true when this gap is the longest so far
    };
    void beat();

    QTimer m_timer;
    QElapsedTimer m_clock;
    Gap m_wall;
    Gap m_cpu;
    qint64 m_cpuLongestEndNs = 0;
    qint64 m_beats = 0;
};

} // namespace detour
