// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "chat/ChatSession.h"
#include "route/TurnBadge.h"

#include <QFrame>
#include <QTextCharFormat>
#include <QTextCursor>

class QLabel;
class QToolButton;

namespace detour {

class AttachmentStrip;
class MarkdownView;
class ThinkingSection;

// One message in the chat pane: who, the Markdown body, and for replies the
// badge (who served it, or what failed) and the actions that fit its state.
// A message with other versions (an edited question, a regenerated reply) shows
// ‹ 2 / 3 ›: the buttons, or Alt+Left / Alt+Right while the focus is anywhere in
// the message, ask for the previous or next version (siblingRequested).
class MessageBubble final : public QFrame {
    Q_OBJECT

public:
    MessageBubble(int index, const ChatSession::Message &message, QWidget *parent = nullptr);

    int index() const { return m_index; }
    void update(const ChatSession::Message &message, bool busy);
    // Makes this bubble show another message of the same role, as if it had been made for
    // it: the chat view reuses bubbles that scrolled far away instead of making new ones
    // (a bubble is a score of widgets; making and polishing them was most of its cost).
    void rebind(int index, const ChatSession::Message &message, bool busy);
    bool isUser() const { return m_isUser; }
    // The height the chat view's layout will give this (shown) bubble at `width`, known
    // before it does: the body's text is laid out at the width it will have there.
    int heightAt(int width);
    void renderPending();
    MarkdownView *body() const { return m_body; }
    ThinkingSection *thinking() const { return m_thinking; } // replies only; else null

    // Marks every occurrence of `terms` in the body, case-insensitively, with
    // searchHitFormat() (extra selections: the document is not changed, so
    // clearing is forgetting them); no terms clears. Returns the first match,
    // or a null cursor when there is none.
    QTextCursor highlight(const QStringList &terms);
    static QTextCharFormat searchHitFormat();
    QLabel *badge() const { return m_badge; }
    // The message's attachments as read-only chips; null when it has none.
    AttachmentStrip *attachments() const { return m_attachments; }
    // The slim line under a reply: "✗ Chutes 429 → ✓ Groq" (TurnBadge::attemptsLine);
    // hidden while the reply streams and when one request served it.
    QLabel *attemptsLine() const { return m_attempts; }
    // ‹ n / m ›: hidden while the message has no other version.
    QToolButton *previousVersion() const { return m_previousVersion; }
    QToolButton *nextVersion() const { return m_nextVersion; }
    QLabel *versionLabel() const { return m_versionLabel; }

Q_SIGNALS:
    void badgeClicked(int turn);
    void copyRequested(int index);
    void editRequested(int index);
    void regenerateRequested();
    void continueRequested();
    void siblingRequested(int index, int step); // -1: the previous version, +1: the next
    void linkActivated(const QUrl &url);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QLabel *makeTurnLink(const QString &objectName, const QString &name);
    void showAttempts(); // m_hops, coloured for the current palette
    void showAttachments(const QList<Attachment> &attachments);
    void showVersions(const ChatSession::Message &message, bool busy);
    void requestSibling(int step);
    bool extendsShown(const QString &content) const;

    int m_index;
    int m_turn = -1;
    bool m_isUser;
    qsizetype m_shownLength = 0;
    MarkdownView *m_body;
    ThinkingSection *m_thinking = nullptr;
    AttachmentStrip *m_attachments = nullptr;
    QList<const char *> m_attachmentData; // what m_attachments shows
    QLabel *m_badge = nullptr;
    QLabel *m_attempts = nullptr;
    QList<TurnBadge::Hop> m_hops; // what m_attempts shows
    QString m_userText; // the person's message as written (the body shows it with hard breaks)
    QList<QToolButton *> m_actions; // copy, edit / continue, regenerate
    QToolButton *m_edit = nullptr;
    QToolButton *m_regenerate = nullptr;
    QToolButton *m_continue = nullptr;
    QToolButton *m_previousVersion;
    QLabel *m_versionLabel;
    QToolButton *m_nextVersion;
    int m_sibling = 0;
    int m_siblings = 1;
    bool m_busy = false;
};

} // namespace detour
