// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QApplication>
#include <QList>
#include <QString>

namespace detour {

// A QApplication that, when DETOUR_BENCH_TRACE is set, shows what landed in one
// turn of the event loop: it times every event delivered from the loop itself
// (not those sent from inside another) in main-thread CPU time, and whenever the
// events between two beats of a StallMeter (a 1 ms precise timer) cost more than
// DETOUR_BENCH_TRACE milliseconds, prints them, dearest first. Without the
// variable it is a plain QApplication. A profiling aid for the chat-pane
// benchmarks: it says whether a stall was making bubbles, painting, or the page.
class TracedApplication final : public QApplication {
public:
    TracedApplication(int &argc, char **argv);
    ~TracedApplication() override;

    bool notify(QObject *receiver, QEvent *event) override;

private:
    struct Delivered {
        QString what;
        long long ns;
    };
    void closeGap(long long now);

    double m_thresholdMs = 0; // 0: not tracing
    int m_depth = 0;
    long long m_gapStart = 0;
    QList<Delivered> m_gap;
    int m_printed = 0;
};

} // namespace detour
