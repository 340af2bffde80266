// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RehearsalDock.h"

#include "ComboBoxDelegate.h"
#include "rehearsal/RehearsalRunner.h"
#include "route/RouteStepsModel.h"
#include "sim/SimFault.h"
#include "sim/SimFaultModel.h"
#include "sim/SimServer.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

RehearsalDock::RehearsalDock(SimServer *simulator, RouteStepsModel *route, QWidget *parent)
    : QWidget(parent)
    , m_simulator(simulator)
    , m_route(route)
    , m_faults(new SimFaultModel(simulator, this))
    , m_runner(new RehearsalRunner(this))
    , m_faultTable(new QTableView(this))
    , m_resultTable(new QTableView(this))
    , m_turns(new QSpinBox(this))
    , m_rehearse(new QPushButton(tr("Rehearse this route"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_summary(new QLabel(this))
{
    setObjectName(u"rehearsalDock"_s);
    m_faultTable->setObjectName(u"faultTable"_s);
    m_faultTable->setAccessibleName(tr("Simulated provider faults"));
    m_faultTable->setModel(m_faults);
    QList<ComboBoxDelegate::Option> faults;
    for (SimFault::Kind kind : SimFault::kinds())
        faults.append({ SimFault::label(kind), int(kind), {} });
    m_faultTable->setItemDelegateForColumn(
        SimFaultModel::FaultColumn, new ComboBoxDelegate(faults, this));
    m_faultTable->verticalHeader()->hide();
    QHeaderView *faultHeader = m_faultTable->horizontalHeader();
    faultHeader->setSectionResizeMode(SimFaultModel::ProviderColumn, QHeaderView::ResizeToContents);
    faultHeader->setSectionResizeMode(SimFaultModel::ModelsColumn, QHeaderView::Stretch);
    faultHeader->setSectionResizeMode(SimFaultModel::FaultColumn, QHeaderView::Fixed);
    faultHeader->setSectionResizeMode(
        SimFaultModel::RetryAfterColumn, QHeaderView::ResizeToContents);
    m_faultTable->setColumnWidth(SimFaultModel::FaultColumn, 210);
    m_faultTable->setWordWrap(false);
    m_faultTable->setEditTriggers(QAbstractItemView::AllEditTriggers);
    connect(m_faults, &QAbstractItemModel::modelReset, this, &RehearsalDock::openFaultEditors);
    openFaultEditors();

    m_resultTable->setObjectName(u"rehearsalResults"_s);
    m_resultTable->setAccessibleName(tr("Rehearsal results"));
    m_resultTable->setModel(m_runner->results());
    m_resultTable->verticalHeader()->hide();
    m_resultTable->horizontalHeader()->setStretchLastSection(true);
    m_resultTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_resultTable->setEditTriggers(QAbstractItemView::NoEditTriggers);

    m_turns->setObjectName(u"rehearsalTurns"_s);
    m_turns->setAccessibleName(tr("Turns to rehearse"));
    m_turns->setRange(1, 100);
    m_turns->setValue(RehearsalRunner::defaultTurns);
    m_turns->setSuffix(tr(" turns"));
    m_rehearse->setObjectName(u"rehearseButton"_s);
    m_stop->setObjectName(u"stopRehearsalButton"_s);
    m_stop->setEnabled(false);
    m_summary->setObjectName(u"rehearsalSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *explain = new QLabel(tr("Choose how each simulated provider behaves (the chat on the "
                                  "simulator feels it too), then rehearse: every step of the "
                                  "route goes to the simulator, never to a real server."),
        this);
    explain->setWordWrap(true);
    auto *controls = new QHBoxLayout;
    controls->addWidget(m_turns);
    controls->addWidget(m_rehearse);
    controls->addWidget(m_stop);
    controls->addWidget(m_summary, 1);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(explain);
    topLayout->addWidget(m_faultTable);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addLayout(controls);
    bottomLayout->addWidget(m_resultTable);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({ 560, 840 });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(m_rehearse, &QPushButton::clicked, this, &RehearsalDock::rehearse);
    connect(m_stop, &QPushButton::clicked, m_runner, &RehearsalRunner::cancel);
    connect(m_runner, &RehearsalRunner::runningChanged, this, [this](bool running) {
        m_rehearse->setEnabled(!running);
        m_stop->setEnabled(running);
    });
    connect(m_runner->results(), &RehearsalResultsModel::summaryChanged, this,
        [this](const QString &summary) {
            m_summary->setText(m_runner->isRunning() ? tr("%1 of %2 turns: %3")
                                                           .arg(m_runner->results()->rowCount())
                                                           .arg(m_runner->turnsPlanned())
                                                           .arg(summary)
                                                     : summary);
        });
    connect(m_runner, &RehearsalRunner::finished, this,
        [this] { m_summary->setText(m_runner->results()->summary()); });
    connect(m_runner, &RehearsalRunner::turnFinished, m_resultTable,
        [this] { m_resultTable->scrollToBottom(); });
}

RehearsalDock::~RehearsalDock() = default;

void RehearsalDock::openFaultEditors()
{
    for (int row = 0; row < m_faults->rowCount(); ++row)
        m_faultTable->openPersistentEditor(m_faults->index(row, SimFaultModel::FaultColumn));
}

void RehearsalDock::rehearse()
{
    if (const Result<> started =
            m_runner->start(m_route->plan(), m_simulator->baseUrl(), m_turns->value());
        !started)
        m_summary->setText(started.error());
    else
        m_summary->setText(tr("Rehearsing %n turn(s)…", nullptr, m_turns->value()));
}

} // namespace detour
