// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "MessageBubble.h"

#include "MarkdownView.h"
#include "route/TurnBadge.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

MessageBubble::MessageBubble(int index, const ChatSession::Message &message, QWidget *parent)
    : QFrame(parent)
    , m_index(index)
    , m_isUser(message.message.role == "user"_L1)
    , m_body(new MarkdownView(this))
{
    setObjectName(m_isUser ? u"userMessage"_s : u"assistantMessage"_s);
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(m_isUser ? QPalette::AlternateBase : QPalette::Base);
    setAutoFillBackground(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->setSpacing(4);
    auto *header = new QHBoxLayout;
    auto *who = new QLabel(m_isUser ? tr("You") : tr("Assistant"), this);
    QFont bold = who->font();
    bold.setBold(true);
    who->setFont(bold);
    header->addWidget(who);
    header->addStretch();

    const auto addAction = [&](const QString &text, const QString &tip) {
        auto *button = new QToolButton(this);
        button->setText(text);
        button->setToolTip(tip);
        button->setAccessibleName(tip);
        button->setAutoRaise(true);
        header->addWidget(button);
        return button;
    };
    QToolButton *copy = addAction(tr("Copy"), tr("Copy this message"));
    connect(copy, &QToolButton::clicked, this, [this] { Q_EMIT copyRequested(m_index); });
    if (m_isUser) {
        m_edit = addAction(tr("Edit"), tr("Edit this message and send it again"));
        connect(m_edit, &QToolButton::clicked, this, [this] { Q_EMIT editRequested(m_index); });
    } else {
        m_continue = addAction(tr("Continue"), tr("Continue the interrupted reply"));
        connect(m_continue, &QToolButton::clicked, this, &MessageBubble::continueRequested);
        m_regenerate = addAction(tr("Regenerate"), tr("Ask again for a new reply"));
        connect(m_regenerate, &QToolButton::clicked, this, &MessageBubble::regenerateRequested);
    }
    layout->addLayout(header);
    m_body->setAccessibleName(m_isUser ? tr("Your message") : tr("Reply"));
    connect(m_body, &MarkdownView::linkActivated, this, &MessageBubble::linkActivated);
    layout->addWidget(m_body);

    if (!m_isUser) {
        m_badge = new QLabel(this);
        m_badge->setObjectName(u"turnBadge"_s);
        m_badge->setWordWrap(true);
        m_badge->setTextFormat(Qt::PlainText);
        m_badge->setCursor(Qt::PointingHandCursor);
        m_badge->setForegroundRole(QPalette::PlaceholderText);
        m_badge->setToolTip(tr("Show this turn in the error inspector"));
        m_badge->installEventFilter(this);
        layout->addWidget(m_badge);
    }
    m_body->streamer().setText(message.message.content);
    m_shownLength = message.message.content.size();
    update(message, false);
}

void MessageBubble::update(const ChatSession::Message &message, bool busy)
{
    m_turn = message.turn;
    const QString &content = message.message.content;
    if (content.size() < m_shownLength || !content.startsWith(m_body->streamer().text())) {
        m_body->streamer().setText(content); // regenerated or edited: start over
    } else if (content.size() > m_shownLength) {
        m_body->streamer().append(content.sliced(m_shownLength));
    }
    m_shownLength = content.size();
    if (m_edit)
        m_edit->setEnabled(!busy);
    if (!m_badge)
        return;
    const bool running = busy && !message.result;
    m_badge->setText(running ? tr("Waiting for the route…")
            : message.result ? TurnBadge::text(*message.result)
                             : QString());
    m_badge->setVisible(!m_badge->text().isEmpty());
    m_regenerate->setEnabled(!busy);
    m_continue->setVisible(!busy && message.result
        && message.status == TurnResult::Status::Interrupted && !content.isEmpty());
}

void MessageBubble::renderPending()
{
    m_body->renderPending();
}

QTextCharFormat MessageBubble::searchHitFormat()
{
    // The marker-pen colour with black text reads the same in light and dark, and
    // unlike the palette's Highlight it is not mistaken for a text selection.
    QTextCharFormat format;
    format.setBackground(QColor(0xff, 0xd5, 0x4f));
    format.setForeground(Qt::black);
    return format;
}

QTextCursor MessageBubble::highlight(const QStringList &terms)
{
    QList<QTextEdit::ExtraSelection> selections;
    QTextCursor first;
    const QTextDocument *document = m_body->document();
    for (const QString &term : terms) {
        if (term.trimmed().isEmpty())
            continue;
        for (QTextCursor found = document->find(term); !found.isNull();
             found = document->find(term, found)) {
            selections.append({ found, searchHitFormat() });
            if (first.isNull() || found.selectionStart() < first.selectionStart())
                first = found;
        }
    }
    m_body->setExtraSelections(selections);
    return first;
}

bool MessageBubble::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_badge && event->type() == QEvent::MouseButtonRelease && m_turn >= 0)
        Q_EMIT badgeClicked(m_turn);
    return QFrame::eventFilter(watched, event);
}

} // namespace detour
