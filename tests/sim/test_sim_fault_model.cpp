// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The fault chooser's model: one row per simulated provider; a fault chosen
// there replaces that provider's script in the running simulator.
#include "sim/SimFaultModel.h"
#include "sim/SimServer.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

Q_DECLARE_METATYPE(detour::SimFault::Kind)
Q_DECLARE_METATYPE(detour::SimScenario::Kind)

namespace {

// What the provider does with its next request.
SimScenario::Entry nextEntry(const SimServer &sim, const QString &provider)
{
    SimScenario copy = sim.scenario();
    return copy.takeEntry(provider);
}

} // namespace

class TestSimFaultModel final : public QObject {
    Q_OBJECT

    std::unique_ptr<SimServer> m_sim;
    std::unique_ptr<SimFaultModel> m_model;

private Q_SLOTS:
    void init()
    {
        m_sim = std::make_unique<SimServer>();
        m_model = std::make_unique<SimFaultModel>(m_sim.get());
        new QAbstractItemModelTester(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_model.get());
    }

    void cleanup()
    {
        m_model.reset();
        m_sim.reset();
    }

    void rowsAreTheScenarioProviders()
    {
        QCOMPARE(m_model->rowCount(), 4);
        const int chutes = m_model->row(u"Chutes"_s);
        QVERIFY(chutes >= 0);
        QCOMPARE(m_model->index(chutes, SimFaultModel::ModelsColumn).data().toString(),
            u"moonshotai/kimi-k2:free"_s);
        QCOMPARE(m_model->index(chutes, SimFaultModel::FaultColumn).data().toString(),
            SimFault::label(SimFault::Kind::AsScripted));
        QCOMPARE(m_model->row(u"Nobody"_s), -1);
        QVERIFY(m_model->flags(m_model->index(chutes, SimFaultModel::FaultColumn))
            & Qt::ItemIsEditable);
        QVERIFY(!(m_model->flags(m_model->index(chutes, SimFaultModel::ProviderColumn))
            & Qt::ItemIsEditable));
    }

    void faultReplacesTheScript_data()
    {
        QTest::addColumn<SimFault::Kind>("fault");
        QTest::addColumn<SimScenario::Kind>("kind");
        QTest::addColumn<double>("retryAfterS"); // -1: none
        QTest::addRow("serve") << SimFault::Kind::Serve << SimScenario::Kind::Serve << -1.0;
        QTest::addRow("429") << SimFault::Kind::Upstream429 << SimScenario::Kind::Upstream429
                             << -1.0;
        QTest::addRow("429 Retry-After")
            << SimFault::Kind::Upstream429RetryAfter << SimScenario::Kind::Upstream429 << 5.0;
        QTest::addRow("5xx") << SimFault::Kind::ServerError << SimScenario::Kind::ServerError
                             << -1.0;
        QTest::addRow("timeout") << SimFault::Kind::Timeout << SimScenario::Kind::Stall << -1.0;
        QTest::addRow("slow") << SimFault::Kind::SlowStream << SimScenario::Kind::Serve << -1.0;
        QTest::addRow("mid-stream")
            << SimFault::Kind::MidstreamError << SimScenario::Kind::MidstreamError << -1.0;
    }

    void faultReplacesTheScript()
    {
        QFETCH(SimFault::Kind, fault);
        QFETCH(SimScenario::Kind, kind);
        QFETCH(double, retryAfterS);
        const int groq = m_model->row(u"Groq"_s);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QVERIFY(m_model->setData(m_model->index(groq, SimFaultModel::FaultColumn), int(fault)));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m_model->fault(groq), fault);
        QCOMPARE(m_model->index(groq, SimFaultModel::FaultColumn).data().toString(),
            SimFault::label(fault));
        const SimScenario::Entry entry = nextEntry(*m_sim, u"Groq"_s);
        QCOMPARE(entry.kind, kind);
        QCOMPARE(entry.retryAfterS.value_or(-1), retryAfterS);
        if (fault == SimFault::Kind::Timeout) {
            QCOMPARE(entry.phase, SimScenario::StallPhase::BeforeHeaders);
            QCOMPARE(entry.stallMs, -1); // until the client gives up
        }
        if (fault == SimFault::Kind::SlowStream)
            QCOMPARE(entry.tokensPerSecond.value_or(0), SimFault::slowTokensPerSecond);
        // The other providers are untouched.
        QCOMPARE(nextEntry(*m_sim, u"Chutes"_s).kind, SimScenario::Kind::Upstream429);
    }

    void asScriptedRestoresTheScenario()
    {
        const int chutes = m_model->row(u"Chutes"_s);
        QVERIFY(m_model->setFault(chutes, SimFault::Kind::Serve));
        QCOMPARE(nextEntry(*m_sim, u"Chutes"_s).kind, SimScenario::Kind::Serve);
        QVERIFY(m_model->setFault(chutes, SimFault::Kind::AsScripted));
        QCOMPARE(nextEntry(*m_sim, u"Chutes"_s).kind, SimScenario::Kind::Upstream429);
        m_model->setFault(chutes, SimFault::Kind::ServerError);
        m_model->restoreAll();
        QCOMPARE(nextEntry(*m_sim, u"Chutes"_s).kind, SimScenario::Kind::Upstream429);
    }

    void retryAfterIsEditable()
    {
        const int groq = m_model->row(u"Groq"_s);
        const QModelIndex seconds = m_model->index(groq, SimFaultModel::RetryAfterColumn);
        QCOMPARE(seconds.data(Qt::EditRole).toInt(), SimFault::defaultRetryAfterS);
        QVERIFY(m_model->setFault(groq, SimFault::Kind::Upstream429RetryAfter));
        QVERIFY(m_model->setData(seconds, 2));
        QCOMPARE(nextEntry(*m_sim, u"Groq"_s).retryAfterS.value_or(-1), 2.0);
        QVERIFY(!m_model->setData(seconds, -1));
        QVERIFY(!m_model->setData(m_model->index(groq, SimFaultModel::FaultColumn), 99));
        QVERIFY(!m_model->setData(m_model->index(groq, SimFaultModel::ProviderColumn), 1));
    }

    void newScenarioReloadsTheRows()
    {
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        m_model->setFault(0, SimFault::Kind::ServerError);
        QVERIFY(m_sim->setScenario("{\"providers\": {\"Solo\": {}}}"));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(m_model->fault(0), SimFault::Kind::AsScripted);
    }
};

QTEST_GUILESS_MAIN(TestSimFaultModel)
#include "test_sim_fault_model.moc"
