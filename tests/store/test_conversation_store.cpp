// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The conversation store over a real SQLite file: conversations, messages,
// turns with every attempt field, crash recovery, search and change signals.
#include "StoreTestSupport.h"
#include "store/ConversationStore.h"
#include "store/Database.h"
#include "store/SearchQuery.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;
using storetest::RawConnection;

Q_DECLARE_METATYPE(detour::Outcome)
Q_DECLARE_METATYPE(detour::TurnResult::Status)
Q_DECLARE_METATYPE(detour::MessageState)

namespace {

TurnResult servedResult(const QString &content = u"The reply."_s)
{
    TurnResult result;
    result.status = TurnResult::Status::Served;
    result.content = content;
    result.reasoning = u"Thinking about it."_s;
    Attempt refused = storetest::fullAttempt(Outcome::RateLimitedUpstream, 0);
    Attempt served = storetest::fullAttempt(Outcome::Served, 1);
    result.attempts = { refused, served };
    result.servedAttempt = 1;
    result.durationMs = 412;
    return result;
}

} // namespace

class TestConversationStore final : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConversationStore> m_store;

    QString path() const { return m_dir->filePath(u"detour.sqlite3"_s); }

    qint64 conversationWith(const QStringList &userMessages, const QString &title = u"Chat"_s)
    {
        const auto id = m_store->createConversation(title);
        if (!id)
            qFatal("createConversation: %s", qPrintable(id.error()));
        for (const QString &text : userMessages) {
            if (const auto added = m_store->addUserMessage(*id, text); !added)
                qFatal("addUserMessage: %s", qPrintable(added.error()));
        }
        return *id;
    }

    void verifySearchIndexes()
    {
        RawConnection raw(path());
        QVERIFY(
            raw.exec(u"INSERT INTO message_words (message_words) VALUES ('integrity-check')"_s));
        QVERIFY(raw.exec(u"INSERT INTO message_cjk (message_cjk) VALUES ('integrity-check')"_s));
        QCOMPARE(raw.value(u"PRAGMA foreign_key_check"_s), QVariant());
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_db = std::make_unique<Database>();
        const Result<> opened = m_db->open(path());
        QVERIFY2(opened, qPrintable(opened.error()));
        m_store = std::make_unique<ConversationStore>(*m_db);
    }

    void cleanup()
    {
        m_store.reset();
        m_db.reset();
    }

    void createRenameAndList()
    {
        const auto id = m_store->createConversation(u"First"_s, u"free first"_s);
        QVERIFY(id);
        const auto stored = m_store->conversation(*id);
        QVERIFY(stored);
        QCOMPARE(stored->title, u"First"_s);
        QCOMPARE(stored->routeName, u"free first"_s);
        QVERIFY(stored->createdAt.isValid());
        QVERIFY(!stored->deletedAt.isValid());
        QVERIFY(m_store->renameConversation(*id, u"Renamed"_s));
        QCOMPARE(m_store->conversation(*id)->title, u"Renamed"_s);
        const Result<> renamed = m_store->renameConversation(*id + 100, u"Nobody"_s);
        QVERIFY(!renamed);
        QVERIFY(!renamed.error().isEmpty());
        QVERIFY(!m_store->conversation(*id + 100));
    }

    void settingsRoundTrip()
    {
        const auto id = m_store->createConversation(u"Tuned"_s);
        QVERIFY(id);
        QVERIFY(m_store->conversation(*id)->settings.isEmpty());
        QSignalSpy changed(m_store.get(), &ConversationStore::conversationsChanged);
        ConversationSettings settings;
        settings.systemPrompt = u"Reply in haiku. 東京"_s;
        settings.sampling.temperature = 1.25;
        settings.sampling.topP = 0.8;
        settings.sampling.maxTokens = 64;
        settings.sampling.seed = 0;
        settings.reasoning.maxTokens = 1024;
        settings.reasoning.exclude = true;
        QVERIFY(m_store->setConversationSettings(*id, settings));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(m_store->conversation(*id)->settings, settings);
        QCOMPARE(m_store->conversations()->constFirst().settings, settings);
        QCOMPARE(m_store->load(*id)->conversation.settings, settings);
        // Cleared again: nothing is left behind.
        QVERIFY(m_store->setConversationSettings(*id, {}));
        QVERIFY(m_store->conversation(*id)->settings.isEmpty());
        QVERIFY(!m_store->setConversationSettings(*id + 100, settings));
    }

    void listIsNewestFirst()
    {
        const qint64 a = conversationWith({});
        QTest::qWait(5);
        const qint64 b = conversationWith({});
        QTest::qWait(5);
        const qint64 c = conversationWith({});
        QList<qint64> order;
        for (const Conversation &conversation : m_store->conversations().valueOr({}))
            order << conversation.id;
        QCOMPARE(order, (QList<qint64> { c, b, a }));
        QTest::qWait(5);
        QVERIFY(m_store->addUserMessage(a, u"bump"_s)); // activity moves a conversation up
        order.clear();
        for (const Conversation &conversation : m_store->conversations().valueOr({}))
            order << conversation.id;
        QCOMPARE(order, (QList<qint64> { a, c, b }));
    }

    void messagesInOrder()
    {
        const qint64 id = conversationWith({ u"one"_s, u"two"_s });
        const auto reply = m_store->beginAssistantMessage(id);
        QVERIFY(reply);
        const QList<StoredMessage> messages = m_store->messages(id).valueOr({});
        QCOMPARE(messages.size(), 3);
        QCOMPARE(messages[0].content, u"one"_s);
        QCOMPARE(messages[0].role, u"user"_s);
        QCOMPARE(messages[0].state, MessageState::Complete);
        QCOMPARE(messages[1].content, u"two"_s);
        QCOMPARE(messages[2].role, u"assistant"_s);
        QCOMPARE(messages[2].state, MessageState::Streaming);
        QCOMPARE(messages[2].content, QString());
        QVERIFY(m_store->updateAssistantText(*reply, u"partial"_s));
        QCOMPARE(m_store->message(*reply)->content, u"partial"_s);
        QVERIFY(m_store->updateAssistantText(*reply, u"partial reply"_s, u"hmm"_s));
        QCOMPARE(m_store->message(*reply)->content, u"partial reply"_s);
        QCOMPARE(m_store->message(*reply)->reasoning, u"hmm"_s);
        QVERIFY(!m_store->addUserMessage(id + 100, u"no such conversation"_s));
    }

    void userMessageIsCommittedAtOnce()
    {
        const qint64 id = conversationWith({ u"seen from outside"_s });
        RawConnection raw(path());
        QCOMPARE(raw.value(u"SELECT content FROM messages WHERE conversation_id = %1"_s.arg(id))
                     .toString(),
            u"seen from outside"_s);
    }

    void softDeleteRestoreAndPurge()
    {
        const qint64 keep = conversationWith({ u"keep me"_s });
        const qint64 gone = conversationWith({ u"delete me, findable"_s });
        QVERIFY(m_store->deleteConversation(gone));
        QVERIFY(!m_store->deleteConversation(gone)); // already deleted
        QCOMPARE(m_store->conversations().valueOr({}).size(), 1);
        QCOMPARE(m_store->conversations().valueOr({}).first().id, keep);
        QCOMPARE(m_store->deletedConversations().valueOr({}).size(), 1);
        QVERIFY(m_store->conversation(gone)->deletedAt.isValid());
        QVERIFY(
            m_store->search(u"findable"_s).valueOr({}).isEmpty()); // deleted ones are not searched
        QCOMPARE(m_store->messages(gone).valueOr({}).size(), 1); // but nothing is gone yet

        QVERIFY(m_store->restoreConversation(gone));
        QVERIFY(!m_store->restoreConversation(gone));
        QCOMPARE(m_store->conversations().valueOr({}).size(), 2);
        QCOMPARE(m_store->search(u"findable"_s).valueOr({}).size(), 1);

        // Purge only removes conversations deleted before the cut-off.
        QVERIFY(m_store->deleteConversation(gone));
        QCOMPARE(
            m_store->purgeDeleted(QDateTime::currentDateTimeUtc().addDays(-30)).valueOr(-1), 0);
        QCOMPARE(m_store->deletedConversations().valueOr({}).size(), 1);
        const auto reply = m_store->beginAssistantMessage(gone);
        QVERIFY(m_store->finishTurn(
            gone, m_store->messages(gone).valueOr({}).first().id, *reply, servedResult()));
        QCOMPARE(m_store->purgeDeleted(QDateTime::currentDateTimeUtc().addSecs(1)).valueOr(-1), 1);
        QVERIFY(m_store->deletedConversations().valueOr({}).isEmpty());
        QVERIFY(!m_store->conversation(gone));
        QVERIFY(m_store->messages(gone).valueOr({}).isEmpty());
        RawConnection raw(path());
        QCOMPARE(raw.value(u"SELECT count(*) FROM turns"_s).toInt(), 0);
        QCOMPARE(raw.value(u"SELECT count(*) FROM attempts"_s).toInt(), 0);
        QCOMPARE(raw.value(u"SELECT count(*) FROM server_attempts"_s).toInt(), 0);
        QCOMPARE(m_store->messages(keep).valueOr({}).size(), 1);
        verifySearchIndexes();
    }

    void attemptsRoundTripEveryField_data()
    {
        QTest::addColumn<Outcome>("outcome");
        for (Outcome outcome : storetest::allOutcomes())
            QTest::addRow("%s", qPrintable(outcomeName(outcome))) << outcome;
    }

    void attemptsRoundTripEveryField()
    {
        QFETCH(Outcome, outcome);
        const qint64 id = conversationWith({ u"question"_s });
        const qint64 user = m_store->messages(id).valueOr({}).first().id;
        const auto reply = m_store->beginAssistantMessage(id);
        TurnResult result;
        result.status =
            outcome == Outcome::Served ? TurnResult::Status::Served : TurnResult::Status::Failed;
        Attempt minimal; // defaults everywhere: empty strings, no usage, no optionals
        minimal.index = 0;
        minimal.outcome = outcome;
        Attempt full = storetest::fullAttempt(outcome, 1);
        full.body = QByteArray(Attempt::maxStoredBody + 1000, 'b'); // stored capped at 64 KiB
        full.headers.append(
            qMakePair(QByteArray("Set-Cookie"), QByteArray("session=secret"))); // stored redacted
        result.attempts = { minimal, full };
        result.servedAttempt = outcome == Outcome::Served ? 1 : -1;
        result.summary = u"summary"_s;
        const auto turnId = m_store->finishTurn(id, user, *reply, result);
        QVERIFY2(turnId, qPrintable(turnId.error()));

        const QList<Attempt> stored = m_store->attempts(*turnId).valueOr({});
        QCOMPARE(stored.size(), 2);
        storetest::compareAttempts(stored[0], minimal);
        if (QTest::currentTestFailed())
            return;
        storetest::compareAttempts(stored[1], full);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(stored[1].body.size(), Attempt::maxStoredBody);
        QCOMPARE(headerValue(stored[1].headers, "set-cookie").value_or(QByteArray()),
            QByteArray("[redacted]"));
    }

    void finishTurnStoresTextStateAndTurn_data()
    {
        QTest::addColumn<TurnResult::Status>("status");
        QTest::addColumn<MessageState>("state");
        QTest::addRow("served") << TurnResult::Status::Served << MessageState::Complete;
        QTest::addRow("interrupted")
            << TurnResult::Status::Interrupted << MessageState::Interrupted;
        QTest::addRow("failed") << TurnResult::Status::Failed << MessageState::Failed;
        QTest::addRow("cancelled") << TurnResult::Status::Cancelled << MessageState::Cancelled;
    }

    void finishTurnStoresTextStateAndTurn()
    {
        QFETCH(TurnResult::Status, status);
        QFETCH(MessageState, state);
        const qint64 id = conversationWith({ u"question"_s });
        const qint64 user = m_store->messages(id).valueOr({}).first().id;
        const auto reply = m_store->beginAssistantMessage(id);
        QVERIFY(m_store->updateAssistantText(*reply, u"The rep"_s));
        TurnResult result = servedResult(u"The reply, final."_s);
        result.status = status;
        result.summary = status == TurnResult::Status::Served ? QString() : u"Why it ended."_s;
        if (status != TurnResult::Status::Served)
            result.servedAttempt = -1;
        const auto turnId = m_store->finishTurn(id, user, *reply, result);
        QVERIFY2(turnId, qPrintable(turnId.error()));

        const StoredMessage message = *m_store->message(*reply);
        QCOMPARE(message.state, state);
        QCOMPARE(message.content, u"The reply, final."_s);
        QCOMPARE(message.reasoning, u"Thinking about it."_s);
        QCOMPARE(message.turnId, *turnId);
        QCOMPARE(m_store->message(user)->turnId, *turnId);

        const QList<StoredTurn> turns = m_store->turns(id).valueOr({});
        QCOMPARE(turns.size(), 1);
        const StoredTurn &turn = turns.first();
        QCOMPARE(turn.id, *turnId);
        QCOMPARE(turn.conversationId, id);
        QCOMPARE(turn.userMessageId, user);
        QCOMPARE(turn.assistantMessageId, *reply);
        QCOMPARE(turn.status, status);
        QCOMPARE(turn.summary, result.summary);
        QCOMPARE(turn.durationMs, 412);
        QCOMPARE(turn.servedAttempt, result.servedAttempt);
        QVERIFY(turn.startedAt.isValid());
        QVERIFY(turn.startedAt <= message.updatedAt);
        QCOMPARE(turn.attempts.size(), 2);
        QCOMPARE(m_store->turn(*turnId)->attempts.size(), 2);
    }

    // A conversation's turns are read with all their attempts at once: each turn must
    // still get exactly its own, in order, with their own server attempts.
    void everyTurnCarriesItsOwnAttempts()
    {
        const qint64 id = conversationWith({});
        const qint64 elsewhere = conversationWith({}, u"Other"_s);
        QList<TurnResult> written;
        QList<qint64> turnIds;
        for (int turn = 0; turn < 5; ++turn) {
            const qint64 conversation = turn == 2 ? elsewhere : id;
            const auto user = m_store->addUserMessage(conversation, u"Question %1"_s.arg(turn));
            QVERIFY(user);
            TurnResult result;
            result.status = TurnResult::Status::Failed;
            result.summary = u"turn %1"_s.arg(turn);
            // 0, 1, 2, 3 and 1 attempts, each naming its turn.
            for (int index = 0; index < (turn == 4 ? 1 : turn); ++index) {
                Attempt attempt = storetest::fullAttempt(Outcome::RateLimitedUpstream, index);
                attempt.provider = u"Provider %1.%2"_s.arg(turn).arg(index);
                attempt.serverAttempts.resize(index % 3);
                if (!attempt.serverAttempts.isEmpty())
                    attempt.serverAttempts.first().provider =
                        u"Server %1.%2"_s.arg(turn).arg(index);
                result.attempts.append(attempt);
            }
            const auto turnId = m_store->finishTurn(conversation, *user, 0, result);
            QVERIFY2(turnId, qPrintable(turnId.error()));
            written.append(result);
            turnIds.append(*turnId);
        }
        QVERIFY(m_store->addServerAttempts(turnIds[3], 0,
            { { u"Late"_s, QString(), 200, QString(), 90, false,
                { ServerAttempt::Source::GenerationStats } } }));
        written[3].attempts[0].serverAttempts.append({ u"Late"_s, QString(), 200, QString(), 90,
            false, { ServerAttempt::Source::GenerationStats } });

        const QList<StoredTurn> turns = m_store->turns(id).valueOr({});
        QCOMPARE(turns.size(), 4);
        for (int at = 0, turn = 0; turn < 5; ++turn) {
            if (turn == 2)
                continue; // the other conversation's
            const StoredTurn &stored = turns[at++];
            QCOMPARE(stored.id, turnIds[turn]);
            QCOMPARE(stored.summary, written[turn].summary);
            QCOMPARE(stored.attempts.size(), written[turn].attempts.size());
            for (qsizetype index = 0; index < stored.attempts.size(); ++index) {
                storetest::compareAttempts(stored.attempts[index], written[turn].attempts[index]);
                if (QTest::currentTestFailed())
                    return;
            }
            // One turn alone reads the same.
            QCOMPARE(
                m_store->attempts(turnIds[turn]).valueOr({}).size(), written[turn].attempts.size());
            QCOMPARE(m_store->turn(turnIds[turn])->attempts.size(), written[turn].attempts.size());
        }
        const QList<StoredTurn> other = m_store->turns(elsewhere).valueOr({});
        QCOMPARE(other.size(), 1);
        QCOMPARE(other.first().attempts.size(), 2);
        QCOMPARE(other.first().attempts[1].provider, u"Provider 2.1"_s);
        QCOMPARE(other.first().attempts[1].serverAttempts.size(), 1);
        QCOMPARE(other.first().attempts[1].serverAttempts.first().provider, u"Server 2.1"_s);
    }

    void finishTurnCreatesTheReplyWhenThereIsNone()
    {
        const qint64 id = conversationWith({ u"question"_s });
        TurnResult result;
        result.status = TurnResult::Status::Failed;
        result.summary = u"No step could serve."_s;
        const auto turnId =
            m_store->finishTurn(id, m_store->messages(id).valueOr({}).first().id, 0, result);
        QVERIFY(turnId);
        const QList<StoredMessage> messages = m_store->messages(id).valueOr({});
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[1].state, MessageState::Failed);
        QCOMPARE(m_store->turn(*turnId)->assistantMessageId, messages[1].id);
    }

    void finishTurnIsAllOrNothing()
    {
        const qint64 id = conversationWith({ u"question"_s });
        const qint64 other = conversationWith({ u"elsewhere"_s });
        const auto reply = m_store->beginAssistantMessage(id);
        // The user message belongs to another conversation: nothing may be written.
        const Result<qint64> finished = m_store->finishTurn(
            id, m_store->messages(other).valueOr({}).first().id, *reply, servedResult());
        QVERIFY(!finished);
        QVERIFY(!finished.error().isEmpty());
        QVERIFY(m_store->turns(id).valueOr({}).isEmpty());
        QCOMPARE(m_store->message(*reply)->state, MessageState::Streaming);
        RawConnection raw(path());
        QCOMPARE(raw.value(u"SELECT count(*) FROM attempts"_s).toInt(), 0);
    }

    void serverAttemptsArriveLater()
    {
        const qint64 id = conversationWith({ u"question"_s });
        const auto reply = m_store->beginAssistantMessage(id);
        const auto turnId = m_store->finishTurn(id, 0, *reply, servedResult());
        QVERIFY(turnId);
        const QList<ServerAttempt> generation {
            { u"Cerebras"_s, QString(), 429, QString(), 120, false,
                { ServerAttempt::Source::GenerationStats } },
            { u"Groq"_s, QString(), 200, QString(), 250, true,
                { ServerAttempt::Source::GenerationStats } },
        };
        QSignalSpy changed(m_store.get(), &ConversationStore::messagesChanged);
        QVERIFY(m_store->addServerAttempts(*turnId, 1, generation));
        QCOMPARE(changed.size(), 1);
        QVERIFY(!m_store->addServerAttempts(*turnId, 7, generation)); // no such attempt

        // One row per provider try: what /generation adds completes the rows the
        // router metadata and the error body had given, and names its source.
        const QList<ServerAttempt> stored =
            m_store->attempts(*turnId).valueOr({})[1].serverAttempts;
        QCOMPARE(stored.size(), 2);
        QCOMPARE(stored[0].provider, u"Cerebras"_s);
        QCOMPARE(stored[0].model, u"moonshotai/kimi-k2"_s); // only the router metadata said
        QCOMPARE(stored[0].code, u"rate_limit_exceeded"_s);
        QCOMPARE(stored[0].latencyMs, std::optional<qint64>(120));
        QCOMPARE(stored[0].sources,
            (QList {
                ServerAttempt::Source::RouterMetadata, ServerAttempt::Source::GenerationStats }));
        QCOMPARE(stored[1].provider, u"Groq"_s);
        QCOMPARE(stored[1].latencyMs, std::optional<qint64>(250)); // only /generation said
        QCOMPARE(stored[1].isByok, std::optional<bool>(true));
        QCOMPARE(stored[1].sources,
            (QList {
                ServerAttempt::Source::ErrorMetadata, ServerAttempt::Source::GenerationStats }));

        // Reported again (a retried fetch): nothing new, nothing doubled.
        QVERIFY(m_store->addServerAttempts(*turnId, 1, generation));
        QCOMPARE(m_store->attempts(*turnId).valueOr({})[1].serverAttempts, stored);
        RawConnection raw(path());
        QCOMPARE(raw.value(u"SELECT count(*) FROM server_attempts s JOIN attempts a "
                           "ON a.id = s.attempt_id WHERE a.turn_id = %1"_s.arg(*turnId))
                     .toInt(),
            2 + int(storetest::fullAttempt(Outcome::Served).serverAttempts.size()));
    }

    void recoverInterruptedOnlyTouchesDeadWriters()
    {
        const qint64 id = conversationWith({ u"question"_s });
        // Ours: this store is alive, so its reply is left alone.
        const auto mine = m_store->beginAssistantMessage(id);
        QVERIFY(m_store->updateAssistantText(*mine, u"still coming"_s));
        // Another live writer (a second store, as a second process would have).
        Database otherDb;
        QVERIFY(otherDb.open(path()));
        auto live = std::make_unique<ConversationStore>(otherDb);
        const auto theirs = live->beginAssistantMessage(id);
        QVERIFY(live->updateAssistantText(*theirs, u"also coming"_s));
        // A writer that is gone (its store destroyed without finishing, as a crash would).
        qint64 orphan = 0;
        {
            Database crashedDb;
            QVERIFY(crashedDb.open(path()));
            ConversationStore crashed(crashedDb);
            orphan = *crashed.beginAssistantMessage(id);
            QVERIFY(crashed.updateAssistantText(orphan, u"half a rep"_s));
        }
        // And a streaming row without a writer (imported, or from an old version).
        RawConnection raw(path());
        QVERIFY(raw.exec(
            u"INSERT INTO messages (conversation_id, role, content, state, created_at, updated_at) "
            "VALUES (%1, 'assistant', 'legacy', 'streaming', 0, 0)"_s.arg(id)));
        const qint64 legacy = raw.value(u"SELECT max(id) FROM messages"_s).toLongLong();

        QSignalSpy changed(m_store.get(), &ConversationStore::messagesChanged);
        QCOMPARE(m_store->recoverInterrupted().valueOr(-1), 2);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(m_store->message(*mine)->state, MessageState::Streaming);
        QCOMPARE(m_store->message(*theirs)->state, MessageState::Streaming);
        QCOMPARE(m_store->message(orphan)->state, MessageState::Interrupted);
        QCOMPARE(m_store->message(orphan)->content, u"half a rep"_s);
        QCOMPARE(m_store->message(legacy)->state, MessageState::Interrupted);
        QCOMPARE(m_store->recoverInterrupted().valueOr(-1), 0);
        // Recovered replies join the search indexes; those still streaming do not yet.
        QCOMPARE(m_store->search(u"half"_s).valueOr({}).size(), 1);
        QCOMPARE(m_store->search(u"legacy"_s).valueOr({}).size(), 1);
        QVERIFY(m_store->search(u"coming"_s).valueOr({}).isEmpty());
        verifySearchIndexes();

        // Once the other writer is gone too, its reply is recovered.
        live.reset();
        QCOMPARE(m_store->recoverInterrupted().valueOr(-1), 1);
        QCOMPARE(m_store->message(*theirs)->state, MessageState::Interrupted);
        QCOMPARE(m_store->message(*theirs)->content, u"also coming"_s);
        QCOMPARE(m_store->message(*mine)->state, MessageState::Streaming);
    }

    void search_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("found"); // contents of the messages expected, any order
        QTest::addColumn<QString>("highlight"); // a <b>…</b> expected in the first hit's snippet

        const QStringList cerebras { u"Cerebras is rate-limited upstream, so Groq served it."_s };
        QTest::addRow("plain word") << u"cerebras"_s << cerebras << u"<b>Cerebras</b>"_s;
        QTest::addRow("word prefix") << u"cereb"_s << cerebras << u"<b>Cerebras</b>"_s;
        QTest::addRow("two words, any order") << u"groq cerebras"_s << cerebras << u"<b>Groq</b>"_s;
        QTest::addRow("phrase") << u"\"rate-limited upstream\""_s << cerebras
                                << u"<b>rate-limited upstream</b>"_s;
        QTest::addRow("phrase in other order")
            << u"\"upstream rate\""_s << QStringList() << QString();
        QTest::addRow("accent typed, none stored")
            << u"café"_s
            << QStringList { u"Meet at the cafe at noon."_s,
                   u"Le café est fermé <le lundi> & \"demain\"."_s }
            << u"<b>café</b>"_s;
        QTest::addRow("no accent typed, accent stored")
            << u"ferme"_s << QStringList { u"Le café est fermé <le lundi> & \"demain\"."_s }
            << u"<b>fermé</b>"_s;
        QTest::addRow("snippet is HTML-escaped")
            << u"lundi"_s << QStringList { u"Le café est fermé <le lundi> & \"demain\"."_s }
            << u"&lt;le <b>lundi</b>&gt; &amp; &quot;demain&quot;"_s;
        QTest::addRow("CJK word inside a sentence")
            << u"天気"_s << QStringList { u"東京の天気は晴れです。"_s } << u"<b>天気</b>"_s;
        QTest::addRow("CJK, three characters or more")
            << u"天気は晴れ"_s << QStringList { u"東京の天気は晴れです。"_s }
            << u"<b>天気は晴れ</b>"_s;
        QTest::addRow("katakana") << u"テキスト"_s
                                  << QStringList { u"日本語のテキストを検索する。"_s }
                                  << u"<b>テキスト</b>"_s;
        QTest::addRow("one CJK character")
            << u"京"_s
            << QStringList { u"東京の天気は晴れです。"_s, u"Tokyo is 東京 in Japanese."_s }
            << u"<b>京</b>"_s;
        QTest::addRow("Korean") << u"한국어"_s << QStringList { u"한국어를 배우고 있어요."_s }
                                << u"<b>한국어</b>"_s;
        QTest::addRow("CJK and Latin together")
            << u"Tokyo 東京"_s << QStringList { u"Tokyo is 東京 in Japanese."_s }
            << u"<b>Tokyo</b>"_s;
        QTest::addRow("no match") << u"kubernetes"_s << QStringList() << QString();

        // FTS5 syntax is searched literally, never interpreted (and never an error).
        const QStringList none;
        QTest::addRow("lone quote") << u"\""_s << none << QString();
        QTest::addRow("unbalanced quote")
            << u"\"rate limited"_s << cerebras << u"<b>rate-limited</b>"_s;
        QTest::addRow("star") << u"*"_s << none << QString();
        QTest::addRow("minus") << u"-"_s << none << QString();
        QTest::addRow("NEAR(")
            << u"NEAR("_s
            << QStringList { u"NEAR(a b) and col:value are FTS5 syntax; so is ^start."_s }
            << u"<b>NEAR</b>"_s;
        QTest::addRow("colon") << u":"_s << none << QString();
        QTest::addRow("column filter")
            << u"col:value"_s
            << QStringList { u"NEAR(a b) and col:value are FTS5 syntax; so is ^start."_s }
            << u"<b>col:value</b>"_s;
        QTest::addRow("content column filter") << u"content:cerebras"_s << none << QString();
        QTest::addRow("caret")
            << u"^start"_s
            << QStringList { u"NEAR(a b) and col:value are FTS5 syntax; so is ^start."_s }
            << u"<b>start</b>"_s;
        QTest::addRow("boolean words") << u"AND OR NOT"_s << none << QString();
        QTest::addRow("parentheses") << u"( )"_s << none << QString();
        QTest::addRow("minus word") << u"-limited"_s << cerebras << u"<b>limited</b>"_s;
        QTest::addRow("percent and underscore") << u"%_東\\"_s << none << QString();
        QTest::addRow("empty") << QString() << none << QString();
    }

    void search()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, found);
        QFETCH(QString, highlight);
        const QStringList corpus {
            u"Cerebras is rate-limited upstream, so Groq served it."_s,
            u"Meet at the cafe at noon."_s,
            u"Le café est fermé <le lundi> & \"demain\"."_s,
            u"東京の天気は晴れです。"_s,
            u"日本語のテキストを検索する。"_s,
            u"한국어를 배우고 있어요."_s,
            u"Tokyo is 東京 in Japanese."_s,
            u"NEAR(a b) and col:value are FTS5 syntax; so is ^start."_s,
        };
        const qint64 id = conversationWith(corpus, u"Search corpus"_s);
        const QList<StoredMessage> messages = m_store->messages(id).valueOr({});

        const Result<QList<SearchHit>> searched = m_store->search(query);
        QVERIFY2(searched, qPrintable(searched.error()));
        const QList<SearchHit> hits = *searched;
        QStringList contents;
        for (const SearchHit &hit : hits) {
            QCOMPARE(hit.conversationId, id);
            QCOMPARE(hit.role, u"user"_s);
            QCOMPARE(hit.conversationTitle, u"Search corpus"_s);
            const auto message = std::find_if(messages.cbegin(), messages.cend(),
                [&](const StoredMessage &m) { return m.id == hit.messageId; });
            QVERIFY(message != messages.cend());
            contents << message->content;
        }
        QStringList expected = found;
        expected.sort();
        contents.sort();
        QCOMPARE(contents, expected);
        if (!highlight.isEmpty()) {
            QVERIFY2(hits.first().snippet.contains(highlight), qPrintable(hits.first().snippet));
            QVERIFY(!hits.first().snippet.contains(QChar(0xFDD0)));
        }
    }

    // The conversation list's search: of the newest `limit` matching messages, each
    // conversation's newest, newest first, with its snippet; in every query mode.
    void searchConversationsKeepsEachConversationsNewestHit_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addRow("words") << u"quasar"_s;
        QTest::addRow("substring (trigram)") << u"星雲の観"_s;
        QTest::addRow("substring under three characters") << u"星雲"_s;
    }

    void searchConversationsKeepsEachConversationsNewestHit()
    {
        QFETCH(QString, query);
        const qint64 first =
            conversationWith({ u"quasar one 星雲の観測"_s, u"quasar two 星雲の観測"_s }, u"Sky"_s);
        const qint64 second = conversationWith({ u"quasar three 星雲の観測"_s }, u"Sky 2"_s);
        const Result<QList<SearchHit>> all = m_store->searchConversations(query, 100);
        QVERIFY2(all, qPrintable(all.error()));
        QList<std::pair<qint64, QString>> found;
        for (const SearchHit &hit : *all)
            found.append({ hit.conversationId, m_store->message(hit.messageId)->content });
        QCOMPARE(found,
            (QList<std::pair<qint64, QString>> {
                { second, u"quasar three 星雲の観測"_s }, { first, u"quasar two 星雲の観測"_s } }));
        QVERIFY2(all->first().snippet.contains(u"<b>"_s), qPrintable(all->first().snippet));
        // The limit counts messages: the newest one alone is in the second conversation.
        const Result<QList<SearchHit>> newest = m_store->searchConversations(query, 1);
        QVERIFY(newest);
        QCOMPARE(newest->size(), 1);
        QCOMPARE(newest->first().conversationId, second);
        // Every hit, as before, for other callers.
        QCOMPARE(m_store->search(query).valueOr({}).size(), 3);
        QVERIFY(m_store->deleteConversation(first));
        QVERIFY(m_store->deleteConversation(second));
    }

    // A reply joins the search indexes when it stops streaming (indexing every
    // save would re-read the whole reply once a second), however it stops.
    void repliesAreFoundOnceTheyStopStreaming_data()
    {
        QTest::addColumn<bool>("served");
        QTest::addRow("finished") << true;
        QTest::addRow("interrupted") << false;
    }

    void repliesAreFoundOnceTheyStopStreaming()
    {
        QFETCH(bool, served);
        const qint64 id = conversationWith({ u"first mention of zebras"_s });
        const auto reply = m_store->beginAssistantMessage(id);
        QVERIFY(reply);
        QVERIFY(m_store->updateAssistantText(*reply, u"Zebras are striped"_s));
        QCOMPARE(m_store->search(u"zebras"_s).valueOr({}).size(), 1);
        const QString text = u"Zebras, horses: 今日は東京へ行きます"_s;
        QVERIFY(m_store->updateAssistantText(*reply, text));
        QVERIFY(m_store->search(u"東京へ"_s).valueOr({}).isEmpty());
        verifySearchIndexes();
        if (served) {
            QVERIFY(m_store->finishTurn(id, 0, *reply, servedResult(text)));
        } else {
            QVERIFY(m_store->markInterrupted(*reply));
        }
        const QList<SearchHit> hits = m_store->search(u"zebras"_s).valueOr({});
        QCOMPARE(hits.size(), 2);
        QCOMPARE(hits[0].messageId, *reply); // newest first
        QCOMPARE(hits[0].role, u"assistant"_s);
        QCOMPARE(m_store->search(u"horses"_s).valueOr({}).size(), 1);
        QCOMPARE(m_store->search(u"東京へ"_s).valueOr({}).size(), 1);
        verifySearchIndexes();
        QVERIFY(m_store->deleteConversation(id));
        QVERIFY(m_store->search(u"zebras"_s).valueOr({}).isEmpty());
        verifySearchIndexes();
    }

    // Snippets are what the person reads, not the Markdown they were written in.
    void snippetsArePlainText_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<QStringList>("terms");
        QTest::addColumn<QString>("expected");

        const QStringList word { u"groq"_s };
        QTest::addRow("inline code") << u"Use `groq` or ``a `b` groq``"_s << word
                                     << u"Use <b>groq</b> or a `b` <b>groq</b>"_s;
        QTest::addRow("code fence") << u"Before\n```cpp\nauto x = groq * 2;\n```\nafter"_s << word
                                    << u"Before auto x = <b>groq</b> * 2; after"_s;
        QTest::addRow("tilde fence keeps inner backticks")
            << u"~~~\n```groq```\n~~~"_s << word << u"```<b>groq</b>```"_s;
        QTest::addRow("emphasis") << u"**Groq** served it *fast*, __really__ _fast_"_s << word
                                  << u"<b>Groq</b> served it fast, really fast"_s;
        QTest::addRow("strong emphasis inside a word")
            << u"Gr**oq**"_s << QStringList { u"gr"_s } << u"<b>Gr</b>oq"_s;
        QTest::addRow("strikethrough") << u"~~groq~~ is gone"_s << word << u"<b>groq</b> is gone"_s;
        QTest::addRow("star between spaces stays")
            << u"2 * 3 groq"_s << word << u"2 * 3 <b>groq</b>"_s;
        QTest::addRow("snake_case stays")
            << u"rate_limit_groq"_s << word << u"rate_limit_<b>groq</b>"_s;
        QTest::addRow("headings") << u"# Groq\n## Why ##\ntext"_s << word
                                  << u"<b>Groq</b> Why text"_s;
        QTest::addRow("hash without space stays")
            << u"#groq channel"_s << word << u"#<b>groq</b> channel"_s;
        QTest::addRow("lists and tasks")
            << u"- first\n* second groq\n+ third\n1. one\n2) two\n- [x] done"_s << word
            << u"first second <b>groq</b> third one two done"_s;
        QTest::addRow("quotes") << u"> quoted groq\n> > nested"_s << word
                                << u"quoted <b>groq</b> nested"_s;
        QTest::addRow("rules") << u"above\n\n---\n***\nbelow groq"_s << word
                               << u"above below <b>groq</b>"_s;
        QTest::addRow("link becomes its text")
            << u"See [the groq docs](https://groq.com/docs) now"_s << word
            << u"See the <b>groq</b> docs now"_s;
        QTest::addRow("a match only in the address goes with it")
            << u"See [the docs](https://groq.com/(x)) now"_s << word << u"See the docs now"_s;
        QTest::addRow("image becomes its alt text")
            << u"![groq logo](logo.png) here"_s << word << u"<b>groq</b> logo here"_s;
        QTest::addRow("autolink") << u"<https://groq.com> is it"_s << word
                                  << u"https://<b>groq</b>.com is it"_s;
        QTest::addRow("emphasis in a link") << u"[**groq**](u)"_s << word << u"<b>groq</b>"_s;
        QTest::addRow("escapes") << u"\\*not emphasis\\* groq"_s << word
                                 << u"*not emphasis* <b>groq</b>"_s;
        QTest::addRow("table") << u"| model | groq |\n|---|:---:|\n| a | b |"_s << word
                               << u"model <b>groq</b> a b"_s;
        QTest::addRow("still HTML-escaped")
            << u"**<groq>** & co"_s << word << u"&lt;<b>groq</b>&gt; &amp; co"_s;
        QTest::addRow("plain text unchanged")
            << u"Groq served it."_s << word << u"<b>Groq</b> served it."_s;
    }

    void snippetsArePlainText()
    {
        QFETCH(QString, content);
        QFETCH(QStringList, terms);
        QFETCH(QString, expected);
        QCOMPARE(search::snippet(search::mark(content, terms)), expected);
    }

    void searchSnippetsFromTheStoreArePlainText()
    {
        conversationWith(
            { u"## Setup\nRun `make build` and read **[the zebra guide](https://x.org)**."_s });
        const QList<SearchHit> hits = m_store->search(u"zebra"_s).valueOr({});
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits[0].snippet, u"Setup Run make build and read the <b>zebra</b> guide."_s);
    }

    void longSnippetsAreCutAroundTheMatch()
    {
        const QString text = QString(300, u'a') + u" needle "_s + QString(300, u'b');
        conversationWith({ text });
        const QList<SearchHit> hits = m_store->search(u"needle"_s).valueOr({});
        QCOMPARE(hits.size(), 1);
        QVERIFY(hits[0].snippet.contains(u"<b>needle</b>"_s));
        QVERIFY2(hits[0].snippet.size() < 300, qPrintable(hits[0].snippet));
        QVERIFY(hits[0].snippet.endsWith(u"…"_s));
    }

    void signalsTellModelsToRefresh()
    {
        QSignalSpy conversations(m_store.get(), &ConversationStore::conversationsChanged);
        QSignalSpy messages(m_store.get(), &ConversationStore::messagesChanged);
        const qint64 id = *m_store->createConversation(u"Signals"_s);
        QCOMPARE(conversations.size(), 1);
        const qint64 user = *m_store->addUserMessage(id, u"hi"_s);
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.takeFirst().at(0).toLongLong(), id);
        const qint64 reply = *m_store->beginAssistantMessage(id);
        QCOMPARE(messages.size(), 1);
        messages.clear();
        QVERIFY(m_store->updateAssistantText(reply, u"hel"_s));
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.takeFirst().at(0).toLongLong(), id);
        QVERIFY(m_store->finishTurn(id, user, reply, servedResult()));
        QCOMPARE(messages.size(), 1);
        conversations.clear();
        QVERIFY(m_store->renameConversation(id, u"Renamed"_s));
        QVERIFY(m_store->deleteConversation(id));
        QVERIFY(m_store->restoreConversation(id));
        QCOMPARE(conversations.size(), 3);
        // Failures change nothing and say nothing.
        conversations.clear();
        messages.clear();
        QVERIFY(!m_store->renameConversation(id + 1000, u"x"_s));
        QVERIFY(!m_store->updateAssistantText(reply + 1000, u"x"_s));
        QCOMPARE(conversations.size(), 0);
        QCOMPARE(messages.size(), 0);
    }

    void titleFromTheFirstLine_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("title");
        QTest::addRow("short") << u"hello"_s << u"hello"_s;
        QTest::addRow("first non-empty line") << u"\n\n  Why 429?  \nmore"_s << u"Why 429?"_s;
        QTest::addRow("white space folded") << u"a \t b"_s << u"a b"_s;
        QTest::addRow("long, cut at a word")
            << u"Which of the providers behind OpenRouter is rate-limiting the free variant today?"_s
            << u"Which of the providers behind OpenRouter is rate-limiting…"_s;
    }

    void titleFromTheFirstLine()
    {
        QFETCH(QString, text);
        QFETCH(QString, title);
        QCOMPARE(ConversationStore::titleFor(text), title);
    }
};

QTEST_GUILESS_MAIN(TestConversationStore)
#include "test_conversation_store.moc"
