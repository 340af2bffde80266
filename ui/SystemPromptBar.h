// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace detour {

class ElidedLabel;
class SavedPromptsButton;

// The conversation's system prompt at the top of the transcript: one elided
// line until the person clicks it (or presses Enter or Space on it), then the
// whole text. Hidden while the conversation has no system prompt.
class SystemPromptBar final : public QFrame {
    Q_OBJECT

public:
    explicit SystemPromptBar(QWidget *parent = nullptr);

    void setPrompt(const QString &prompt);
    bool isExpanded() const { return m_expanded; }
    void setExpanded(bool expanded);
    // "Prompts": picks a saved prompt for this conversation (wired by ConversationSettingsActions).
    SavedPromptsButton *savedPromptsButton() const { return m_prompts; }

Q_SIGNALS:
    void editRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QToolButton *m_toggle;
    ElidedLabel *m_line; // collapsed
    QLabel *m_full; // expanded
    QToolButton *m_edit;
    SavedPromptsButton *m_prompts;
    bool m_expanded = false;
};

} // namespace detour
