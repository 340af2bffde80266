// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ConversationSettingsActions.h"

#include "ConversationSettingsDialog.h"
#include "RouteEditorWidget.h"
#include "StatusLine.h"
#include "SystemPromptBar.h"
#include "chat/ChatSession.h"
#include "chat/ConversationController.h"

#include <QAction>
#include <QMainWindow>
#include <QStatusBar>

namespace detour {

using namespace Qt::StringLiterals;

ConversationSettingsActions::ConversationSettingsActions(
    ConversationController *controller, ChatSession *session, QMainWindow *window)
    : QObject(window)
    , m_controller(controller)
    , m_session(session)
    , m_window(window)
    , m_action(new QAction(tr("Conversation &settings…"), this))
    , m_bar(new SystemPromptBar(window))
{
    SystemPromptBar *bar = m_bar;
    m_action->setObjectName(u"conversationSettingsAction"_s);
    m_action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_action->setStatusTip(tr("The system prompt and parameters of this conversation"));
    connect(m_action, &QAction::triggered, this, &ConversationSettingsActions::edit);
    connect(bar, &SystemPromptBar::editRequested, this, &ConversationSettingsActions::edit);
    connect(session, &ChatSession::settingsChanged, bar,
        [bar, session] { bar->setPrompt(session->settings().systemPrompt); });
    bar->setPrompt(session->settings().systemPrompt);
    connect(this, &ConversationSettingsActions::failed, window, [window](const QString &sentence) {
        window->statusBar()->showMessage(sentence, StatusLine::noticeMs);
    });
}

void ConversationSettingsActions::previewIn(RouteEditorWidget *editor)
{
    connect(m_session, &ChatSession::settingsChanged, editor,
        [this, editor] { editor->setConversationSettings(m_session->settings()); });
    editor->setConversationSettings(m_session->settings());
}

void ConversationSettingsActions::edit()
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    m_dialog = new ConversationSettingsDialog(m_window);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog->setSettings(m_session->settings());
    connect(m_dialog, &QDialog::accepted, this, [this, dialog = m_dialog] {
        if (const Result<> kept = m_controller->changeSettings(dialog->settings()); !kept)
            Q_EMIT failed(tr("The conversation settings were not saved: %1").arg(kept.error()));
    });
    m_dialog->open();
}

} // namespace detour
