// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;

namespace detour {

class QuickSwitchModel;
class RouteChoices;

// The quick switcher (Ctrl+K): a filter field over routes and catalog models together.
// Type to filter, Up / Down to move, Esc to close. On a route, Enter switches the
// conversation to it; on a model, Enter uses only that model in this conversation and
// Shift+Enter puts it in front of the conversation's route (both offered as buttons).
class QuickSwitcher final : public QDialog {
    Q_OBJECT

public:
    QuickSwitcher(QuickSwitchModel *model, RouteChoices *routes, QWidget *parent = nullptr);

    QLineEdit *filter() const { return m_filter; }
    QListView *list() const { return m_list; }
    QPushButton *primaryButton() const { return m_primary; }
    QPushButton *secondaryButton() const { return m_secondary; }
    // Empties the filter and selects the first row: how the switcher opens.
    void reset();
    // Picks the current row: `inFront` puts a model in front of the route.
    void pick(bool inFront);

Q_SIGNALS:
    void picked(const QString &routeName);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void selectRow(int row);
    void updateButtons();

    QuickSwitchModel *m_model;
    RouteChoices *m_routes;
    QLineEdit *m_filter;
    QListView *m_list;
    QPushButton *m_primary;
    QPushButton *m_secondary;
    QLabel *m_error;
};

} // namespace detour
