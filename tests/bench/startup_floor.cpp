// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The floor of the start-up benchmark (bench_startup): the least a Qt Widgets
// program can do to open a window, an empty QMainWindow, built with the same
// Qt, the same compile flags (detour_common) and the same first-paint report
// (FirstPaintReporter, `DETOUR_REPORT_FIRST_PAINT=1`) as detour, and launched
// the same way. Whatever Detour takes beyond this is Detour's own.

#include "FirstPaintReporter.h"

#include <QApplication>
#include <QMainWindow>
#include <QTextStream>

using namespace detour;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QTextStream out(stdout);
    QMainWindow window;
    window.resize(1280, 800); // what detour opens at on a first start (WindowLayout)
    if (qEnvironmentVariableIsSet("DETOUR_REPORT_FIRST_PAINT")) {
        QObject::connect(new FirstPaintReporter(&window), &FirstPaintReporter::firstPainted,
            [&out](qint64 monotonicNs, qint64 cpuNs) {
                out << "first-paint " << monotonicNs << ' ' << cpuNs << Qt::endl;
            });
    }
    window.show();
    return QApplication::exec();
}
