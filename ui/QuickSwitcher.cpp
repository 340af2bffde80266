// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "QuickSwitcher.h"

#include "chat/QuickSwitchModel.h"
#include "chat/RouteChoices.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

namespace detour {

using namespace Qt::StringLiterals;

QuickSwitcher::QuickSwitcher(QuickSwitchModel *model, RouteChoices *routes, QWidget *parent)
    : QDialog(parent)
    , m_model(model)
    , m_routes(routes)
    , m_filter(new QLineEdit(this))
    , m_list(new QListView(this))
    , m_primary(new QPushButton(this))
    , m_secondary(new QPushButton(this))
    , m_error(new QLabel(this))
{
    setObjectName(u"quickSwitcher"_s);
    setWindowTitle(tr("Switch route or model"));
    m_filter->setObjectName(u"switcherFilter"_s);
    m_filter->setAccessibleName(tr("Filter routes and models"));
    m_filter->setPlaceholderText(tr("Type to filter routes and models; Enter picks, Esc closes"));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);
    m_list->setObjectName(u"switcherList"_s);
    m_list->setAccessibleName(tr("Routes and models"));
    m_list->setModel(m_model);
    m_list->setUniformItemSizes(true);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setFocusPolicy(Qt::NoFocus); // the keys stay in the filter field
    m_list->setTextElideMode(Qt::ElideRight);
    m_primary->setObjectName(u"switcherPrimary"_s);
    m_primary->setAutoDefault(false);
    m_secondary->setObjectName(u"switcherSecondary"_s);
    m_secondary->setAutoDefault(false);
    m_error->setObjectName(u"switcherError"_s);
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->hide();

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_primary);
    buttons->addWidget(m_secondary);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_error);
    layout->addLayout(buttons);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_model->setFilterText(text);
        selectRow(0);
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { selectRow(0); });
    connect(m_list, &QListView::clicked, this,
        [this](const QModelIndex &index) { selectRow(index.row()); });
    connect(m_list, &QListView::doubleClicked, this, [this] { pick(false); });
    connect(m_primary, &QPushButton::clicked, this, [this] { pick(false); });
    connect(m_secondary, &QPushButton::clicked, this, [this] { pick(true); });
    connect(m_routes, &RouteChoices::activeRouteChanged, this, &QuickSwitcher::updateButtons);
    resize(560, 420);
    reset();
}

void QuickSwitcher::reset()
{
    m_error->hide();
    if (m_filter->text().isEmpty())
        selectRow(0);
    else
        m_filter->clear();
    m_filter->setFocus();
}

void QuickSwitcher::selectRow(int row)
{
    const int rows = m_model->rowCount();
    const QModelIndex index =
        rows ? m_model->index(std::clamp(row, 0, rows - 1), 0) : QModelIndex();
    m_list->setCurrentIndex(index);
    if (index.isValid())
        m_list->scrollTo(index);
    updateButtons();
}

void QuickSwitcher::updateButtons()
{
    const QModelIndex current = m_list->currentIndex();
    const bool model = current.isValid()
        && current.data(QuickSwitchModel::KindRole).value<QuickSwitchModel::Kind>()
            == QuickSwitchModel::Kind::Model;
    m_primary->setEnabled(current.isValid());
    m_primary->setText(model ? tr("Use only this model in this conversation (Enter)")
                             : tr("Switch to this route (Enter)"));
    m_secondary->setVisible(model);
    const QString route = m_routes->rowOf(m_routes->activeRoute().name) >= 0
        ? m_routes->index(m_routes->rowOf(m_routes->activeRoute().name)).data().toString()
        : m_routes->activeRoute().name;
    // A long route name is shortened in the middle (the button must fit an 800×600 window).
    m_secondary->setText(tr("Put it in front of “%1” for this conversation (Shift+Enter)")
                             .arg(fontMetrics().elidedText(route, Qt::ElideMiddle, 220)));
    m_secondary->setToolTip(route);
}

void QuickSwitcher::pick(bool inFront)
{
    const QModelIndex current = m_list->currentIndex();
    if (!current.isValid())
        return;
    const QString name = current.data(QuickSwitchModel::NameRole).toString();
    const bool model = current.data(QuickSwitchModel::KindRole).value<QuickSwitchModel::Kind>()
        == QuickSwitchModel::Kind::Model;
    QString routeName = name;
    if (model) {
        const Result<QString> chosen = m_routes->chooseModel(
            name, inFront ? RouteChoices::ModelUse::InFront : RouteChoices::ModelUse::Only);
        if (!chosen) {
            m_error->setText(chosen.error());
            m_error->show();
            return;
        }
        routeName = *chosen;
    } else {
        m_routes->choose(name);
    }
    m_model->notePicked(
        model ? QuickSwitchModel::Kind::Model : QuickSwitchModel::Kind::Route, name);
    accept();
    Q_EMIT picked(routeName);
}

bool QuickSwitcher::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const int row = m_list->currentIndex().row();
        const int page = std::max(1, m_list->height() / std::max(1, m_list->sizeHintForRow(0)));
        switch (key->key()) {
        case Qt::Key_Down:
            selectRow(row + 1);
            return true;
        case Qt::Key_Up:
            selectRow(row - 1);
            return true;
        case Qt::Key_PageDown:
            selectRow(row + page);
            return true;
        case Qt::Key_PageUp:
            selectRow(row - page);
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            pick(key->modifiers().testFlag(Qt::ShiftModifier));
            return true;
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace detour
