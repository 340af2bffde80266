// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The rehearsal dock, offscreen: a fault chosen in a provider's combo box
// reaches the running simulator, and "Rehearse this route" fills the results.
#include "RehearsalDock.h"
#include "rehearsal/RehearsalRunner.h"
#include "route/RouteFile.h"
#include "route/RouteStepsModel.h"
#include "sim/SimFaultModel.h"
#include "sim/SimServer.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

class TestRehearsalDock final : public QObject {
    Q_OBJECT

    std::unique_ptr<SimServer> m_sim;
    std::unique_ptr<RouteStepsModel> m_route;
    std::unique_ptr<RehearsalDock> m_dock;

private Q_SLOTS:
    void init()
    {
        m_sim = std::make_unique<SimServer>();
        QVERIFY(m_sim->listen());
        m_route = std::make_unique<RouteStepsModel>();
        m_route->setPlan(RouteFile::demo(m_sim->baseUrl()));
        m_dock = std::make_unique<RehearsalDock>(m_sim.get(), m_route.get());
        m_dock->resize(1100, 300);
        m_dock->show();
    }

    void cleanup()
    {
        m_dock.reset();
        m_route.reset();
        m_sim.reset();
    }

    void everyProviderHasAFaultChooser()
    {
        QTableView *table = m_dock->faultTable();
        QCOMPARE(table->model()->rowCount(), 4);
        for (int row = 0; row < 4; ++row) {
            auto *combo = qobject_cast<QComboBox *>(
                table->indexWidget(table->model()->index(row, SimFaultModel::FaultColumn)));
            QVERIFY(combo);
            QCOMPARE(combo->count(), int(SimFault::kinds().size()));
            QCOMPARE(combo->currentText(), SimFault::label(SimFault::Kind::AsScripted));
        }
    }

    void choosingAFaultReachesTheSimulator()
    {
        QTableView *table = m_dock->faultTable();
        const int groq = m_dock->faults()->row(u"Groq"_s);
        auto *combo = qobject_cast<QComboBox *>(
            table->indexWidget(table->model()->index(groq, SimFaultModel::FaultColumn)));
        QVERIFY(combo);
        const int item = combo->findData(int(SimFault::Kind::Upstream429RetryAfter));
        combo->setCurrentIndex(item);
        Q_EMIT combo->activated(item);
        QCOMPARE(m_dock->faults()->fault(groq), SimFault::Kind::Upstream429RetryAfter);
        SimScenario scenario = m_sim->scenario();
        const SimScenario::Entry next = scenario.takeEntry(u"Groq"_s);
        QCOMPARE(next.kind, SimScenario::Kind::Upstream429);
        QCOMPARE(next.retryAfterS.value_or(-1), double(SimFault::defaultRetryAfterS));
    }

    void rehearsingFillsTheResults()
    {
        m_dock->findChild<QSpinBox *>(u"rehearsalTurns"_s)->setValue(3);
        QSignalSpy finished(m_dock->runner(), &RehearsalRunner::finished);
        auto *rehearse = m_dock->findChild<QPushButton *>(u"rehearseButton"_s);
        QVERIFY(rehearse->isEnabled());
        rehearse->click();
        QVERIFY(!rehearse->isEnabled());
        QVERIFY(m_dock->findChild<QPushButton *>(u"stopRehearsalButton"_s)->isEnabled());
        QVERIFY(finished.wait(30'000));
        QVERIFY(rehearse->isEnabled());
        QCOMPARE(m_dock->resultTable()->model()->rowCount(), 3);
        const QString summary = m_dock->findChild<QLabel *>(u"rehearsalSummary"_s)->text();
        QVERIFY2(summary.startsWith(u"3/3 served by step 2 after a 429 from Chutes"_s),
            qPrintable(summary));
    }
};

QTEST_MAIN(TestRehearsalDock)
#include "test_rehearsal_dock.moc"
