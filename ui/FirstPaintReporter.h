// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QObject>

class QWidget;

namespace detour {

// Tells when a window has first been painted, for the start-up benchmark
// (`DETOUR_REPORT_FIRST_PAINT=1 detour` prints "first-paint <ns> <cpu-ns>"):
// firstPainted carries CLOCK_MONOTONIC and the process's CPU time, both in
// nanoseconds, taken once the first paint has been flushed to the screen.
class FirstPaintReporter final : public QObject {
    Q_OBJECT

public:
    explicit FirstPaintReporter(QWidget *window);

Q_SIGNALS:
    void firstPainted(qint64 monotonicNs, qint64 processCpuNs);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool m_seen = false;
};

} // namespace detour
