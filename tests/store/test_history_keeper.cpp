// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The disk fills up under the database while a reply streams (engine level,
// against the simulated OpenRouter on 127.0.0.1): the failure is loud
// (writeFailed with SQLite's reason), nothing is lost (the reply keeps arriving
// in memory, the rows already saved stay as they were, the file stays sound),
// and once there is room again the retry writes the whole turn, also after the
// turn itself is gone. The "disk" is the database's own limit,
// `PRAGMA max_page_count`, set on the store's connection (the limit belongs to a
// connection, not to the file) to the pages the file has now.
#include "Fixtures.h"
#include "StoreTestSupport.h"
#include "route/RouteEngine.h"
#include "sim/SimServer.h"
#include "store/ConversationStore.h"
#include "store/HistoryKeeper.h"
#include "store/TurnRecorder.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;
using fixtures::quoted;
using storetest::RawConnection;

namespace {

constexpr int turnTimeoutMs = 30'000;
constexpr int tokenCount = 80;

// Long words (one token each), so that every second of text needs pages the file
// does not have yet: 80 tokens of 200 characters, 16 kB.
QString longReply()
{
    QStringList words;
    for (int i = 1; i <= tokenCount; ++i)
        words << (u"w%1-"_s.arg(i, 3, 10, QChar(u'0')) + QString(195, QChar(u'x')));
    return words.join(u' ');
}

QByteArray scenario(int tokensPerSecond)
{
    return quoted("{'models':[{'id':'test/slow','providers':['Slow']}],"
                  "'providers':{'Slow':{'latency_ms':20,'tokens_per_second':")
        + QByteArray::number(tokensPerSecond) + quoted(",'script':[{'kind':'serve'}]}},'reply':'")
        + longReply().toUtf8() + quoted("'}");
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

// Every message row but the reply being written, as text to compare.
QStringList otherRows(const RawConnection &raw, qint64 replyId)
{
    QStringList rows;
    QSqlQuery query(raw.db());
    query.prepare(u"SELECT id, conversation_id, role, content, state FROM messages "
                  "WHERE id <> ? ORDER BY id"_s);
    query.addBindValue(replyId);
    if (!query.exec())
        return { query.lastError().text() };
    while (query.next()) {
        QStringList fields;
        for (int i = 0; i < 5; ++i)
            fields << query.value(i).toString();
        rows << fields.join(u'|');
    }
    return rows;
}

QVariant pragma(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement) || !query.next())
        return {};
    return query.value(0);
}

} // namespace

class TestHistoryKeeper final : public QObject {
    Q_OBJECT

    SimServer m_sim;
    std::unique_ptr<storetest::TempStore> m_temp;
    ConversationStore *m_store = nullptr; // m_temp's
    std::unique_ptr<RouteEngine> m_engine;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_sim.listen()); }

    void init()
    {
        m_temp = std::make_unique<storetest::TempStore>();
        QVERIFY2(m_temp->opened(), qPrintable(m_temp->opened().error()));
        m_store = m_temp->store();
        m_engine = std::make_unique<RouteEngine>();
    }

    void cleanup()
    {
        m_engine.reset();
        m_store = nullptr;
        m_temp.reset();
    }

    void diskFullWhileStreamingLosesNothing()
    {
        const Result<> set = m_sim.setScenario(scenario(20));
        QVERIFY2(set, qPrintable(set.error()));
        // An earlier conversation, complete, and this one's question: both stored before.
        const qint64 earlier = *m_store->createConversation(u"Earlier"_s);
        QVERIFY(m_store->addUserMessage(earlier, u"An earlier question"_s));
        const qint64 earlierReply = *m_store->beginAssistantMessage(earlier);
        QVERIFY(m_store->updateAssistantText(earlierReply, u"An earlier answer"_s, {}));
        const qint64 conversation = *m_store->createConversation(u"Now"_s);
        const qint64 user = *m_store->addUserMessage(conversation, u"Say a lot, please."_s);

        auto keeper = std::make_unique<HistoryKeeper>(m_store);
        QSignalSpy keeperFailed(keeper.get(), &HistoryKeeper::writeFailed);
        QSignalSpy keeperRecovered(keeper.get(), &HistoryKeeper::writeRecovered);
        QSignalSpy changed(m_store, &ConversationStore::messagesChanged);
        QPointer<TurnRunner> runner =
            m_engine->startTurn(planOn(m_sim.baseUrl()), ask(u"Say a lot, please."_s));
        QString received;
        connect(runner, &TurnRunner::contentDelta, this,
            [&received](const QString &text) { received += text; });
        QSignalSpy finished(runner, &TurnRunner::finished);
        QSignalSpy runnerGone(runner, &QObject::destroyed);
        QPointer<TurnRecorder> recorder = keeper->record(conversation, user, runner);
        const qint64 reply = recorder->assistantMessageId();
        QVERIFY(reply > 0);
        QSignalSpy failed(recorder, &TurnRecorder::writeFailed);
        QSignalSpy recovered(recorder, &TurnRecorder::writeRecovered);
        QSignalSpy recorded(recorder, &TurnRecorder::turnRecorded);

        // The first text write lands; then the disk is full.
        while (recorder->flushCount() < 1)
            QVERIFY(changed.wait(turnTimeoutMs));
        QVERIFY(finished.isEmpty());
        const QSqlDatabase db = m_temp->database().connection();
        const qint64 pages = pragma(db, u"PRAGMA page_count"_s).toLongLong();
        QVERIFY(pages > 0);
        QCOMPARE(pragma(db, u"PRAGMA max_page_count = %1"_s.arg(pages)).toLongLong(), pages);

        RawConnection raw(m_temp->path());
        QVERIFY(raw.isOpen());
        const QStringList rowsBefore = otherRows(raw, reply);
        QVERIFY2(rowsBefore.size() == 3, qPrintable(rowsBefore.join(u'\n')));

        // Loud: the recorder and the keeper say so, with SQLite's reason.
        QVERIFY(failed.wait(turnTimeoutMs));
        const QString reason = failed.first().first().toString();
        QVERIFY2(reason.contains(u"full"_s, Qt::CaseInsensitive), qPrintable(reason));
        QCOMPARE(recorder->writeError(), reason);
        QCOMPARE(keeperFailed.size(), 1);
        QCOMPARE(keeperFailed.first().first().toString(), reason);
        QVERIFY(keeper->isFailing());
        QCOMPARE(keeper->reason(), reason);
        QVERIFY(finished.isEmpty()); // failed while the reply still streamed
        const qsizetype receivedAtFailure = received.size();

        // The reply keeps arriving, all of it, in memory.
        QVERIFY(finished.wait(turnTimeoutMs));
        const TurnResult result = finished.first().first().value<TurnResult>();
        QCOMPARE(result.status, TurnResult::Status::Served);
        QCOMPARE(result.content, longReply());
        QVERIFY(received.size() > receivedAtFailure);
        QCOMPARE(received, longReply());
        QCOMPARE(recorder->replyText(), longReply());
        QCOMPARE(keeper->unsavedReply(), longReply());
        QVERIFY(recorded.isEmpty());

        // The turn goes; its recorder stays and keeps trying.
        QVERIFY(runnerGone.size() == 1 || runnerGone.wait(turnTimeoutMs));
        QVERIFY(recorder);
        QVERIFY(keeper->isFailing());
        const int failuresBefore = int(failed.size());
        QVERIFY(failed.wait(turnTimeoutMs)); // a retry, failing again
        QVERIFY(failed.size() > failuresBefore);
        QCOMPARE(keeperFailed.size(), 1); // the window heard of it once

        // What was saved before is unchanged, the part of the reply written is a prefix
        // of it, and the file is sound.
        QCOMPARE(otherRows(raw, reply), rowsBefore);
        const StoredMessage partial = *m_store->message(reply);
        QCOMPARE(partial.state, MessageState::Streaming);
        QVERIFY(!partial.content.isEmpty());
        QVERIFY(longReply().startsWith(partial.content));
        QVERIFY(partial.content.size() < longReply().size());
        QCOMPARE(raw.value(u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
        QCOMPARE(pragma(db, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);

        // Room again: the next retry writes the turn and the whole reply.
        QVERIFY(pragma(db, u"PRAGMA max_page_count = 1073741823"_s).toLongLong() > pages);
        QVERIFY(keeperRecovered.wait(turnTimeoutMs));
        QCOMPARE(recovered.size(), 1);
        QCOMPARE(recorded.size(), 1);
        QVERIFY(!keeper->isFailing());
        QVERIFY(keeper->reason().isEmpty());
        QCOMPARE(keeper->recorderCount(), 0); // released: nothing left to write
        const qint64 turnId = recorded.first().first().toLongLong();
        const StoredTurn turn = *m_store->turn(turnId);
        QCOMPARE(turn.status, TurnResult::Status::Served);
        QCOMPARE(turn.userMessageId, user);
        QCOMPARE(turn.assistantMessageId, reply);
        QCOMPARE(turn.attempts.size(), 1);
        const StoredMessage stored = *m_store->message(reply);
        QCOMPARE(stored.state, MessageState::Complete);
        QCOMPARE(stored.content, longReply());
        QCOMPARE(otherRows(raw, reply), rowsBefore);
        QCOMPARE(raw.value(u"PRAGMA integrity_check"_s).toString(), u"ok"_s);

        QSignalSpy recorderGone(recorder, &QObject::destroyed);
        QVERIFY(recorderGone.wait(turnTimeoutMs)); // deleted later, once released
    }
};

QTEST_GUILESS_MAIN(TestHistoryKeeper)
#include "test_history_keeper.moc"
