// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "FirstPaintReporter.h"

#include <QEvent>
#include <QTimer>
#include <QWidget>
#include <ctime>

namespace detour {

namespace {

qint64 nanoseconds(clockid_t clock)
{
    timespec now {};
    clock_gettime(clock, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

} // namespace

FirstPaintReporter::FirstPaintReporter(QWidget *window)
    : QObject(window)
{
    window->installEventFilter(this);
}

bool FirstPaintReporter::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Paint && !m_seen) {
        m_seen = true;
        watched->removeEventFilter(this);
        // The window paints first, then its children, then the whole is flushed
        // to the screen; the next turn of the event loop comes after all that.
        QTimer::singleShot(0, this, [this] {
            Q_EMIT firstPainted(
                nanoseconds(CLOCK_MONOTONIC), nanoseconds(CLOCK_PROCESS_CPUTIME_ID));
        });
    }
    return QObject::eventFilter(watched, event);
}

} // namespace detour
