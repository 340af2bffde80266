// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ThinkingSection.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QLocale>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

qint64 steadyMs()
{
    static const QElapsedTimer clock = [] {
        QElapsedTimer started;
        started.start();
        return started;
    }();
    return clock.elapsed();
}

} // namespace

ThinkingSection::ThinkingSection(QWidget *parent)
    : QWidget(parent)
    , m_toggle(new QToolButton(this))
    , m_body(new QLabel(this))
    , m_tick(new QTimer(this))
    , m_clock(steadyMs)
{
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &ThinkingSection::updateHeader);
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

std::optional<qint64> ThinkingSection::thinkingMs() const
{
    if (m_thoughtMs)
        return m_thoughtMs;
    if (m_thinkingSince)
        return m_clock() - *m_thinkingSince;
    return std::nullopt;
}

void ThinkingSection::setReasoning(const QString &text, bool answerStarted, bool live)
{
    // Timed from the first thoughts seen live to the first words of the answer (or to the
    // end of a reply that never answered).
    if (live && !text.isEmpty() && !answerStarted && !m_thinkingSince && !m_thoughtMs)
        m_thinkingSince = m_clock();
    if (m_thinkingSince && (answerStarted || !live)) {
        m_thoughtMs = m_clock() - *m_thinkingSince;
        m_thinkingSince.reset();
    }
    if (m_thinkingSince && !m_tick->isActive())
        m_tick->start();
    else if (!m_thinkingSince)
        m_tick->stop();
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
    const std::optional<qint64> ms = thinkingMs();
    QString header;
    if (m_thinkingSince) // still thinking, live
        header = m_expanded
            ? tr("Thinking… %1 s").arg(QLocale().toString(*ms / 1000))
            : tr("Thinking… (%1 characters, %2 s)").arg(length, QLocale().toString(*ms / 1000));
    else if (ms)
        header = tr("Thinking (%1 characters, %2 s)")
                     .arg(length, QLocale().toString(double(*ms) / 1000.0, 'f', 1));
    else
        header = m_answerStarted || !m_expanded ? tr("Thinking (%1 characters)").arg(length)
                                                : tr("Thinking…");
    if (m_toggle->text() != header)
        m_toggle->setText(header);
    m_toggle->setAccessibleName(header);
    m_toggle->setToolTip(
        m_expanded ? tr("Hide the model's reasoning") : tr("Show the model's reasoning"));
}

} // namespace detour
