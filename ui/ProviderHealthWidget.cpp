// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ProviderHealthWidget.h"

#include "HealthChart.h"
#include "health/CooldownModel.h"
#include "health/ProviderHealthModel.h"
#include "route/RouteEngine.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

namespace detour {

using namespace Qt::StringLiterals;

ProviderHealthWidget::ProviderHealthWidget(
    const ProviderHealthQuery *query, CooldownTable *cooldowns, QWidget *parent)
    : QWidget(parent)
    // Read when the page is first shown (showEvent): not at start, behind a closed panel.
    , m_health(new ProviderHealthModel(query, this, ProviderHealthModel::Load::AtFirstRefresh))
    , m_cooldowns(new CooldownModel(cooldowns, this))
    , m_window(new QComboBox(this))
    , m_perModel(new QCheckBox(tr("Per &model"), this))
    , m_empty(new QLabel(this))
    , m_chart(new HealthChart(m_health, this))
    , m_table(new QTableView(this))
    , m_noCooldowns(new QLabel(tr("Nothing is cooling down: every step may be tried."), this))
    , m_cooldownTable(new QTableView(this))
    , m_clearAll(new QPushButton(tr("Clear &all"), this))
{
    setObjectName(u"providerHealth"_s);

    // Window and grouping.
    for (HealthWindow window : { HealthWindow::LastHour, HealthWindow::LastDay,
             HealthWindow::LastWeek, HealthWindow::All })
        m_window->addItem(ProviderHealthModel::windowName(window), int(window));
    m_window->setCurrentIndex(m_window->findData(int(m_health->window())));
    m_window->setObjectName(u"healthWindow"_s);
    m_window->setAccessibleName(tr("Time window"));
    m_perModel->setObjectName(u"healthPerModel"_s);
    m_perModel->setToolTip(tr("One row per provider and model instead of one per provider."));
    auto *refresh = new QPushButton(tr("&Refresh"), this);
    refresh->setObjectName(u"healthRefresh"_s);
    auto *windowLabel = new QLabel(tr("&Window:"), this);
    windowLabel->setBuddy(m_window);
    auto *controls = new QHBoxLayout;
    controls->addWidget(windowLabel);
    controls->addWidget(m_window);
    controls->addWidget(m_perModel);
    controls->addStretch(1);
    controls->addWidget(refresh);

    // Health: the empty state, or the chart and the table.
    m_empty->setObjectName(u"healthEmpty"_s);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setMinimumHeight(fontMetrics().height() * 4);
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_health);
    proxy->setSortRole(ProviderHealthModel::SortRole);
    m_table->setObjectName(u"healthTable"_s);
    m_table->setAccessibleName(tr("Provider health"));
    m_table->setModel(proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ProviderHealthModel::Tries, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(
        ProviderHealthModel::Provider, QHeaderView::Stretch);
    m_table->setColumnHidden(ProviderHealthModel::Model, true);
    auto *chartScroll = new QScrollArea(this);
    chartScroll->setWidget(m_chart);
    chartScroll->setWidgetResizable(true);
    chartScroll->setFrameShape(QFrame::NoFrame);

    // Cooldowns.
    m_cooldownTable->setObjectName(u"cooldownTable"_s);
    m_cooldownTable->setAccessibleName(tr("Providers cooling down"));
    m_cooldownTable->setModel(m_cooldowns);
    m_cooldownTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_cooldownTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_cooldownTable->verticalHeader()->hide();
    m_cooldownTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_cooldownTable->horizontalHeader()->setSectionResizeMode(
        CooldownModel::Scope, QHeaderView::Stretch);
    m_noCooldowns->setObjectName(u"noCooldowns"_s);
    m_clearAll->setObjectName(u"clearAllCooldowns"_s);
    m_clearAll->setToolTip(tr("Let every cooling step be tried again on the next turn."));
    auto *cooldownBox = new QGroupBox(tr("Cooldowns (steps the next turn skips)"), this);
    auto *cooldownLayout = new QVBoxLayout(cooldownBox);
    cooldownLayout->addWidget(m_noCooldowns);
    cooldownLayout->addWidget(m_cooldownTable);
    auto *clearRow = new QHBoxLayout;
    clearRow->addStretch(1);
    clearRow->addWidget(m_clearAll);
    cooldownLayout->addLayout(clearRow);

    auto *healthPart = new QWidget(this);
    auto *healthLayout = new QVBoxLayout(healthPart);
    healthLayout->setContentsMargins(0, 0, 0, 0);
    healthLayout->addLayout(controls);
    healthLayout->addWidget(m_empty);
    healthLayout->addWidget(chartScroll);
    healthLayout->addWidget(m_table, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(healthPart);
    splitter->addWidget(cooldownBox);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(m_window, &QComboBox::activated, this,
        [this] { m_health->setWindow(HealthWindow(m_window->currentData().toInt())); });
    connect(m_perModel, &QCheckBox::toggled, this, [this](bool perModel) {
        m_health->setGrouping(perModel ? HealthGrouping::ProviderModel : HealthGrouping::Provider);
        m_table->setColumnHidden(ProviderHealthModel::Model, !perModel);
    });
    connect(refresh, &QPushButton::clicked, m_health, &ProviderHealthModel::refresh);
    connect(refresh, &QPushButton::clicked, m_cooldowns, &CooldownModel::refresh);
    // The chart takes the height it needs, up to about ten providers; it scrolls beyond.
    const auto fitChart = [this, chartScroll] {
        chartScroll->setVisible(m_health->rowCount() > 0);
        chartScroll->setFixedHeight(std::min(m_chart->sizeHint().height(),
            m_chart->sizeHint().height() * 10 / std::max(10, m_health->rowCount())));
    };
    connect(m_health, &QAbstractItemModel::modelReset, this, [this, fitChart] {
        updateHealthState();
        fitChart();
    });
    connect(m_clearAll, &QPushButton::clicked, m_cooldowns, &CooldownModel::clearAll);
    connect(m_cooldowns, &QAbstractItemModel::modelReset, this, [this] {
        addClearButtons();
        updateCooldownState();
    });
    connect(m_cooldowns, &QAbstractItemModel::rowsRemoved, this,
        &ProviderHealthWidget::updateCooldownState);
    fitChart();
    updateHealthState();
    addClearButtons();
    updateCooldownState();
}

void ProviderHealthWidget::follow(RouteEngine *engine)
{
    connect(engine, &RouteEngine::turnStarted, this, [this](TurnRunner *runner) {
        // Settled comes after the recorder wrote the turn (and OpenRouter's own tries).
        connect(runner, &TurnRunner::settled, this, &ProviderHealthWidget::refresh,
            Qt::QueuedConnection);
    });
}

void ProviderHealthWidget::refresh()
{
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    m_stale = false;
    m_health->refresh();
}

void ProviderHealthWidget::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_cooldowns->refresh(); // another process may have cooled something down
    if (m_stale)
        refresh();
}

void ProviderHealthWidget::updateHealthState()
{
    const bool empty = m_health->rowCount() == 0;
    m_empty->setText(m_health->emptyText());
    m_empty->setVisible(empty);
    m_table->setVisible(!empty);
}

void ProviderHealthWidget::updateCooldownState()
{
    const bool none = m_cooldowns->rowCount() == 0;
    m_noCooldowns->setVisible(none);
    m_cooldownTable->setVisible(!none);
    m_clearAll->setEnabled(!none);
}

void ProviderHealthWidget::addClearButtons()
{
    for (int row = 0; row < m_cooldowns->rowCount(); ++row) {
        auto *clear = new QPushButton(tr("Clear"), m_cooldownTable);
        clear->setObjectName(u"clearCooldown%1"_s.arg(row));
        const CooldownTable::Entry &entry = m_cooldowns->entry(row);
        clear->setToolTip(tr("Let %1 be tried again on the next turn.").arg(entry.scopeText()));
        // The row is looked up when clicked: rows above it may have expired meanwhile.
        const QPersistentModelIndex index = m_cooldowns->index(row, CooldownModel::Action);
        connect(clear, &QPushButton::clicked, this, [this, index] {
            if (index.isValid())
                m_cooldowns->clearRow(index.row());
        });
        m_cooldownTable->setIndexWidget(index, clear);
    }
}

} // namespace detour
