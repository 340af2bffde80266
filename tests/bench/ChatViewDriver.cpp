// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ChatViewDriver.h"

#include "ChatView.h"

#include <QCoreApplication>
#include <QEvent>
#include <QEventLoop>
#include <QScrollBar>
#include <QTimer>

namespace detour::chatdriver {

void waitForPaint(QWidget *widget)
{
    bool painted = false;
    struct Watcher final : QObject {
        bool *painted;
        explicit Watcher(bool *flag)
            : painted(flag)
        {
        }
        bool eventFilter(QObject *watched, QEvent *event) override
        {
            if (event->type() == QEvent::Paint)
                QTimer::singleShot(0, this, [this] { *painted = true; });
            return QObject::eventFilter(watched, event);
        }
    } watcher(&painted);
    widget->installEventFilter(&watcher);
    widget->update();
    while (!painted)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    widget->removeEventFilter(&watcher);
}

void waitForPaint(ChatView *view)
{
    waitForPaint(view->widget()); // the viewport is covered by it: it is what gets painted
}

void scrollEndToEnd(ChatView *view)
{
    QScrollBar *bar = view->verticalScrollBar();
    QEventLoop loop;
    QTimer page;
    page.setTimerType(Qt::PreciseTimer);
    page.setInterval(16);
    int direction = -1;
    int stillFrames = 0; // at an end and nothing more arrived: that end is reached
    QObject::connect(&page, &QTimer::timeout, &loop, [&] {
        const int before = bar->value();
        const int maximum = bar->maximum();
        bar->setValue(before + direction * bar->pageStep());
        const bool atEnd = direction < 0 ? bar->value() == 0 : bar->value() == bar->maximum();
        stillFrames =
            atEnd && bar->value() == before && bar->maximum() == maximum ? stillFrames + 1 : 0;
        if (stillFrames < 10)
            return;
        stillFrames = 0;
        if (direction > 0)
            loop.quit();
        direction = 1;
    });
    page.start();
    loop.exec();
}

} // namespace detour::chatdriver
