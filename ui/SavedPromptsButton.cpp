// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SavedPromptsButton.h"

#include "settings/PromptLibrary.h"

#include <QMenu>

namespace detour {

using namespace Qt::StringLiterals;

SavedPromptsButton::SavedPromptsButton(QWidget *parent)
    : QToolButton(parent)
    , m_menu(new QMenu(this))
{
    setObjectName(u"savedPromptsButton"_s);
    setText(tr("Prompts"));
    setToolTip(tr("Use a saved system prompt in this conversation"));
    setAccessibleName(tr("Saved prompts"));
    setAutoRaise(true);
    setPopupMode(QToolButton::InstantPopup);
    m_menu->setObjectName(u"savedPromptsMenu"_s);
    setMenu(m_menu);
    // Filled as it opens, so it always lists the library as it is now.
    connect(m_menu, &QMenu::aboutToShow, this, &SavedPromptsButton::fillMenu);
    fillMenu();
}

void SavedPromptsButton::setLibrary(PromptLibrary *library)
{
    m_library = library;
    fillMenu();
}

void SavedPromptsButton::fillMenu()
{
    m_menu->clear();
    const QList<PromptLibrary::Prompt> prompts =
        m_library ? m_library->prompts() : QList<PromptLibrary::Prompt>();
    for (const PromptLibrary::Prompt &prompt : prompts) {
        QAction *action = m_menu->addAction(prompt.name);
        action->setToolTip(prompt.text);
        const QString text = prompt.text;
        connect(action, &QAction::triggered, this, [this, text] { Q_EMIT picked(text); });
    }
    if (prompts.isEmpty())
        m_menu->addAction(tr("No saved prompts yet"))->setEnabled(false);
    m_menu->addSeparator();
    connect(m_menu->addAction(tr("No system prompt")), &QAction::triggered, this,
        [this] { Q_EMIT picked(QString()); });
    connect(m_menu->addAction(tr("Manage saved prompts…")), &QAction::triggered, this,
        &SavedPromptsButton::manageRequested);
}

} // namespace detour
