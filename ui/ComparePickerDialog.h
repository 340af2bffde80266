// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QListWidget;

namespace detour {

class RouteChoices;

// Chat ▸ Compare routes…: the routes of the route library (as the composer's picker lists
// them), each with a tick box, the active route ticked; Compare is enabled with two to four.
class ComparePickerDialog final : public QDialog {
    Q_OBJECT

public:
    // `ticked`: the routes ticked at first (by name); none: the active route.
    ComparePickerDialog(
        RouteChoices *routes, const QStringList &ticked = {}, QWidget *parent = nullptr);

    QListWidget *list() const { return m_list; }
    QDialogButtonBox *buttons() const { return m_buttons; }
    // The ticked routes' names, in the list's order.
    QStringList chosenNames() const;

private:
    void updateState();

    QListWidget *m_list;
    QLabel *m_count;
    QDialogButtonBox *m_buttons;
};

} // namespace detour
