// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QWidget>
#include <functional>
#include <optional>

class QLabel;
class QTimer;
class QToolButton;

namespace detour {

// The model's reasoning above a reply: open while the model is only thinking,
// closed (showing its length) once the answer starts, opened again by a click
// or Enter / Space on its header. Hidden when the model sent no reasoning.
// While the reply is live the header counts the time spent thinking, from the
// first reasoning to the first words of the answer, and keeps it; a reply read
// back from the history shows the length only (the time is not stored).
class ThinkingSection final : public QWidget {
    Q_OBJECT

public:
    explicit ThinkingSection(QWidget *parent = nullptr);

    // Milliseconds of a steady clock; tests hand in their own.
    using Clock = std::function<qint64()>;

    // The whole reasoning so far; `answerStarted`: the reply's text has begun; `live`:
    // the reply is streaming now (the thinking is timed only then).
    void setReasoning(const QString &text, bool answerStarted, bool live = false);
    void setClock(Clock clock) { m_clock = std::move(clock); }
    // How long the model thought, once known (or so far, while it still thinks).
    std::optional<qint64> thinkingMs() const;
    bool isExpanded() const { return m_expanded; }
    void setExpanded(bool expanded);
    QString text() const { return m_text; }
    QToolButton *toggle() const { return m_toggle; }

private:
    void updateHeader();

    QToolButton *m_toggle;
    QLabel *m_body;
    QTimer *m_tick; // refreshes the running time once a second while the model thinks
    Clock m_clock;
    std::optional<qint64> m_thinkingSince; // clock time of the first reasoning, when live
    std::optional<qint64> m_thoughtMs; // first reasoning to the answer (or the end)
    QString m_text;
    bool m_expanded = true;
    bool m_chosen = false; // the person opened or closed it: leave it as they want it
    bool m_answerStarted = false;
};

} // namespace detour
