#pragma once

#include <QStyledItemDelegate>

namespace detour {

// Edits ProviderChoiceModel's choice column with a combo box of the choices
// (opened by F2, a double click or a click on the selected cell).
class ProviderChoiceDelegate final : public QStyledItemDelegate {
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
