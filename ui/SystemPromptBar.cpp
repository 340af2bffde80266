// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SystemPromptBar.h"

#include "ElidedLabel.h"
#include "SavedPromptsButton.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QToolButton>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

SystemPromptBar::SystemPromptBar(QWidget *parent)
    : QFrame(parent)
    , m_toggle(new QToolButton(this))
    , m_line(new ElidedLabel(this))
    , m_full(new QLabel(this))
    , m_edit(new QToolButton(this))
    , m_prompts(new SavedPromptsButton(this))
{
    setObjectName(u"systemPromptBar"_s);
    setFrameShape(QFrame::StyledPanel);
    m_toggle->setObjectName(u"systemPromptToggle"_s);
    m_toggle->setAutoRaise(true);
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toggle->setText(tr("System prompt"));
    m_toggle->setAccessibleName(tr("Show the whole system prompt"));
    m_line->setObjectName(u"systemPromptLine"_s);
    m_line->setTextFormat(Qt::PlainText);
    m_line->setCursor(Qt::PointingHandCursor);
    m_line->installEventFilter(this);
    m_full->setObjectName(u"systemPromptFull"_s);
    m_full->setTextFormat(Qt::PlainText);
    m_full->setWordWrap(true);
    m_full->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_edit->setObjectName(u"systemPromptEdit"_s);
    m_edit->setAutoRaise(true);
    m_edit->setText(tr("Edit…"));
    m_edit->setToolTip(tr("Change the system prompt and parameters of this conversation"));

    // The toggle is a button: Enter and Space work on it, and screen readers announce it.
    connect(m_toggle, &QToolButton::clicked, this, [this] { setExpanded(!m_expanded); });
    connect(m_edit, &QToolButton::clicked, this, &SystemPromptBar::editRequested);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_toggle);
    top->addWidget(m_line, 1);
    top->addWidget(m_prompts);
    top->addWidget(m_edit);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 2, 8, 2);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(m_full);
    setExpanded(false);
    setPrompt({});
}

void SystemPromptBar::setPrompt(const QString &prompt)
{
    const QString text = prompt.trimmed();
    m_line->setFullText(QString(text).replace(u'\n', u' '));
    m_full->setText(text);
    setVisible(!text.isEmpty());
}

void SystemPromptBar::setExpanded(bool expanded)
{
    m_expanded = expanded;
    m_toggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    m_toggle->setAccessibleName(
        expanded ? tr("Hide the whole system prompt") : tr("Show the whole system prompt"));
    m_line->setVisible(!expanded);
    m_full->setVisible(expanded);
}

bool SystemPromptBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_line && event->type() == QEvent::MouseButtonRelease
        && static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton) {
        setExpanded(true);
        return true;
    }
    return QFrame::eventFilter(watched, event);
}

} // namespace detour
