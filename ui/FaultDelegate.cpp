#include "FaultDelegate.h"

#include "sim/SimFault.h"

#include <QComboBox>

namespace detour {

QWidget *FaultDelegate::createEditor(
    QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const
{
    auto *combo = new QComboBox(parent);
    for (SimFault::Kind kind : SimFault::kinds())
        combo->addItem(SimFault::label(kind), int(kind));
    connect(combo, &QComboBox::activated, this, [this, combo] {
        auto *self = const_cast<FaultDelegate *>(this);
        Q_EMIT self->commitData(combo);
    });
    return combo;
}

void FaultDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *combo = static_cast<QComboBox *>(editor);
    combo->setCurrentIndex(std::max(0, combo->findData(index.data(Qt::EditRole))));
}

void FaultDelegate::setModelData(
    QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    model->setData(index, static_cast<QComboBox *>(editor)->currentData(), Qt::EditRole);
}

} // namespace detour
