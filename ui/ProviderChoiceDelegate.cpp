#include "ProviderChoiceDelegate.h"

#include "ProviderChoiceModel.h"

#include <QComboBox>

namespace detour {

using namespace Qt::StringLiterals;

QWidget *ProviderChoiceDelegate::createEditor(
    QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.column() != ProviderChoiceModel::ChoiceColumn)
        return QStyledItemDelegate::createEditor(parent, option, index);
    auto *box = new QComboBox(parent);
    box->setObjectName(u"providerChoiceEditor"_s);
    box->setAccessibleName(
        tr("Use of %1")
            .arg(index.siblingAtColumn(ProviderChoiceModel::ProviderColumn).data().toString()));
    for (ProviderChoiceModel::Choice choice : ProviderChoiceModel::choices()) {
        box->addItem(ProviderChoiceModel::choiceName(choice), int(choice));
        box->setItemData(
            box->count() - 1, ProviderChoiceModel::choiceHelp(choice), Qt::ToolTipRole);
    }
    // A choice made is a choice stored: no Enter needed.
    connect(box, &QComboBox::activated, this, [this, box] {
        auto *self = const_cast<ProviderChoiceDelegate *>(this);
        Q_EMIT self->commitData(box);
        Q_EMIT self->closeEditor(box);
    });
    return box;
}

void ProviderChoiceDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *box = qobject_cast<QComboBox *>(editor))
        box->setCurrentIndex(box->findData(index.data(Qt::EditRole)));
    else
        QStyledItemDelegate::setEditorData(editor, index);
}

void ProviderChoiceDelegate::setModelData(
    QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *box = qobject_cast<QComboBox *>(editor))
        model->setData(index, box->currentData(), Qt::EditRole);
    else
        QStyledItemDelegate::setModelData(editor, model, index);
}

} // namespace detour
