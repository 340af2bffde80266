// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// TurnRecorder against the simulated OpenRouter on 127.0.0.1: a reply is in
// the database while it streams (batched, about once a second), and whatever
// way the turn ends, the text that arrived is kept with the right state.
#include "Fixtures.h"
#include "StoreTestSupport.h"
#include "route/RouteEngine.h"
#include "sim/SimServer.h"
#include "store/ConversationStore.h"
#include "store/TurnRecorder.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;
using fixtures::quoted;
using storetest::RawConnection;

namespace {

constexpr int turnTimeoutMs = 30'000;

QString slowReply()
{
    QStringList words;
    for (int i = 1; i <= 30; ++i)
        words << u"word%1"_s.arg(i);
    return words.join(u' ');
}

// One model, one provider running `script`, `tokensPerSecond` content tokens a second.
QByteArray scenario(const QByteArray &script, int tokensPerSecond)
{
    return quoted("{'models':[{'id':'test/slow','providers':['Slow']}],"
                  "'providers':{'Slow':{'latency_ms':20,'tokens_per_second':")
        + QByteArray::number(tokensPerSecond) + quoted(",'script':") + script
        + quoted("}},'reply':'") + slowReply().toUtf8() + quoted("'}");
}

RoutePlan planOn(const QUrl &base)
{
    RoutePlan plan;
    plan.endpoints.append({ u"sim"_s, EndpointKind::OpenRouter, base, QString() });
    plan.steps.append({ u"sim"_s, { u"test/slow"_s, {}, {} }, true });
    plan.policy.maxRetries = 0;
    return plan;
}

ChatRequest ask(const QString &text)
{
    ChatRequest request;
    request.messages.append({ u"user"_s, text });
    return request;
}

struct Row {
    QString content;
    QString state;
};

// The assistant message as another connection (another process) sees it.
Row rowOf(const RawConnection &raw, qint64 messageId)
{
    QSqlQuery query(raw.db());
    query.prepare(u"SELECT content, state FROM messages WHERE id = ?"_s);
    query.addBindValue(messageId);
    if (!query.exec() || !query.next())
        return {};
    return { query.value(0).toString(), query.value(1).toString() };
}

} // namespace

class TestTurnRecorder final : public QObject {
    Q_OBJECT

    SimServer m_sim;
    std::unique_ptr<storetest::TempStore> m_temp;
    ConversationStore *m_store = nullptr; // m_temp's
    std::unique_ptr<RouteEngine> m_engine;
    qint64 m_conversation = 0;
    qint64 m_user = 0;

    void useScenario(const QByteArray &json)
    {
        const Result<> scenarioSet = m_sim.setScenario(json);
        QVERIFY2(scenarioSet, qPrintable(scenarioSet.error()));
    }

    TurnRunner *startTurn()
    {
        return m_engine->startTurn(planOn(m_sim.baseUrl()), ask(u"Count slowly, please."_s));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_sim.listen()); }

    void init()
    {
        m_temp = std::make_unique<storetest::TempStore>();
        QVERIFY2(m_temp->opened(), qPrintable(m_temp->opened().error()));
        m_store = m_temp->store();
        m_engine = std::make_unique<RouteEngine>();
        m_conversation = *m_store->createConversation(u"Recorder"_s);
        m_user = *m_store->addUserMessage(m_conversation, u"Count slowly, please."_s);
    }

    void cleanup()
    {
        m_engine.reset();
        m_store = nullptr;
        m_temp.reset();
    }

    void replyIsSavedWhileItStreams()
    {
        useScenario(scenario(quoted("[{'kind':'serve'}]"), 10));
        TurnRunner *runner = startTurn();
        int deltas = 0;
        connect(runner, &TurnRunner::contentDelta, this, [&deltas] { ++deltas; });
        TurnRecorder recorder(m_store, m_conversation, m_user, runner);
        QSignalSpy finished(runner, &TurnRunner::finished);
        QSignalSpy settled(runner, &TurnRunner::settled);
        QSignalSpy changed(m_store, &ConversationStore::messagesChanged);

        // The reply exists at once, before any text.
        QVERIFY(recorder.assistantMessageId() > 0);
        RawConnection raw(m_temp->path());
        QCOMPARE(rowOf(raw, recorder.assistantMessageId()).state, u"streaming"_s);

        QStringList partials;
        QElapsedTimer clock;
        clock.start();
        while (finished.isEmpty() && clock.elapsed() < turnTimeoutMs) {
            QTest::qWait(50);
            const Row row = rowOf(raw, recorder.assistantMessageId());
            if (row.state == u"streaming"_s && !row.content.isEmpty()
                && (partials.isEmpty() || partials.constLast() != row.content))
                partials << row.content;
        }
        const qint64 streamedMs = clock.elapsed();
        const int writesWhileStreaming = int(changed.size());
        QVERIFY(!finished.isEmpty());
        QVERIFY(settled.size() == 1 || settled.wait(turnTimeoutMs));

        const TurnResult result = finished.first().first().value<TurnResult>();
        QCOMPARE(result.status, TurnResult::Status::Served);
        QCOMPARE(result.content, slowReply());
        // Another connection saw the text grow, in several steps, each a prefix of the next.
        QVERIFY2(partials.size() >= 2, qPrintable(partials.join(u" | "_s)));
        for (qsizetype i = 0; i < partials.size(); ++i) {
            QVERIFY(result.content.startsWith(partials[i]));
            QVERIFY(partials[i].size() < result.content.size());
            if (i > 0)
                QVERIFY(partials[i].size() > partials[i - 1].size());
        }
        // Batched: about one write a second, not one per delta.
        QVERIFY2(recorder.flushCount() >= 2, qPrintable(QString::number(recorder.flushCount())));
        QVERIFY2(recorder.flushCount() <= streamedMs / TurnRecorder::flushIntervalMs + 1,
            qPrintable(u"%1 writes in %2 ms"_s.arg(recorder.flushCount()).arg(streamedMs)));
        QVERIFY2(deltas >= 3 * recorder.flushCount(),
            qPrintable(u"%1 deltas, %2 writes"_s.arg(deltas).arg(recorder.flushCount())));
        QVERIFY(writesWhileStreaming <= recorder.flushCount() + 2); // + the final turn (+ stats)

        // Final state: complete, full text, the turn with its attempt and OpenRouter's own record.
        const Row row = rowOf(raw, recorder.assistantMessageId());
        QCOMPARE(row.state, u"complete"_s);
        QCOMPARE(row.content, slowReply());
        QVERIFY(recorder.isRecorded());
        const auto turn = m_store->turn(recorder.turnId());
        QVERIFY(turn);
        QCOMPARE(turn->status, TurnResult::Status::Served);
        QCOMPARE(turn->userMessageId, m_user);
        QCOMPARE(turn->assistantMessageId, recorder.assistantMessageId());
        QCOMPARE(turn->attempts.size(), 1);
        QCOMPARE(turn->attempts[0].provider, u"Slow"_s);
        const QList<ServerAttempt> &servers = turn->attempts[0].serverAttempts;
        QVERIFY(std::any_of(servers.cbegin(), servers.cend(), [](const ServerAttempt &s) {
            return s.reportedBy(ServerAttempt::Source::GenerationStats);
        }));
    }

    void midstreamErrorKeepsThePartialReply()
    {
        useScenario(scenario(quoted("[{'kind':'midstream_error','tokens':5}]"), 20));
        TurnRunner *runner = startTurn();
        TurnRecorder recorder(m_store, m_conversation, m_user, runner);
        QSignalSpy finished(runner, &TurnRunner::finished);
        QVERIFY(finished.wait(turnTimeoutMs));
        const TurnResult result = finished.first().first().value<TurnResult>();
        QCOMPARE(result.status, TurnResult::Status::Interrupted);
        QVERIFY(!result.content.isEmpty());

        const StoredMessage reply = *m_store->message(recorder.assistantMessageId());
        QCOMPARE(reply.state, MessageState::Interrupted);
        QCOMPARE(reply.content, result.content);
        QVERIFY(slowReply().startsWith(reply.content));
        const StoredTurn turn = *m_store->turn(recorder.turnId());
        QCOMPARE(turn.status, TurnResult::Status::Interrupted);
        QVERIFY(!turn.summary.isEmpty());
        QVERIFY(turn.attempts.constLast().interrupted);
    }

    void cancelledKeepsThePartialReply()
    {
        useScenario(scenario(quoted("[{'kind':'serve'}]"), 10));
        TurnRunner *runner = startTurn();
        TurnRecorder recorder(m_store, m_conversation, m_user, runner);
        QSignalSpy finished(runner, &TurnRunner::finished);
        RawConnection raw(m_temp->path());
        QString seen;
        QVERIFY(QTest::qWaitFor(
            [&] {
                seen = rowOf(raw, recorder.assistantMessageId()).content;
                return !seen.isEmpty();
            },
            turnTimeoutMs));
        runner->cancel();
        QCOMPARE(finished.size(), 1);
        const TurnResult result = finished.first().first().value<TurnResult>();
        QCOMPARE(result.status, TurnResult::Status::Cancelled);

        const Row row = rowOf(raw, recorder.assistantMessageId());
        QCOMPARE(row.state, u"cancelled"_s);
        QCOMPARE(row.content, result.content);
        QVERIFY(row.content.startsWith(seen));
        QCOMPARE(m_store->turn(recorder.turnId())->status, TurnResult::Status::Cancelled);
    }

    void failedTurnIsRecordedWithItsReason()
    {
        useScenario(scenario(quoted("[{'kind':'server_error'}]"), 10));
        TurnRunner *runner = startTurn();
        TurnRecorder recorder(m_store, m_conversation, m_user, runner);
        QSignalSpy settled(runner, &TurnRunner::settled);
        QVERIFY(settled.wait(turnTimeoutMs));
        const StoredMessage reply = *m_store->message(recorder.assistantMessageId());
        QCOMPARE(reply.state, MessageState::Failed);
        QVERIFY(reply.content.isEmpty());
        const StoredTurn turn = *m_store->turn(recorder.turnId());
        QCOMPARE(turn.status, TurnResult::Status::Failed);
        QVERIFY(!turn.summary.isEmpty());
        QCOMPARE(turn.attempts.constFirst().outcome, Outcome::ServerError);
        QCOMPARE(turn.attempts.constFirst().httpStatus, 500);
    }

    void destroyedMidStreamFlushesAndMarksInterrupted()
    {
        useScenario(scenario(quoted("[{'kind':'serve'}]"), 10));
        QPointer<TurnRunner> runner = startTurn();
        QString received;
        connect(runner, &TurnRunner::contentDelta, this,
            [&received](const QString &text) { received += text; });
        auto recorder = std::make_unique<TurnRecorder>(m_store, m_conversation, m_user, runner);
        const qint64 reply = recorder->assistantMessageId();
        QVERIFY(QTest::qWaitFor([&] { return received.size() >= 10; }, turnTimeoutMs));
        recorder.reset(); // e.g. the window closed mid-turn: nothing received is dropped
        const StoredMessage stored = *m_store->message(reply);
        QCOMPARE(stored.content, received);
        QCOMPARE(stored.state, MessageState::Interrupted);
        if (runner)
            runner->cancel();
    }
};

QTEST_GUILESS_MAIN(TestTurnRecorder)
#include "test_turn_recorder.moc"
