// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ConversationSettingsActions.h"

#include "ConversationSettingsDialog.h"
#include "RouteEditorWidget.h"
#include "SavedPromptsButton.h"
#include "StatusLine.h"
#include "SystemPromptBar.h"
#include "chat/ChatSession.h"
#include "chat/ConversationController.h"
#include "chat/ParameterSupport.h"
#include "endpoints/Catalog.h"
#include "settings/PromptLibrary.h"
#include "settings/Settings.h"
#include "settings/SettingsFile.h"

#include <QAction>
#include <QMainWindow>
#include <QStatusBar>
#include <QTimer>

namespace detour {

using namespace Qt::StringLiterals;

ConversationSettingsActions::ConversationSettingsActions(ConversationController *controller,
    ChatSession *session, QMainWindow *window, const Settings &settings)
    : QObject(window)
    , m_controller(controller)
    , m_session(session)
    , m_window(window)
    , m_action(new QAction(tr("Conversation &settings…"), this))
    , m_bar(new SystemPromptBar(window))
    , m_library(
          std::make_unique<PromptLibrary>(PromptLibrary::pathBeside(settings.file().filePath())))
{
    SystemPromptBar *bar = m_bar;
    m_action->setObjectName(u"conversationSettingsAction"_s);
    m_action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_action->setStatusTip(tr("The system prompt and parameters of this conversation"));
    connect(m_action, &QAction::triggered, this, &ConversationSettingsActions::edit);
    connect(bar, &SystemPromptBar::editRequested, this, &ConversationSettingsActions::edit);
    // The prompt the requests go out with: the conversation's own, or else its route's.
    connect(session, &ChatSession::settingsChanged, bar,
        [bar, session] { bar->setPrompt(session->effectiveSettings().systemPrompt); });
    bar->setPrompt(session->effectiveSettings().systemPrompt);
    SavedPromptsButton *barButton = bar->savedPromptsButton();
    barButton->setLibrary(m_library.get());
    connect(barButton, &SavedPromptsButton::picked, this, &ConversationSettingsActions::usePrompt);
    connect(
        barButton, &SavedPromptsButton::manageRequested, this, &ConversationSettingsActions::edit);
    connect(this, &ConversationSettingsActions::failed, window, [window](const QString &sentence) {
        window->statusBar()->showMessage(sentence, StatusLine::noticeMs);
    });
    if (!m_library->loadError().isEmpty())
        QTimer::singleShot(0, this, [this] { Q_EMIT failed(m_library->loadError()); });
}

ConversationSettingsActions::~ConversationSettingsActions() = default;

SavedPromptsButton *ConversationSettingsActions::promptButton(QWidget *parent)
{
    if (!m_promptButton) {
        m_promptButton = new SavedPromptsButton(parent);
        m_promptButton->setObjectName(u"composerPromptsButton"_s);
        m_promptButton->setLibrary(m_library.get());
        connect(m_promptButton, &SavedPromptsButton::picked, this,
            &ConversationSettingsActions::usePrompt);
        connect(m_promptButton, &SavedPromptsButton::manageRequested, this,
            &ConversationSettingsActions::edit);
    }
    return m_promptButton;
}

void ConversationSettingsActions::setCatalog(Catalog *catalog)
{
    m_catalog = catalog;
}

void ConversationSettingsActions::usePrompt(const QString &text)
{
    ConversationSettings settings = m_session->settings();
    settings.systemPrompt = text.trimmed();
    if (const Result<> kept = m_controller->changeSettings(settings); !kept)
        Q_EMIT failed(tr("The conversation settings were not saved: %1").arg(kept.error()));
}

void ConversationSettingsActions::previewIn(RouteEditorWidget *editor)
{
    connect(m_session, &ChatSession::settingsChanged, editor,
        [this, editor] { editor->setConversationSettings(m_session->settings()); });
    connect(
        editor, &RouteEditorWidget::catalogChanged, this, &ConversationSettingsActions::setCatalog);
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
    m_dialog->setRouteDefaults(m_session->plan().defaults);
    m_dialog->setParameterSupport(ParameterSupport::of(m_session->plan(), m_catalog.data()));
    m_dialog->setPromptLibrary(m_library.get());
    connect(m_dialog, &QDialog::accepted, this, [this, dialog = m_dialog] {
        if (const Result<> kept = m_controller->changeSettings(dialog->settings()); !kept)
            Q_EMIT failed(tr("The conversation settings were not saved: %1").arg(kept.error()));
    });
    m_dialog->open();
}

} // namespace detour
