// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QWidget>

class QAction;
class QKeySequence;
class QStackedWidget;
class QTabBar;

namespace detour {

// The panel beside the conversation: the error inspector, the route editor,
// provider health, rehearsal. One page at a time, chosen by its tab; closed,
// it takes no space. Tab leaves a page's tables (arrows move inside them), so
// the keyboard never gets stuck in one.
class SidePanel final : public QWidget {
    Q_OBJECT

public:
    explicit SidePanel(QWidget *parent = nullptr);

    // Adds `page` under `title`; the returned action (`actionText`, for menus) opens the panel
    // at it, or closes the panel when the page is already in front.
    QAction *addPage(QWidget *page, const QString &title, const QString &actionText,
        const QKeySequence &shortcut);
    void showPage(QWidget *page);
    QWidget *currentPage() const;
    int currentIndex() const;
    void setCurrentIndex(int index);
    void setVisible(bool visible) override; // open or close the panel

Q_SIGNALS:
    void openChanged(bool open);

private:
    void updateActions();

    QTabBar *m_tabs;
    QStackedWidget *m_pages;
    QList<QAction *> m_actions;
};

} // namespace detour
