// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QObject>

class QAction;
class QMainWindow;
class QSplitter;

namespace detour {

class Settings;
class SidePanel;

// How the window is arranged: its geometry, the conversation list, the
// transcript and the side panel in one splitter. The transcript is the one that
// grows; the panels keep their widths. One arrangement is kept per screen size
// (Settings::windowLayout), so a laptop's does not cramp the desktop's;
// reset() is the default one (View ▸ Reset layout).
class WindowLayout final : public QObject {
    Q_OBJECT

public:
    // Shares of the window's width the transcript keeps by default.
    static constexpr double transcriptShareAlone = 0.6; // every panel closed
    static constexpr double transcriptShareWithPanel = 0.4; // the side panel open

    WindowLayout(QMainWindow *window, QSplitter *splitter, QWidget *conversations,
        SidePanel *sidePanel, Settings *settings);

    QAction *conversationsAction() const { return m_conversationsAction; } // shows the list
    void restore(); // the arrangement saved for this screen's size, else the default
    void save() const;
    void reset();
    QByteArray state() const;
    bool restoreState(const QByteArray &saved); // false (nothing changed): unreadable bytes

private:
    void makeRoomForSidePanel();
    void fitSidePanel(); // opening it never squeezes the transcript below its share
    int defaultListWidth() const;
    int defaultPanelWidth() const;

    QMainWindow *m_window;
    QSplitter *m_splitter;
    QWidget *m_conversations;
    SidePanel *m_sidePanel;
    Settings *m_settings;
    QAction *m_conversationsAction;
    bool m_listHiddenForPanel = false; // the list comes back when the panel closes
};

} // namespace detour
