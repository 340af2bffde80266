// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ThinkingSection.h"

#include <QLabel>
#include <QLocale>
#include <QToolButton>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

ThinkingSection::ThinkingSection(QWidget *parent)
    : QWidget(parent)
    , m_toggle(new QToolButton(this))
    , m_body(new QLabel(this))
{
    setObjectName(u"thinkingSection"_s);
    m_toggle->setObjectName(u"thinkingToggle"_s);
    m_toggle->setAutoRaise(true);
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toggle->setCheckable(true); // checked = open: screen readers announce the state
    m_body->setObjectName(u"thinkingText"_s);
    m_body->setTextFormat(Qt::PlainText); // the model's words, never markup
    m_body->setWordWrap(true);
    m_body->setForegroundRole(QPalette::PlaceholderText);
    m_body->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_body->setAccessibleName(tr("Thinking"));
    connect(m_toggle, &QToolButton::clicked, this, [this] {
        m_chosen = true;
        setExpanded(!m_expanded);
    });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_toggle, 0, Qt::AlignLeft);
    layout->addWidget(m_body);
    hide();
}

void ThinkingSection::setReasoning(const QString &text, bool answerStarted)
{
    // Closed when the answer begins, once: after that it is the person's to open.
    if (answerStarted && !m_answerStarted && !m_chosen)
        m_expanded = false;
    m_answerStarted = answerStarted;
    if (text != m_text) {
        m_text = text;
        m_body->setText(text.trimmed());
    }
    setVisible(!text.isEmpty());
    setExpanded(m_expanded);
}

void ThinkingSection::setExpanded(bool expanded)
{
    m_expanded = expanded;
    m_toggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    m_toggle->setChecked(expanded);
    m_body->setVisible(expanded);
    updateHeader();
}

void ThinkingSection::updateHeader()
{
    const QString length = QLocale().toString(m_text.size());
    const QString header = m_answerStarted || !m_expanded
        ? tr("Thinking (%1 characters)").arg(length)
        : tr("Thinking…");
    if (m_toggle->text() != header)
        m_toggle->setText(header);
    m_toggle->setAccessibleName(header);
    m_toggle->setToolTip(
        m_expanded ? tr("Hide the model's reasoning") : tr("Show the model's reasoning"));
}

} // namespace detour
