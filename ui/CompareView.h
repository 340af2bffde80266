// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QPushButton;
class QHBoxLayout;

namespace detour {

class ComparisonColumn;
class ComparisonController;

// Compare mode on screen, between the transcript and the composer: which routes the next
// question goes to (or, before it is asked, a line saying so), then one column per route
// streaming side by side, the summary line above them, "Use this answer" per column and
// "Leave compare mode". Hidden outside compare mode. Streaming Markdown is rendered at
// most once a frame, as in the chat pane.
class CompareView final : public QWidget {
    Q_OBJECT

public:
    explicit CompareView(ComparisonController *controller, QWidget *parent = nullptr);

    QList<ComparisonColumn *> columns() const { return m_columns; }
    QLabel *summary() const { return m_summary; }
    QLabel *hint() const { return m_hint; }
    QPushButton *leaveButton() const { return m_leave; }

Q_SIGNALS:
    // The person asked for column's attempts (its turn key) in the inspector.
    void turnSelected(int turn);
    void linkActivated(const QUrl &url);
    // An answer could not be used, and why.
    void problem(const QString &sentence);

private:
    void showRoutes();
    void buildColumns();
    void clearColumns();
    void finishColumn(int column);
    void renderFrame();

    ComparisonController *m_controller;
    QLabel *m_title;
    QLabel *m_hint;
    QLabel *m_summary;
    QPushButton *m_leave;
    QHBoxLayout *m_columnRow;
    QList<ComparisonColumn *> m_columns;
    QTimer m_frame;
};

} // namespace detour
