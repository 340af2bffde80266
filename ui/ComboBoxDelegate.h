// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QList>
#include <QStyledItemDelegate>
#include <QVariant>
#include <functional>

namespace detour {

// Edits a column whose EditRole is one of a few values with a combo box of
// them, committing as soon as one is chosen (no Enter needed). The rehearsal
// dock's faults and the provider panel's "Use" column share it.
class ComboBoxDelegate final : public QStyledItemDelegate {
    Q_OBJECT

public:
    struct Option {
        QString label;
        QVariant value; // what setData receives as Qt::EditRole
        QString help; // the item's tooltip; may be empty
    };
    // What a screen reader calls the combo box of `index`; empty: the column's header.
    using AccessibleName = std::function<QString(const QModelIndex &index)>;

    explicit ComboBoxDelegate(
        QList<Option> options, QObject *parent = nullptr, AccessibleName accessibleName = {});

    // The combo box's object name (for tests and tools), "comboBoxDelegateEditor" by default.
    void setEditorObjectName(const QString &name) { m_editorName = name; }

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(
        QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

private:
    QList<Option> m_options;
    AccessibleName m_accessibleName;
    QString m_editorName;
};

} // namespace detour
