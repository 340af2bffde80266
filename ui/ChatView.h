// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "chat/ChatSession.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QScrollArea>
#include <QSet>
#include <QSpacerItem>
#include <QTimer>

class QLabel;
class QToolButton;
class QVBoxLayout;

namespace detour {

class MessageBubble;

// The chat pane: one bubble per message of a ChatSession. Deltas are
// coalesced and rendered at most once per frame; an empty conversation shows
// what Detour is, the active route and a prompt to try.
//
// Bubbles exist only around the view: a conversation opens with its last few
// messages; while the person scrolls, the bubbles they are about to reach are
// made a few at a time (within a time budget per turn of the event loop), in
// either direction, and those that fall far behind, above or below, are
// dropped. Opening or scrolling a long conversation end to end therefore costs
// about a screenful at a time, and memory stays that of a few screenfuls.
// Dropped bubbles are kept hidden as spares and shown again for other messages
// (MessageBubble::rebind), so that scrolling mostly re-renders text instead of
// making and polishing a score of widgets per message.
// While the person is away from the newest message, the bubble at the top of
// the view stays where it is whatever is added, dropped or resized around it,
// and a "Newest" button (Ctrl+End) in a strip below the view (never over the text)
// takes them back in one step.
class ChatView final : public QScrollArea {
    Q_OBJECT

public:
    ChatView(ChatSession *session, QWidget *parent = nullptr);

    static constexpr int initialBubbles = 12; // made at once when a conversation opens

    void setEmptyStateText(const QString &html);
    // The bubble of message `index`, or nullptr while that message has none (not loaded yet).
    MessageBubble *bubble(int index) const;
    int bubbleCount() const { return int(m_bubbles.size()); } // bubbles made
    int firstLoaded() const { return m_first; } // the oldest message with a bubble
    int lastLoaded() const { return endLoaded() - 1; } // the newest message with a bubble

    // Shows the newest message and follows it again, however far up the view was.
    void scrollToNewest();

    // Brings message `index` into view, for a search result: its bubble is made, with
    // those around it, when it had none. The view lands on the bubble's top, or, when
    // that would leave the first match of `terms` in the lower third, on that match a
    // third of the way down. `terms` are highlighted in it (MessageBubble::highlight)
    // until another message is shown this way, the conversation changes or a message
    // is added (the person sent one); scrolling away and back keeps the highlight.
    void showMessage(int index, const QStringList &terms = {});
    int highlightedMessage() const { return m_highlightIndex; } // -1: none

Q_SIGNALS:
    void turnSelected(int turn);
    void editRequested(int index, const QString &text);
    void samplePromptChosen(const QString &text);
    void linkActivated(const QUrl &url);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void rebuild();
    void loadWindow(int first); // replaces the bubbles by initialBubbles from message `first`
    void clearHighlight();
    void append(int index);
    MessageBubble *makeBubble(int index); // a spare one of the same role when there is one
    void recycle(MessageBubble *bubble); // out of the layout, hidden, kept as a spare
    void markChanged(int index);
    void renderFrame();
    void connectBubble(MessageBubble *bubble);
    void keepVersionInView(int index, int step);
    int endLoaded() const { return m_first + int(m_bubbles.size()); }
    bool holdsNewest() const { return endLoaded() == m_session->messages().size(); }
    void adjustLoaded();
    bool dropFarBubbles(const QElapsedTimer &spent);
    enum Direction { Older, Newer };
    void loadBubbles(Direction direction, const QElapsedTimer &spent);
    qint64 settleLayout(); // returns the nanoseconds it took
    bool needsOlder() const;
    // Room above the oldest bubble, while there are older messages: bubbles made there
    // take their height from it, and bubbles dropped there give it back, so that those
    // in view never move (nor are painted again) for bubbles out of sight.
    int reserve() const { return m_reserve->sizeHint().height(); }
    void setReserve(int height);
    void takeFromReserve(int made, int width); // for the first `made` bubbles, just made
    bool needsNewer() const;
    bool hasFarBubbles() const;
    void onScrolled(int value);
    void onRangeChanged();
    void rememberAnchor();
    void followTail(); // keeps the view at the newest message
    void holdAnchor(); // keeps the anchor where it was on screen
    void updateJumpButton();
    int jumpStripHeight() const;
    void placeJumpButton();

    ChatSession *m_session;
    QWidget *m_content;
    QVBoxLayout *m_layout;
    QLabel *m_emptyState;
    QSpacerItem *m_reserve; // owned by m_layout
    QToolButton *m_jumpToNewest; // below the view's bottom right corner, while away from the newest
    QList<MessageBubble *> m_bubbles; // messages m_first .. m_first + size - 1
    QList<MessageBubble *> m_spares; // dropped bubbles, hidden, to be rebound to other messages
    int m_first = 0;
    QSet<int> m_dirty;
    QTimer m_frame;
    QTimer m_adjust; // makes and drops bubbles as the view moves, a budget's worth per turn
    qint64 m_bubbleNs = 1'000'000; // what making one bubble has been costing, about
    qint64 m_settleNs = 1'000'000; // ... and laying out one that was made
    bool m_followTail = true;
    bool m_adjusting = false; // the view itself is moving the scroll bar
    // A QWidget pointer: Qt sends the filter events while a bubble is half destroyed, when it
    // is no longer a MessageBubble (a downcast then is undefined).
    int m_highlightIndex = -1; // the message showMessage() highlights in ...
    QStringList m_highlightTerms; // ... and the words
    std::pair<int, int> m_versionShown { -1, 0 }; // message, step: a version asked for
    QPointer<QWidget> m_anchor; // the bubble at the top of the view ...
    int m_anchorOffset = 0; // ... and its y minus the scroll position
};

} // namespace detour
