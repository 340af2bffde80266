#pragma once

#include "chat/ChatSession.h"

#include <QScrollArea>
#include <QSet>
#include <QTimer>

class QLabel;
class QVBoxLayout;

namespace detour {

class MessageBubble;

// The chat pane: one bubble per message of a ChatSession. Deltas are
// coalesced and rendered at most once per frame; an empty conversation shows
// what Detour is, the active route and a prompt to try.
class ChatView final : public QScrollArea {
    Q_OBJECT

public:
    ChatView(ChatSession *session, QWidget *parent = nullptr);

    void setEmptyStateText(const QString &html);
    MessageBubble *bubble(int index) const;
    int bubbleCount() const { return int(m_bubbles.size()); }

Q_SIGNALS:
    void turnSelected(int turn);
    void editRequested(int index, const QString &text);
    void samplePromptChosen(const QString &text);
    void linkActivated(const QUrl &url);

private:
    void rebuild();
    void append(int index);
    void markChanged(int index);
    void renderFrame();
    void connectBubble(MessageBubble *bubble);

    ChatSession *m_session;
    QWidget *m_content;
    QVBoxLayout *m_layout;
    QLabel *m_emptyState;
    QList<MessageBubble *> m_bubbles;
    QSet<int> m_dirty;
    QTimer m_frame;
    bool m_followTail = true;
};

} // namespace detour
