// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "ConversationSettingsDialog.h"
#include "SystemPromptBar.h"

#include <QObject>
#include <QPointer>
#include <memory>

class QAction;
class QMainWindow;

namespace detour {

class Catalog;
class ChatSession;
class ConversationController;
class PromptLibrary;
class RouteEditorWidget;
class SavedPromptsButton;
class Settings;

// "Conversation settings…" (Chat menu, Ctrl+Shift+S, and Edit on the system
// prompt bar): opens the dialog on the open conversation's settings and hands
// what the person accepts to the controller, which sends it from the next
// request on and keeps it with the conversation. Keeps the bar showing the
// prompt of whichever conversation is open (its own, or else its route's).
// Owns the prompt library (PromptLibrary, beside the settings file): the dialog
// manages it, the bar's "Prompts" menu and promptButton() pick from it.
class ConversationSettingsActions final : public QObject {
    Q_OBJECT

public:
    // Failures are told in `window`'s status bar (and by failed()).
    // The prompt library is kept beside `settings`' file (PromptLibrary::pathBeside).
    ConversationSettingsActions(ConversationController *controller, ChatSession *session,
        QMainWindow *window, const Settings &settings);
    ~ConversationSettingsActions() override;
    // Keeps `editor`'s request preview and copied code in step with the settings, and
    // follows the catalog the editor is given (what the route's first model takes).
    void previewIn(RouteEditorWidget *editor);

    QAction *action() const { return m_action; }
    SystemPromptBar *promptBar() const { return m_bar; } // for the window to place
    // A "Prompts" menu button for the window to place beside the composer: it picks
    // when the bar is hidden (no prompt yet). Made on first call, parented to `parent`.
    SavedPromptsButton *promptButton(QWidget *parent);
    PromptLibrary *library() const { return m_library.get(); }
    // What the model of the route's first step takes (OpenRouter's catalog); may be null.
    void setCatalog(Catalog *catalog);
    void edit();
    // Makes `text` this conversation's own system prompt (empty: none of its own).
    void usePrompt(const QString &text);
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
    std::unique_ptr<PromptLibrary> m_library;
    QPointer<Catalog> m_catalog;
    QPointer<SavedPromptsButton> m_promptButton;
};

} // namespace detour
