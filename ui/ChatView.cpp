// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ChatView.h"

#include "MarkdownView.h"
#include "MessageBubble.h"

#include <QAction>
#include <QClipboard>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QGuiApplication>
#include <QLabel>
#include <QResizeEvent>
#include <QScrollBar>
#include <QSpacerItem>
#include <QStyle>
#include <QTextCursor>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <utility>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// Work done per turn of the event loop when making or dropping bubbles: a quarter of a
// frame. (2 ms gave no shorter stall: one bubble alone, its text laid out, takes longer.)
constexpr qint64 budgetNs = 4'000'000;
// Bubbles are made once the view is within one screenful of the loaded ones'
// end, and dropped once they are more than three screenfuls from the view:
// the gap between the two keeps a bubble from being made and dropped in turn.
constexpr int dropAfterScreens = 3;
// Spare bubbles kept for reuse: about what one screenful of scrolling drops.
constexpr int keptSpares = 16;
// The reserve above the oldest bubble (see reserve()) is topped up to this many screenfuls,
// and brought back to it when bubbles dropped above make it more than twice that.
constexpr int reserveScreens = 4;
// Around the "Newest" button, in its strip below the messages.
constexpr int jumpMargin = 4;

} // namespace

ChatView::ChatView(ChatSession *session, QWidget *parent)
    : QScrollArea(parent)
    , m_session(session)
    , m_content(new QWidget(this))
    , m_layout(new QVBoxLayout(m_content))
    , m_emptyState(new QLabel(m_content))
    , m_reserve(new QSpacerItem(0, 0, QSizePolicy::Minimum, QSizePolicy::Fixed))
    , m_jumpToNewest(new QToolButton(this))
{
    setObjectName(u"chatView"_s);
    setAccessibleName(tr("Messages"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setWidget(m_content);
    // Bubbles added or dropped at the bottom: only what that uncovers is painted.
    m_content->setAttribute(Qt::WA_StaticContents);
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
    m_layout->addItem(m_reserve);
    m_layout->addStretch();

    auto *jump = new QAction(tr("Jump to Newest Message"), this);
    jump->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_End));
    jump->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(jump, &QAction::triggered, this, &ChatView::scrollToNewest);
    addAction(jump);
    m_jumpToNewest->setObjectName(u"jumpToNewest"_s);
    m_jumpToNewest->setText(tr("Newest"));
    m_jumpToNewest->setIcon(style()->standardIcon(QStyle::SP_ArrowDown));
    m_jumpToNewest->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_jumpToNewest->setToolTip(tr("Jump to the newest message (%1)")
                                   .arg(jump->shortcut().toString(QKeySequence::NativeText)));
    m_jumpToNewest->setAccessibleName(jump->text());
    m_jumpToNewest->setCursor(Qt::PointingHandCursor);
    m_jumpToNewest->hide();
    connect(m_jumpToNewest, &QToolButton::clicked, this, &ChatView::scrollToNewest);

    // ~60 frames per second: every delta that arrived since the last frame is rendered together.
    m_frame.setInterval(16);
    m_frame.setSingleShot(true);
    connect(&m_frame, &QTimer::timeout, this, &ChatView::renderFrame);
    m_adjust.setSingleShot(true);
    m_adjust.setInterval(0);
    connect(&m_adjust, &QTimer::timeout, this, &ChatView::adjustLoaded);

    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &ChatView::onScrolled);
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, &ChatView::onRangeChanged);

    connect(session, &ChatSession::messagesReset, this, [this] {
        clearHighlight(); // another conversation, or this one reloaded
        rebuild();
        if (const auto [index, step] = m_versionShown; index >= 0)
            keepVersionInView(index, step);
    });
    connect(session, &ChatSession::messageAppended, this, [this](int index) {
        clearHighlight(); // the person has moved on
        append(index);
    });
    connect(session, &ChatSession::messageChanged, this, &ChatView::markChanged);
    connect(session, &ChatSession::busyChanged, this, [this] {
        for (int index = m_first; index < m_first + m_bubbles.size(); ++index)
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
    const int at = index - m_first;
    return at >= 0 && at < m_bubbles.size() ? m_bubbles[at] : nullptr;
}

void ChatView::rebuild()
{
    loadWindow(std::max(0, int(m_session->messages().size()) - initialBubbles));
    m_followTail = true;
    updateJumpButton();
}

void ChatView::loadWindow(int first)
{
    for (MessageBubble *old : std::as_const(m_bubbles))
        recycle(old);
    m_bubbles.clear();
    m_dirty.clear();
    m_adjust.stop();
    const int count = int(m_session->messages().size());
    m_first = first;
    setReserve(m_first > 0 ? reserveScreens * viewport()->height() : 0);
    for (int index = m_first; index < std::min(count, first + initialBubbles); ++index) {
        MessageBubble *made = makeBubble(index);
        m_layout->insertWidget(m_layout->count() - 1, made); // above the stretch
        made->show();
        m_bubbles.append(made);
    }
    m_emptyState->setVisible(count == 0);
}

void ChatView::showMessage(int index, const QStringList &terms)
{
    const int count = int(m_session->messages().size());
    if (index < 0 || index >= count)
        return;
    if (MessageBubble *old = bubble(m_highlightIndex))
        old->highlight({});
    m_highlightIndex = index;
    m_highlightTerms = terms;
    if (!bubble(index)) // the message in the middle, as far as the ends allow
        loadWindow(std::clamp(index - initialBubbles / 2, 0, std::max(0, count - initialBubbles)));
    MessageBubble *target = bubble(index);
    m_followTail = false;
    settleLayout(); // the bubbles' places and heights, the match's place in its bubble

    const QTextCursor match = target->highlight(terms);
    const int top = target->y() - m_layout->spacing();
    int value = top;
    if (!match.isNull()) {
        const QRect at = target->body()->cursorRect(match);
        const int y = target->body()->viewport()->mapTo(m_content, at.topLeft()).y();
        if (y + at.height() - top > viewport()->height() * 2 / 3)
            value = y - viewport()->height() / 3;
    }
    QScrollBar *bar = verticalScrollBar();
    const bool adjusting = std::exchange(m_adjusting, true);
    bar->setValue(value);
    m_adjusting = adjusting;
    m_followTail = holdsNewest() && bar->value() >= bar->maximum() - 8;
    rememberAnchor(); // bubbles made around it from now on keep it in place
    updateJumpButton();
    m_adjust.start();
}

void ChatView::clearHighlight()
{
    if (MessageBubble *old = bubble(m_highlightIndex))
        old->highlight({});
    m_highlightIndex = -1;
    m_highlightTerms.clear();
}

void ChatView::scrollToNewest()
{
    if (!holdsNewest()) {
        rebuild(); // the newest few, followed as they settle
        return;
    }
    m_followTail = true;
    followTail();
    updateJumpButton();
}

void ChatView::updateJumpButton()
{
    const bool show = !m_followTail;
    if (show == !m_jumpToNewest->isHidden())
        return;
    // While it shows, the button has a strip of its own below the messages: over the
    // text it would hide the lines the person is reading towards. The view's top stays
    // where it is (the anchor holds it) as the strip comes and goes.
    const bool adjusting = std::exchange(m_adjusting, true);
    setViewportMargins(0, 0, 0, show ? jumpStripHeight() : 0);
    m_adjusting = adjusting;
    placeJumpButton();
    m_jumpToNewest->setVisible(show);
    if (show)
        m_jumpToNewest->raise();
    if (!m_followTail)
        holdAnchor();
}

int ChatView::jumpStripHeight() const
{
    return m_jumpToNewest->sizeHint().height() + 2 * jumpMargin;
}

void ChatView::placeJumpButton()
{
    // In the strip below the viewport, at the right, clear of the scroll bar.
    const QRect area = viewport()->geometry();
    const QSize size = m_jumpToNewest->sizeHint();
    m_jumpToNewest->setGeometry(area.right() - jumpMargin - size.width(),
        area.bottom() + 1 + jumpMargin, size.width(), size.height());
}

void ChatView::resizeEvent(QResizeEvent *event)
{
    QScrollArea::resizeEvent(event);
    placeJumpButton();
}

MessageBubble *ChatView::makeBubble(int index)
{
    const ChatSession::Message &message = m_session->messages()[index];
    const bool user = message.message.role == "user"_L1;
    const auto spare = std::find_if(m_spares.cbegin(), m_spares.cend(),
        [user](const MessageBubble *candidate) { return candidate->isUser() == user; });
    MessageBubble *made = nullptr;
    if (spare != m_spares.cend()) {
        made = *spare;
        m_spares.erase(spare);
        made->rebind(index, message, m_session->isBusy());
    } else {
        made = new MessageBubble(index, message, m_content);
        made->update(message, m_session->isBusy());
        connectBubble(made);
    }
    if (index == m_highlightIndex) // scrolled away and back
        made->highlight(m_highlightTerms);
    return made;
}

void ChatView::recycle(MessageBubble *bubble)
{
    if (bubble == m_anchor) {
        bubble->removeEventFilter(this);
        m_anchor.clear();
    }
    m_layout->removeWidget(bubble);
    if (m_spares.size() >= keptSpares) {
        delete bubble;
        return;
    }
    bubble->hide();
    m_spares.append(bubble);
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
    connect(
        bubble, &MessageBubble::siblingRequested, this,
        [this](int index, int step) {
            m_versionShown = { index, step }; // the messages are reset before this returns
            m_session->showSibling(index, step);
            m_versionShown = { -1, 0 };
        },
        Qt::QueuedConnection); // the bubbles are made anew: not while one of them signals
}

void ChatView::keepVersionInView(int index, int step)
{
    // The message whose version changed stays where the person is, with the keyboard
    // on the arrow they used (or the other one at the end of the row of versions).
    if (index >= m_session->messages().size())
        return;
    showMessage(index);
    clearHighlight();
    MessageBubble *target = bubble(index);
    QToolButton *used = step < 0 ? target->previousVersion() : target->nextVersion();
    QToolButton *other = step < 0 ? target->nextVersion() : target->previousVersion();
    if (used->isVisible() && used->isEnabled())
        used->setFocus(Qt::OtherFocusReason);
    else if (other->isVisible() && other->isEnabled())
        other->setFocus(Qt::OtherFocusReason);
    else
        target->body()->setFocus(Qt::OtherFocusReason);
}

void ChatView::append(int index)
{
    if (index != endLoaded()) {
        // The person was reading further up; a new message brings the view to the newest.
        rebuild();
        return;
    }
    MessageBubble *made = makeBubble(index);
    m_layout->insertWidget(m_layout->count() - 1, made); // above the stretch
    made->show(); // a spare was hidden
    m_bubbles.append(made);
    m_emptyState->hide();
    m_followTail = true;
    updateJumpButton();
    markChanged(index);
}

void ChatView::markChanged(int index)
{
    if (!bubble(index))
        return; // not loaded: made from the message as it is then
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
            if (index == m_highlightIndex) // a render may have rewritten the matches
                target->highlight(m_highlightTerms);
        }
    }
    m_dirty.clear();
}

bool ChatView::needsOlder() const
{
    // Less than a screenful above the view: the person may page up into it.
    return m_first > 0 && verticalScrollBar()->value() - reserve() < viewport()->height();
}

bool ChatView::needsNewer() const
{
    // Less than a screenful below the view, and newer messages have no bubble yet.
    const QScrollBar *bar = verticalScrollBar();
    return !holdsNewest() && bar->value() > bar->maximum() - viewport()->height();
}

bool ChatView::hasFarBubbles() const
{
    if (m_bubbles.size() <= initialBubbles)
        return false;
    const int top = verticalScrollBar()->value();
    const int reach = dropAfterScreens * viewport()->height();
    return m_bubbles.first()->geometry().bottom() < top - reach
        || m_bubbles.last()->geometry().top() > top + viewport()->height() + reach;
}

void ChatView::adjustLoaded()
{
    if (!isVisible())
        return; // no geometry to go by; showing the view scrolls it, which comes back here
    QElapsedTimer spent;
    spent.start();
    if (dropFarBubbles(spent))
        settleLayout();
    // Once dropping has used the budget, bubbles are made on the next turn.
    if (spent.nsecsElapsed() < budgetNs) {
        if (needsOlder())
            loadBubbles(Older, spent);
        else if (needsNewer())
            loadBubbles(Newer, spent);
    }
    // The rest on the next turn. (Any change of the scroll range, as bubbles made here
    // settle, comes back here too.) Each turn drops or makes at least one bubble, so this ends.
    if (needsOlder() || needsNewer() || (spent.nsecsElapsed() >= budgetNs && hasFarBubbles()))
        m_adjust.start();
}

bool ChatView::dropFarBubbles(const QElapsedTimer &spent)
{
    const int top = verticalScrollBar()->value();
    const int reach = dropAfterScreens * viewport()->height();
    bool dropped = false;
    // Below: the view does not move when they go.
    while (m_bubbles.size() > initialBubbles
        && m_bubbles.last()->geometry().top() > top + viewport()->height() + reach
        && spent.nsecsElapsed() < budgetNs) {
        m_dirty.remove(endLoaded() - 1);
        recycle(m_bubbles.takeLast());
        dropped = true;
    }
    // Above: the reserve grows by what they took, so that nothing below them moves.
    int freed = 0;
    while (m_bubbles.size() > initialBubbles && m_bubbles.first()->geometry().bottom() < top - reach
        && spent.nsecsElapsed() < budgetNs) {
        freed += m_bubbles.first()->height() + m_layout->spacing();
        recycle(m_bubbles.takeFirst());
        m_dirty.remove(m_first++);
        dropped = true;
    }
    const int screens = reserveScreens * viewport()->height(); // far more: back to it (a move)
    if (freed > 0)
        setReserve(reserve() + freed > 2 * screens ? screens : reserve() + freed);
    return dropped;
}

void ChatView::loadBubbles(Direction direction, const QElapsedTimer &spent)
{
    const auto more = [&] { return direction == Older ? m_first > 0 : !holdsNewest(); };
    // Never fewer than one, so that a bubble slower than the budget still comes; more
    // while one more and laying them all out still fit in the budget (both estimated
    // from the last ones: a long code block makes a bubble cost a few times another).
    // Laying out costs per bubble made: that is where their text is laid out.
    // Made at the width the layout will give them, so that their text is laid out once.
    const int width = m_layout->contentsRect().width();
    int made = 0;
    for (; more()
         && (made == 0 || spent.nsecsElapsed() + m_bubbleNs + (made + 1) * m_settleNs < budgetNs);
         ++made) {
        QElapsedTimer making;
        making.start();
        MessageBubble *bubble = makeBubble(direction == Older ? --m_first : endLoaded());
        if (width > 0)
            bubble->resize(width, bubble->height());
        if (direction == Older) {
            m_layout->insertWidget(2, bubble); // below the empty state and the reserve
            m_bubbles.prepend(bubble);
        } else {
            m_layout->insertWidget(m_layout->count() - 1, bubble); // above the stretch
            m_bubbles.append(bubble);
        }
        bubble->show();
        m_bubbleNs = (3 * m_bubbleNs + making.nsecsElapsed()) / 4;
    }
    if (direction == Older && made > 0)
        takeFromReserve(made, width);
    const qint64 settleNs = settleLayout();
    if (made > 0)
        m_settleNs = (3 * m_settleNs + settleNs / made) / 4;
}

void ChatView::setReserve(int height)
{
    if (height = std::max(0, height); height == reserve())
        return;
    m_reserve->changeSize(0, height, QSizePolicy::Minimum, QSizePolicy::Fixed);
    m_layout->invalidate();
}

void ChatView::takeFromReserve(int made, int width)
{
    // Bubbles just made above the others take their room from the reserve: nothing on
    // screen moves, so nothing is painted again (putting the view back after all had moved
    // repainted it whole). At the oldest message, or with the reserve used up, it moves once.
    if (m_first == 0 || width <= 0) // (no width: not laid out yet, nothing to keep still)
        return setReserve(m_first == 0 ? 0 : reserve());
    int added = 0;
    for (int at = 0; at < made; ++at)
        added += m_bubbles[at]->heightAt(width) + m_layout->spacing();
    if (reserve() >= added)
        setReserve(reserve() - added);
    else
        setReserve(reserve() - added + reserveScreens * viewport()->height());
}

qint64 ChatView::settleLayout()
{
    // Left to Qt, bubbles added or removed are laid out over the next turns of the
    // event loop; until then their geometry says nothing about where they will be,
    // and what is made or dropped next is judged by it. So lay them out now: the
    // scroll area sizes the content and its range to the new size hint, and the
    // layout places the bubbles, which moves the anchor (see eventFilter).
    // Twice: bubbles made just now learn their width, hence their height, in the first.
    // Meanwhile the scroll bar may be clamped to a range not yet updated: the view is
    // put where it belongs once all is in place, not on the way.
    QElapsedTimer settling;
    settling.start();
    const bool adjusting = std::exchange(m_adjusting, true);
    for (int round = 0; round < 2; ++round) {
        QEvent request(QEvent::LayoutRequest);
        QCoreApplication::sendEvent(this, &request);
        m_layout->activate();
    }
    m_adjusting = adjusting;
    if (m_followTail)
        followTail();
    else
        holdAnchor();
    return settling.nsecsElapsed();
}

void ChatView::onScrolled(int value)
{
    if (m_adjusting)
        return;
    if (m_first > 0 && value < reserve()) {
        // Only the reserve is above: the view stops at the oldest bubble until more are made.
        const bool adjusting = std::exchange(m_adjusting, true);
        verticalScrollBar()->setValue(reserve());
        m_adjusting = adjusting;
        value = verticalScrollBar()->value();
    }
    m_followTail = holdsNewest() && value >= verticalScrollBar()->maximum() - 8;
    updateJumpButton();
    rememberAnchor();
    m_adjust.start();
}

void ChatView::onRangeChanged()
{
    // Follow the reply while the person is at the bottom (away from it, the anchor holds).
    if (m_followTail)
        followTail();
    else
        holdAnchor();
    if (!m_adjust.isActive())
        m_adjust.start();
}

void ChatView::rememberAnchor()
{
    const int top = verticalScrollBar()->value();
    // Bubbles are stacked top to bottom: the first one reaching below the top edge.
    const auto at = std::partition_point(m_bubbles.cbegin(), m_bubbles.cend(),
        [top](const MessageBubble *b) { return b->geometry().bottom() < top; });
    MessageBubble *anchor = at == m_bubbles.cend() ? nullptr : *at;
    if (anchor != m_anchor) {
        if (m_anchor)
            m_anchor->removeEventFilter(this);
        if (anchor)
            anchor->installEventFilter(this);
        m_anchor = anchor;
    }
    m_anchorOffset = anchor ? anchor->y() - top : 0;
}

void ChatView::followTail()
{
    const bool adjusting = std::exchange(m_adjusting, true);
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    m_adjusting = adjusting;
}

void ChatView::holdAnchor()
{
    if (!m_anchor || m_followTail)
        return;
    const bool adjusting = std::exchange(m_adjusting, true);
    verticalScrollBar()->setValue(m_anchor->y() - m_anchorOffset);
    m_adjusting = adjusting;
}

bool ChatView::eventFilter(QObject *watched, QEvent *event)
{
    // Something above the anchor was added, dropped or changed height: move the view with
    // it. Qt moves the bubbles sometimes before and sometimes after it sets the new scroll
    // range (which may clamp the value set here), so the view is put right on both.
    if (event->type() == QEvent::Move && watched == m_anchor)
        holdAnchor();
    return QScrollArea::eventFilter(watched, event);
}

} // namespace detour
