// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ComboBoxDelegate.h"

#include <QComboBox>
#include <algorithm>

namespace detour {

using namespace Qt::StringLiterals;

ComboBoxDelegate::ComboBoxDelegate(
    QList<Option> options, QObject *parent, AccessibleName accessibleName)
    : QStyledItemDelegate(parent)
    , m_options(std::move(options))
    , m_accessibleName(std::move(accessibleName))
    , m_editorName(u"comboBoxDelegateEditor"_s)
{
}

QWidget *ComboBoxDelegate::createEditor(
    QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &index) const
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(m_editorName);
    combo->setAccessibleName(m_accessibleName
            ? m_accessibleName(index)
            : index.model()->headerData(index.column(), Qt::Horizontal).toString());
    for (const Option &option : m_options) {
        combo->addItem(option.label, option.value);
        if (!option.help.isEmpty())
            combo->setItemData(combo->count() - 1, option.help, Qt::ToolTipRole);
    }
    connect(combo, &QComboBox::activated, this, [this, combo] {
        auto *self = const_cast<ComboBoxDelegate *>(this);
        Q_EMIT self->commitData(combo);
    });
    return combo;
}

void ComboBoxDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *combo = static_cast<QComboBox *>(editor);
    combo->setCurrentIndex(std::max(0, combo->findData(index.data(Qt::EditRole))));
}

void ComboBoxDelegate::setModelData(
    QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    model->setData(index, static_cast<QComboBox *>(editor)->currentData(), Qt::EditRole);
}

} // namespace detour
