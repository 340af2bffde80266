// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "ConversationSettingsDialog.h"
#include "SystemPromptBar.h"

#include <QObject>
#include <QPointer>

class QAction;
class QMainWindow;

namespace detour {

class ChatSession;
class ConversationController;
class RouteEditorWidget;

// "Conversation settings…" (Chat menu, Ctrl+Shift+S, and Edit on the system
// prompt bar): opens the dialog on the open conversation's settings and hands
// what the person accepts to the controller, which sends it from the next
// request on and keeps it with the conversation. Keeps the bar showing the
// prompt of whichever conversation is open.
class ConversationSettingsActions final : public QObject {
    Q_OBJECT

public:
    // Failures are told in `window`'s status bar (and by failed()).
    ConversationSettingsActions(
        ConversationController *controller, ChatSession *session, QMainWindow *window);
    // Keeps `editor`'s request preview and copied code in step with the settings.
    void previewIn(RouteEditorWidget *editor);

    QAction *action() const { return m_action; }
    SystemPromptBar *promptBar() const { return m_bar; } // for the window to place
    void edit();
    ConversationSettingsDialog *dialog() const { return m_dialog; } // null unless open

Q_SIGNALS:
    void failed(const QString &sentence); // the settings could not be kept, and why

private:
    ConversationController *m_controller;
    ChatSession *m_session;
    QMainWindow *m_window;
    QAction *m_action;
    SystemPromptBar *m_bar;
    QPointer<ConversationSettingsDialog> m_dialog;
};

} // namespace detour
