// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Every fault of the matrix (tests/common/FaultMatrix.h), streamed and whole,
// against the simulated OpenRouter over loopback HTTP, recorded in a real
// conversation store: the turn ends, says who failed and why, and the store
// holds the question and whatever text arrived.
#include "FaultMatrix.h"
#include "StoreTestSupport.h"
#include "route/RouteEngine.h"
#include "sim/SimServer.h"
#include "store/ConversationStore.h"
#include "store/TurnRecorder.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

// Liveness only: the policy's own limits end every cell within seconds.
constexpr int settleBoundMs = 60'000;

} // namespace

class TestFaultMatrix final : public QObject {
    Q_OBJECT

    SimServer m_sim;
    QUrl m_refusing;
    QList<faults::Fault> m_matrix;
    std::unique_ptr<storetest::TempStore> m_temp;
    ConversationStore *m_store = nullptr; // m_temp's

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_sim.listen());
        m_refusing = faults::refusingBaseUrl();
        m_matrix =
            faults::matrix(RequestBuilder::endpointUrl(m_sim.baseUrl(), u"chat/completions"_s));
    }

    void init()
    {
        m_temp = std::make_unique<storetest::TempStore>();
        QVERIFY2(m_temp->opened(), qPrintable(m_temp->opened().error()));
        m_store = m_temp->store();
    }

    void cleanup()
    {
        m_store = nullptr;
        m_temp.reset();
    }

    void everyFault_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<bool>("stream");
        for (qsizetype row = 0; row < m_matrix.size(); ++row) {
            for (const bool stream : { true, false }) {
                QTest::addRow(
                    "%s / %s", qPrintable(m_matrix[row].name), stream ? "stream" : "whole")
                    << int(row) << stream;
            }
        }
    }

    void everyFault()
    {
        QFETCH(int, row);
        QFETCH(bool, stream);
        const faults::Fault &fault = m_matrix[row];
        const faults::Expectation &expected = stream ? fault.stream : fault.whole;
        if (!fault.refused) {
            const Result<> scenarioSet = m_sim.setScenario(faults::scenario({ fault.entry }));
            QVERIFY2(scenarioSet, qPrintable(scenarioSet.error()));
        }
        const QString question = u"What goes wrong with %1?"_s.arg(fault.name);
        const qint64 conversation = *m_store->createConversation(fault.name);
        const qint64 user = *m_store->addUserMessage(conversation, question);

        auto engine = std::make_unique<RouteEngine>();
        TurnRunner *runner =
            engine->startTurn(faults::plan(fault.refused ? m_refusing : m_sim.baseUrl()),
                faults::ask(question, stream));
        TurnRecorder recorder(m_store, conversation, user, runner);
        QSignalSpy finished(runner, &TurnRunner::finished);
        QSignalSpy settled(runner, &TurnRunner::settled);
        QVERIFY2(settled.wait(settleBoundMs), "the turn did not end");
        QCOMPARE(finished.size(), 1);
        const TurnResult result = finished.first().first().value<TurnResult>();

        // The diagnosis.
        QCOMPARE(result.status, expected.status);
        QCOMPARE(result.attempts.size(), 1);
        const Attempt &attempt = result.attempts.first();
        QCOMPARE(outcomeName(attempt.outcome), outcomeName(expected.outcome));
        QCOMPARE(partyName(attempt.party), partyName(expected.party));
        QCOMPARE(attempt.interrupted, expected.partial);
        if (expected.status != TurnResult::Status::Served) {
            QVERIFY(!attempt.summary.isEmpty());
            QCOMPARE(result.summary, attempt.summary);
        }
        if (fault.retryAfterS)
            QCOMPARE(attempt.retryAfterS.value_or(-1), *fault.retryAfterS);
        QVERIFY(attempt.body.size() <= Attempt::maxStoredBody);

        // The text: all of it, the part that arrived, or none.
        if (expected.status == TurnResult::Status::Served)
            QVERIFY(!result.content.isEmpty());
        else if (expected.partial)
            QVERIFY2(!result.content.isEmpty() && faults::reply.startsWith(result.content),
                qPrintable(result.content));
        else
            QCOMPARE(result.content, QString());

        // The store: the question, then the reply in the turn's state with its text.
        QTRY_VERIFY_WITH_TIMEOUT(recorder.isRecorded(), settleBoundMs);
        const QList<StoredMessage> messages = m_store->messages(conversation).valueOr({});
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[0].role, u"user"_s);
        QCOMPARE(messages[0].content, question);
        QCOMPARE(messageStateName(messages[0].state), u"complete"_s);
        QCOMPARE(messages[1].role, u"assistant"_s);
        QCOMPARE(messages[1].content, result.content);
        QCOMPARE(
            messageStateName(messages[1].state), messageStateName(messageStateFor(result.status)));
        if (expected.partial)
            QCOMPARE(messageStateName(messages[1].state), u"interrupted"_s);
        const QList<StoredTurn> turns = m_store->turns(conversation).valueOr({});
        QCOMPARE(turns.size(), 1);
        QCOMPARE(turns[0].status, result.status);
        QCOMPARE(turns[0].attempts.size(), 1);
        QCOMPARE(turns[0].attempts[0].outcome, expected.outcome);
        QCOMPARE(turns[0].attempts[0].interrupted, expected.partial);

        // Nothing left open once the engine is gone.
        engine.reset();
        QTRY_COMPARE_WITH_TIMEOUT(m_sim.openConnections(), 0, settleBoundMs);
    }
};

QTEST_GUILESS_MAIN(TestFaultMatrix)
#include "test_fault_matrix.moc"
