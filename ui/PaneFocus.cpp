// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "PaneFocus.h"

#include <QAction>
#include <QApplication>
#include <QKeySequence>
#include <QWidget>

namespace detour {

namespace {

// The first control of `pane` that takes the keyboard focus (the pane itself if it does).
QWidget *firstControl(QWidget *pane)
{
    if (pane->focusPolicy() & Qt::TabFocus)
        return pane;
    for (QWidget *widget = pane->nextInFocusChain(); widget && widget != pane;
         widget = widget->nextInFocusChain()) {
        if (pane->isAncestorOf(widget) && widget->isVisible() && widget->isEnabled()
            && (widget->focusPolicy() & Qt::TabFocus))
            return widget;
    }
    return nullptr;
}

} // namespace

PaneFocus::PaneFocus(QWidget *window)
    : QObject(window)
{
    auto *forward = new QAction(window);
    forward->setShortcut(Qt::Key_F6);
    connect(forward, &QAction::triggered, this, &PaneFocus::next);
    auto *backward = new QAction(window);
    backward->setShortcut(Qt::SHIFT | Qt::Key_F6);
    connect(backward, &QAction::triggered, this, &PaneFocus::previous);
    window->addActions({ forward, backward });
}

void PaneFocus::setPanes(const QList<QWidget *> &panes)
{
    m_panes.clear();
    for (QWidget *pane : panes)
        m_panes.append(pane);
}

void PaneFocus::next()
{
    move(1);
}

void PaneFocus::previous()
{
    move(-1);
}

int PaneFocus::currentPane() const
{
    const QWidget *focus = QApplication::focusWidget();
    for (qsizetype i = 0; focus && i < m_panes.size(); ++i) {
        if (m_panes[i] && (m_panes[i] == focus || m_panes[i]->isAncestorOf(focus)))
            return int(i);
    }
    return -1;
}

void PaneFocus::move(int step)
{
    const int count = int(m_panes.size());
    int index = currentPane();
    if (index < 0) // nowhere yet: F6 starts at the first pane, Shift+F6 at the last
        index = step > 0 ? -1 : count;
    for (int tried = 0; tried < count; ++tried) {
        index = (index + step + count) % count;
        QWidget *pane = m_panes[index];
        if (!pane || !pane->isVisible())
            continue;
        if (QWidget *control = firstControl(pane)) {
            control->setFocus(Qt::OtherFocusReason);
            return;
        }
    }
}

} // namespace detour
