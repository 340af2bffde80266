// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "TracedApplication.h"

#include "BenchRows.h"
#include "CpuClock.h"

#include <QMetaEnum>
#include <QTimer>
#include <QTimerEvent>
#include <algorithm>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

constexpr int printedAtMost = 40; // gaps, so that a slow run does not flood the log

QString describe(QObject *receiver, QEvent *event)
{
    QString what = QString::fromLatin1(receiver->metaObject()->className());
    if (!receiver->objectName().isEmpty())
        what += u" \""_s + receiver->objectName() + u'"';
    if (const auto *timer = qobject_cast<QTimer *>(receiver))
        what += u" (%1 ms)"_s.arg(timer->interval());
    const char *type = QMetaEnum::fromType<QEvent::Type>().valueToKey(event->type());
    return what + u' ' + (type ? QString::fromLatin1(type) : QString::number(event->type()));
}

} // namespace

TracedApplication::TracedApplication(int &argc, char **argv)
    : QApplication(argc, argv)
{
    m_thresholdMs = qEnvironmentVariable("DETOUR_BENCH_TRACE").toDouble();
}

TracedApplication::~TracedApplication() = default;

bool TracedApplication::notify(QObject *receiver, QEvent *event)
{
    if (m_thresholdMs <= 0 || m_depth > 0)
        return QApplication::notify(receiver, event);
    const long long start = cpuclock::threadNs();
    // A beat of the StallMeter (1 ms precise timer) ends a gap.
    const auto *timer = qobject_cast<QTimer *>(receiver);
    if (event->type() == QEvent::Timer && timer && timer->interval() == 1
        && timer->timerType() == Qt::PreciseTimer)
        closeGap(start);
    const QString what = describe(receiver, event); // before: delivering may delete it
    const long long described = cpuclock::threadNs();
    ++m_depth;
    const bool result = QApplication::notify(receiver, event);
    --m_depth;
    m_gap.append({ what, cpuclock::threadNs() - described });
    return result;
}

void TracedApplication::closeGap(long long now)
{
    const long long gapNs = now - m_gapStart;
    if (m_gapStart > 0 && double(gapNs) / 1e6 > m_thresholdMs && m_printed < printedAtMost) {
        ++m_printed;
        std::sort(m_gap.begin(), m_gap.end(),
            [](const Delivered &a, const Delivered &b) { return a.ns > b.ns; });
        QStringList parts;
        long long counted = 0;
        for (const Delivered &event : std::as_const(m_gap)) {
            counted += event.ns;
            if (parts.size() < 6)
                parts << u"%1 %2"_s.arg(double(event.ns) / 1e6, 0, 'f', 2).arg(event.what);
        }
        BenchRows::note(u"trace: %1 ms CPU between beats (%2 events, %3 ms in them): %4"_s
                            .arg(double(gapNs) / 1e6, 0, 'f', 2)
                            .arg(m_gap.size())
                            .arg(double(counted) / 1e6, 0, 'f', 2)
                            .arg(parts.join(u"; "_s)));
    }
    m_gap.clear();
    m_gapStart = now;
}

} // namespace detour
