// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace detour {

// The model's reasoning above a reply: open while the model is only thinking,
// closed (showing its length) once the answer starts, opened again by a click
// or Enter / Space on its header. Hidden when the model sent no reasoning.
class ThinkingSection final : public QWidget {
    Q_OBJECT

public:
    explicit ThinkingSection(QWidget *parent = nullptr);

    // The whole reasoning so far; `answerStarted`: the reply's text has begun.
    void setReasoning(const QString &text, bool answerStarted);
    bool isExpanded() const { return m_expanded; }
    void setExpanded(bool expanded);
    QString text() const { return m_text; }
    QToolButton *toggle() const { return m_toggle; }

private:
    void updateHeader();

    QToolButton *m_toggle;
    QLabel *m_body;
    QString m_text;
    bool m_expanded = true;
    bool m_chosen = false; // the person opened or closed it: leave it as they want it
    bool m_answerStarted = false;
};

} // namespace detour
