// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "route/Attempt.h"

#include <QFrame>

class QLabel;
class QPushButton;
class QToolButton;

namespace detour {

class MarkdownView;

// One route's cell of a comparison: the route's name, its answer as streaming Markdown,
// its badge (served by, fallbacks, first token, duration, tokens per second, cost) or
// what went wrong, the slim attempts line, and "Use this answer".
class ComparisonColumn final : public QFrame {
    Q_OBJECT

public:
    ComparisonColumn(int column, const QString &routeName, QWidget *parent = nullptr);

    int column() const { return m_column; }
    QString routeName() const { return m_routeName; }
    MarkdownView *body() const { return m_body; }
    QLabel *badge() const { return m_badge; }
    QLabel *attemptsLine() const { return m_attempts; }
    QPushButton *useButton() const { return m_use; }

    void append(const QString &text);
    // While it runs, why it waits; finished, the turn's badge. `usable`: its answer can be
    // continued with.
    void showRunning(const QString &status);
    void showFinished(const TurnResult &result, bool usable);
    void renderPending();

    // "Groq · x/y · first token 0.4 s · 1.2 s · 63 tok · 52 tok/s · $0.0001": TurnBadge's
    // line with the tokens per second of a comparison.
    static QString badgeText(const TurnResult &result);

Q_SIGNALS:
    void useRequested(int column);
    void attemptsRequested(int column);
    void linkActivated(const QUrl &url);

private:
    int m_column;
    QString m_routeName;
    MarkdownView *m_body;
    QLabel *m_badge;
    QLabel *m_attempts;
    QToolButton *m_inspect;
    QPushButton *m_use;
    bool m_empty = true;
};

} // namespace detour
