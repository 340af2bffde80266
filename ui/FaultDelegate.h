#pragma once

#include <QStyledItemDelegate>

namespace detour {

// Edits SimFaultModel's fault column with a combo box of SimFault's kinds,
// committing as soon as a fault is chosen.
class FaultDelegate final : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(
        QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
};

} // namespace detour
