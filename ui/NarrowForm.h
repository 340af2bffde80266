// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

class QCheckBox;
class QComboBox;
class QFormLayout;
class QString;
class QWidget;

namespace detour {

// Forms for a narrow side panel (the route editor's step and policy pages): labels above
// their fields, check boxes and combo boxes that fit the panel's width.

// A form for a narrow side panel: each label above its field, with the panel's width.
QFormLayout *narrowForm(QWidget *page);

// A row with a label that is the field's buddy (its mnemonic focuses the field).
void addRow(QFormLayout *form, const QString &text, QWidget *field);

// A check box whose words wrap in a narrow panel. QCheckBox cannot wrap its text,
// so the box carries none of its own (a screen reader gets it as its name) and a
// word-wrapping label beside it toggles it when clicked. Returns the row to add.
QWidget *wrappingCheckBox(QCheckBox *box, const QString &text, QWidget *parent);

// Combo boxes as wide as the panel gives them, never wider for their longest choice.
void narrowCombo(QComboBox *box);

} // namespace detour
