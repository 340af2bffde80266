// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ComparePickerDialog.h"

#include "chat/RouteChoices.h"
#include "route/RouteComparison.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

ComparePickerDialog::ComparePickerDialog(
    RouteChoices *routes, const QStringList &ticked, QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_count(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"comparePicker"_s);
    setWindowTitle(tr("Compare routes"));
    auto *intro = new QLabel(tr("Your next question goes to every route you tick, at once, and "
                                "the answers are shown side by side. Tick %1 to %2 routes:")
                                 .arg(RouteComparison::minRoutes)
                                 .arg(RouteComparison::maxRoutes),
        this);
    intro->setWordWrap(true);
    m_list->setObjectName(u"compareRouteList"_s);
    m_list->setAccessibleName(tr("Routes to compare"));
    intro->setBuddy(m_list);
    const QStringList first =
        ticked.isEmpty() ? QStringList { routes->activeRoute().name } : ticked;
    for (int row = 0; row < routes->rowCount(); ++row) {
        const QModelIndex index = routes->index(row);
        auto *item = new QListWidgetItem(index.data(Qt::DisplayRole).toString(), m_list);
        const QString name = index.data(RouteChoices::NameRole).toString();
        item->setData(Qt::UserRole, name);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(first.contains(name) ? Qt::Checked : Qt::Unchecked);
    }
    m_list->setCurrentRow(0);
    m_count->setObjectName(u"compareCount"_s);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Compare"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(u"compareOkButton"_s);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_count);
    layout->addWidget(m_buttons);
    connect(m_list, &QListWidget::itemChanged, this, &ComparePickerDialog::updateState);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateState();
}

QStringList ComparePickerDialog::chosenNames() const
{
    QStringList names;
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->checkState() == Qt::Checked)
            names << m_list->item(row)->data(Qt::UserRole).toString();
    }
    return names;
}

void ComparePickerDialog::updateState()
{
    const int count = int(chosenNames().size());
    const bool fits = count >= RouteComparison::minRoutes && count <= RouteComparison::maxRoutes;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(fits);
    m_count->setText(count < RouteComparison::minRoutes
            ? tr("%n route(s) ticked: tick at least %1.", nullptr, count)
                  .arg(RouteComparison::minRoutes)
            : count > RouteComparison::maxRoutes
            ? tr("%n route(s) ticked: at most %1 can be compared.", nullptr, count)
                  .arg(RouteComparison::maxRoutes)
            : tr("%n route(s) ticked.", nullptr, count));
}

} // namespace detour
