// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QPointer>
#include <QToolButton>

class QMenu;

namespace detour {

class PromptLibrary;

// A small button whose menu lists the saved prompts: choosing one says `picked` with its
// text; "No system prompt" says it with an empty text, and "Manage…" asks for the
// conversation settings, where the library is edited. The system prompt bar carries one;
// ConversationSettingsActions::promptButton() is another for the window to place (e.g.
// beside the composer), as the bar is hidden while a conversation has no prompt.
class SavedPromptsButton final : public QToolButton {
    Q_OBJECT

public:
    explicit SavedPromptsButton(QWidget *parent = nullptr);

    void setLibrary(PromptLibrary *library);
    QMenu *promptMenu() const { return m_menu; }

Q_SIGNALS:
    void picked(const QString &text);
    void manageRequested();

private:
    void fillMenu();

    QMenu *m_menu;
    QPointer<PromptLibrary> m_library;
};

} // namespace detour
