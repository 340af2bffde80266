// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

class QWidget;

namespace detour {

// F6 and Shift+F6 move the focus from pane to pane, as in KDE applications:
// the conversation list, the transcript, the composer, the side panel. Hidden
// panes are skipped; a pane gets the focus on its first control.
class PaneFocus final : public QObject {
    Q_OBJECT

public:
    explicit PaneFocus(QWidget *window);

    void setPanes(const QList<QWidget *> &panes);
    void next();
    void previous();
    // The pane that holds the focus now; -1: none.
    int currentPane() const;

private:
    void move(int step);

    QList<QPointer<QWidget>> m_panes;
};

} // namespace detour
