#include "ChatView.h"

#include "MessageBubble.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QScrollBar>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

ChatView::ChatView(ChatSession *session, QWidget *parent)
    : QScrollArea(parent)
    , m_session(session)
    , m_content(new QWidget(this))
    , m_layout(new QVBoxLayout(m_content))
    , m_emptyState(new QLabel(m_content))
{
    setObjectName(u"chatView"_s);
    setAccessibleName(tr("Messages"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setWidget(m_content);
    m_layout->setContentsMargins(12, 12, 12, 12);
    m_layout->setSpacing(10);
    m_emptyState->setObjectName(u"emptyState"_s);
    m_emptyState->setWordWrap(true);
    m_emptyState->setTextFormat(Qt::RichText);
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setMargin(24);
    connect(m_emptyState, &QLabel::linkActivated, this, [this](const QString &link) {
        Q_EMIT samplePromptChosen(QUrl::fromPercentEncoding(link.sliced(7).toUtf8()));
    });
    m_layout->addWidget(m_emptyState);
    m_layout->addStretch();

    // ~60 frames per second: every delta that arrived since the last frame is rendered together.
    m_frame.setInterval(16);
    m_frame.setSingleShot(true);
    connect(&m_frame, &QTimer::timeout, this, &ChatView::renderFrame);

    // Follow the reply while the person is at the bottom; stay put if they scrolled up.
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this,
        [this](int value) { m_followTail = value >= verticalScrollBar()->maximum() - 8; });
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, [this](int, int maximum) {
        if (m_followTail)
            verticalScrollBar()->setValue(maximum);
    });

    connect(session, &ChatSession::messagesReset, this, &ChatView::rebuild);
    connect(session, &ChatSession::messageAppended, this, &ChatView::append);
    connect(session, &ChatSession::messageChanged, this, &ChatView::markChanged);
    connect(session, &ChatSession::busyChanged, this, [this] {
        for (int index = 0; index < m_bubbles.size(); ++index)
            markChanged(index);
    });
    rebuild();
}

void ChatView::setEmptyStateText(const QString &html)
{
    m_emptyState->setText(html);
}

MessageBubble *ChatView::bubble(int index) const
{
    return index >= 0 && index < m_bubbles.size() ? m_bubbles[index] : nullptr;
}

void ChatView::rebuild()
{
    qDeleteAll(m_bubbles);
    m_bubbles.clear();
    m_dirty.clear();
    for (int index = 0; index < m_session->messages().size(); ++index)
        append(index);
    m_emptyState->setVisible(m_bubbles.isEmpty());
}

void ChatView::connectBubble(MessageBubble *bubble)
{
    connect(bubble, &MessageBubble::badgeClicked, this, &ChatView::turnSelected);
    connect(bubble, &MessageBubble::linkActivated, this, &ChatView::linkActivated);
    connect(bubble, &MessageBubble::copyRequested, this, [this](int index) {
        QGuiApplication::clipboard()->setText(m_session->messages()[index].message.content);
    });
    connect(bubble, &MessageBubble::editRequested, this, [this](int index) {
        Q_EMIT editRequested(index, m_session->messages()[index].message.content);
    });
    connect(bubble, &MessageBubble::regenerateRequested, m_session, &ChatSession::regenerate);
    connect(bubble, &MessageBubble::continueRequested, m_session, &ChatSession::continueReply);
}

void ChatView::append(int index)
{
    auto *bubble = new MessageBubble(index, m_session->messages()[index], m_content);
    connectBubble(bubble);
    m_layout->insertWidget(m_layout->count() - 1, bubble); // above the stretch
    m_bubbles.append(bubble);
    m_emptyState->hide();
    m_followTail = true;
    markChanged(index);
}

void ChatView::markChanged(int index)
{
    m_dirty.insert(index);
    if (!m_frame.isActive())
        m_frame.start();
}

void ChatView::renderFrame()
{
    const bool busy = m_session->isBusy();
    for (int index : std::as_const(m_dirty)) {
        if (MessageBubble *target = bubble(index)) {
            target->update(m_session->messages()[index], busy);
            target->renderPending();
        }
    }
    m_dirty.clear();
}

} // namespace detour
