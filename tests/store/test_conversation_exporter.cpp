// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Export and import: Markdown to read, JSON that imports back losslessly, the
// attempt log as CSV, and no key anywhere (database files and exports alike).
#include "Fixtures.h"
#include "StoreTestSupport.h"
#include "protocol/JsonUtil.h"
#include "route/RouteEngine.h"
#include "sim/SimServer.h"
#include "store/ConversationExporter.h"
#include "store/ConversationStore.h"
#include "store/ConversationTree.h"
#include "store/Database.h"
#include "store/TurnRecorder.h"

#include <QDir>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;
using fixtures::quoted;

namespace {

QDateTime at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs);
}

StoredMessage message(qint64 id, const QString &role, const QString &content, MessageState state,
    qint64 turnId, const char *time)
{
    StoredMessage m;
    m.id = id;
    m.role = role;
    m.content = content;
    m.state = state;
    m.turnId = turnId;
    m.parentId = id - 1; // one branch: each message follows the one before
    m.createdAt = at(time);
    m.updatedAt = at(time).addMSecs(1500);
    return m;
}

// A conversation with a served, a failed, an interrupted turn and a reply cut
// off by a crash (no turn).
ConversationRecord sampleRecord()
{
    ConversationRecord record;
    record.conversation.id = 7;
    record.conversation.title = u"Why is Kimi rate-limited?"_s;
    record.conversation.routeName = u"free first"_s;
    record.conversation.createdAt = at("2025-01-31T12:00:00.000Z");
    record.conversation.updatedAt = at("2025-01-31T12:05:00.000Z");

    StoredMessage reply =
        message(2, u"assistant"_s, u"Because Chutes is saturated.\n\nTry the paid variant.\n"_s,
            MessageState::Complete, 1, "2025-01-31T12:00:01.000Z");
    reply.reasoning = u"Chutes returned 429."_s;
    record.messages = {
        message(1, u"user"_s, u"Why does the free Kimi fail?"_s, MessageState::Complete, 1,
            "2025-01-31T12:00:00.500Z"),
        reply,
        message(3, u"user"_s, u"And now?"_s, MessageState::Complete, 2, "2025-01-31T12:01:00.000Z"),
        message(4, u"assistant"_s, QString(), MessageState::Failed, 2, "2025-01-31T12:01:00.100Z"),
        message(5, u"user"_s, u"Once more, slowly"_s, MessageState::Complete, 3,
            "2025-01-31T12:02:00.000Z"),
        message(6, u"assistant"_s, u"Partial ans"_s, MessageState::Interrupted, 3,
            "2025-01-31T12:02:00.100Z"),
        message(
            7, u"user"_s, u"Still there?"_s, MessageState::Complete, 0, "2025-01-31T12:03:00.000Z"),
        message(
            8, u"assistant"_s, u"Half"_s, MessageState::Interrupted, 0, "2025-01-31T12:03:00.100Z"),
    };

    Attempt refused = storetest::fullAttempt(Outcome::RateLimitedUpstream, 0);
    refused.stepIndex = 0;
    refused.usage.reset();
    Attempt served;
    served.index = 1;
    served.stepIndex = 1;
    served.endpointId = u"openrouter"_s;
    served.requestedModel = u"moonshotai/kimi-k2"_s;
    served.servedModel = u"moonshotai/kimi-k2"_s;
    served.provider = u"Groq"_s;
    served.httpStatus = 200;
    served.outcome = Outcome::Served;
    served.timings = { 3, 150, 260, 400, 410 };
    served.usage = Usage { 80, 132, 212, 0, 0.0003, false };
    StoredTurn first;
    first.id = 1;
    first.userMessageId = 1;
    first.assistantMessageId = 2;
    first.status = TurnResult::Status::Served;
    first.durationMs = 412;
    first.startedAt = at("2025-01-31T12:00:00.600Z");
    first.servedAttempt = 1;
    first.attempts = { refused, served };

    StoredTurn second;
    second.id = 2;
    second.userMessageId = 3;
    second.assistantMessageId = 4;
    second.status = TurnResult::Status::Failed;
    second.summary = u"Your key hit its limit *per day*; wait until tomorrow or add credits."_s;
    second.durationMs = 90;
    second.startedAt = at("2025-01-31T12:01:00.050Z");
    Attempt limited;
    limited.endpointId = u"openrouter"_s;
    limited.requestedModel = u"moonshotai/kimi-k2:free"_s;
    limited.httpStatus = 429;
    limited.outcome = Outcome::RateLimitedKey;
    limited.party = Party::You;
    limited.summary = u"Limit reached, \"free-models-per-day\",\nreset at midnight UTC."_s;
    limited.fixes = { Fix::Wait, Fix::AddCredits };
    limited.retryAfterS = 3600.5;
    second.attempts = { limited };

    StoredTurn third;
    third.id = 3;
    third.userMessageId = 5;
    third.assistantMessageId = 6;
    third.status = TurnResult::Status::Interrupted;
    third.summary = u"The connection closed before the reply was complete."_s;
    third.durationMs = 1234;
    third.startedAt = at("2025-01-31T12:02:00.050Z");
    Attempt cut = served;
    cut.index = 0;
    cut.outcome = Outcome::Network;
    cut.interrupted = true;
    cut.usage.reset();
    third.attempts = { cut };

    record.turns = { first, second, third };
    return record;
}

// Every field that must survive export and import (ids are new; links must match).
void compareRecords(const ConversationRecord &actual, const ConversationRecord &expected)
{
    QCOMPARE(actual.conversation.title, expected.conversation.title);
    QCOMPARE(actual.conversation.routeName, expected.conversation.routeName);
    QCOMPARE(actual.conversation.createdAt, expected.conversation.createdAt);
    QCOMPARE(actual.conversation.updatedAt, expected.conversation.updatedAt);
    QCOMPARE(actual.conversation.deletedAt, expected.conversation.deletedAt);
    QCOMPARE(actual.conversation.settings, expected.conversation.settings);
    QCOMPARE(actual.conversation.origin, expected.conversation.origin);
    QCOMPARE(actual.messages.size(), expected.messages.size());
    QCOMPARE(actual.turns.size(), expected.turns.size());
    const auto turnIndex = [](const ConversationRecord &record, qint64 id) {
        for (qsizetype i = 0; i < record.turns.size(); ++i) {
            if (record.turns[i].id == id)
                return i;
        }
        return qsizetype(-1);
    };
    const auto messageIndex = [](const ConversationRecord &record, qint64 id) {
        for (qsizetype i = 0; i < record.messages.size(); ++i) {
            if (record.messages[i].id == id)
                return i;
        }
        return qsizetype(-1);
    };
    for (qsizetype i = 0; i < expected.messages.size(); ++i) {
        const StoredMessage &a = actual.messages[i];
        const StoredMessage &e = expected.messages[i];
        QCOMPARE(a.role, e.role);
        QCOMPARE(a.content, e.content);
        QCOMPARE(a.reasoning, e.reasoning);
        QCOMPARE(a.state, e.state);
        QCOMPARE(a.createdAt, e.createdAt);
        QCOMPARE(a.updatedAt, e.updatedAt);
        QCOMPARE(turnIndex(actual, a.turnId), turnIndex(expected, e.turnId));
        QCOMPARE(messageIndex(actual, a.parentId), messageIndex(expected, e.parentId));
    }
    // The branch on screen: the same message (a leaf of 0 is the newest message).
    const auto leafIndex = [&messageIndex](const ConversationRecord &record) {
        const qint64 leaf = record.conversation.currentLeafId;
        return leaf != 0 ? messageIndex(record, leaf) : record.messages.size() - 1;
    };
    QCOMPARE(leafIndex(actual), leafIndex(expected));
    for (qsizetype i = 0; i < expected.turns.size(); ++i) {
        storetest::compareTurns(actual.turns[i], expected.turns[i]);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(messageIndex(actual, actual.turns[i].userMessageId),
            messageIndex(expected, expected.turns[i].userMessageId));
        QCOMPARE(messageIndex(actual, actual.turns[i].assistantMessageId),
            messageIndex(expected, expected.turns[i].assistantMessageId));
    }
}

// RFC 4180 reader, just enough to check the writer.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row << field;
            field.clear();
        } else if (c == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n') {
            row << field;
            rows << row;
            row.clear();
            field.clear();
            ++i;
        } else {
            field += c;
        }
    }
    return rows;
}

} // namespace

class TestConversationExporter final : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConversationStore> m_store;

    QString path() const { return m_dir->filePath(u"detour.sqlite3"_s); }

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

    // Exports are read by tools and shared across languages: numbers keep the point
    // whatever the window's language.
    void markdownGolden_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::newRow("English") << QLocale(QLocale::English, QLocale::UnitedStates);
        QTest::newRow("German") << QLocale(QLocale::German, QLocale::Germany);
    }

    void markdownGolden()
    {
        QFETCH(QLocale, locale);
        const QLocale previous;
        QLocale::setDefault(locale);
        const auto restore = qScopeGuard([&previous] { QLocale::setDefault(previous); });
        const QString expected = QStringLiteral(
            "# Why is Kimi rate-limited?\n"
            "\n"
            "*Route: free first · started 2025-01-31 12:00 UTC*\n"
            "\n"
            "## You\n"
            "\n"
            "Why does the free Kimi fail?\n"
            "\n"
            "## Assistant\n"
            "\n"
            "<details><summary>Reasoning</summary>\n"
            "\n"
            "Chutes returned 429.\n"
            "\n"
            "</details>\n"
            "\n"
            "Because Chutes is saturated.\n"
            "\n"
            "Try the paid variant.\n"
            "\n"
            "*Served by Groq · moonshotai/kimi-k2 · after 1 fallback · 0.4 s · 212 tok · $0.0003*\n"
            "\n"
            "## You\n"
            "\n"
            "And now?\n"
            "\n"
            "## Assistant\n"
            "\n"
            "*Not served: Your key hit its limit \\*per day\\*; wait until tomorrow or add "
            "credits.*\n"
            "\n"
            "## You\n"
            "\n"
            "Once more, slowly\n"
            "\n"
            "## Assistant\n"
            "\n"
            "Partial ans\n"
            "\n"
            "*Interrupted at Groq · moonshotai/kimi-k2 after 1.2 s: The connection closed before "
            "the reply was complete.*\n"
            "\n"
            "## You\n"
            "\n"
            "Still there?\n"
            "\n"
            "## Assistant\n"
            "\n"
            "Half\n"
            "\n"
            "*Interrupted: Detour stopped before this reply was complete.*\n");
        QCOMPARE(ConversationExporter::toMarkdown(
                     sampleRecord(), ConversationExporter::Thinking::Included),
            expected);
    }

    // The reasoning is in the Markdown only when asked for, and in the JSON always.
    void thinkingOnlyWhenAsked()
    {
        const ConversationRecord record = sampleRecord();
        const QString plain = ConversationExporter::toMarkdown(record);
        QVERIFY(!plain.contains(u"Chutes returned 429."_s));
        QVERIFY(!plain.contains(u"<details>"_s));
        QVERIFY(plain.contains(u"Because Chutes is saturated."_s));
        QCOMPARE(plain,
            ConversationExporter::toMarkdown(record, ConversationExporter::Thinking::LeftOut));
        const QString withThinking =
            ConversationExporter::toMarkdown(record, ConversationExporter::Thinking::Included);
        QVERIFY(withThinking.contains(
            u"<details><summary>Reasoning</summary>\n\nChutes returned 429.\n\n</details>"_s));
        // Nothing but the reasoning differs.
        QCOMPARE(QString(withThinking)
                     .remove(u"<details><summary>Reasoning</summary>\n\nChutes returned 429.\n\n"
                             "</details>\n\n"_s),
            plain);
        QVERIFY(ConversationExporter::toJson(record).contains(
            "\"reasoning\": \"Chutes returned 429.\""));
    }

    void outcomeLines_data()
    {
        QTest::addColumn<int>("servedAttempt");
        QTest::addColumn<qint64>("durationMs");
        QTest::addColumn<double>("cost");
        QTest::addColumn<QString>("line");
        QTest::addRow("first step")
            << 0 << qint64(2049) << 1.5
            << u"Served by Groq · moonshotai/kimi-k2 · 2.0 s · 212 tok · $1.50"_s;
        QTest::addRow("two fallbacks")
            << 2 << qint64(400) << 0.01234
            << u"Served by Groq · moonshotai/kimi-k2 · after 2 fallbacks · 0.4 s · 212 tok · $0.012"_s;
        QTest::addRow("free")
            << 1 << qint64(50) << 0.0
            << u"Served by Groq · moonshotai/kimi-k2 · after 1 fallback · 0.1 s · 212 tok · $0"_s;
    }

    void outcomeLines()
    {
        QFETCH(int, servedAttempt);
        QFETCH(qint64, durationMs);
        QFETCH(double, cost);
        QFETCH(QString, line);
        StoredTurn turn = sampleRecord().turns.first();
        Attempt served = turn.attempts[1];
        served.usage->cost = cost;
        // One refused attempt per step passed over, then the served one on the next step.
        QList<Attempt> attempts;
        for (int step = 0; step <= servedAttempt; ++step) {
            Attempt attempt = step < servedAttempt ? turn.attempts[0] : served;
            attempt.index = attempt.stepIndex = step;
            attempts << attempt;
        }
        turn.attempts = attempts;
        turn.servedAttempt = servedAttempt;
        turn.durationMs = durationMs;
        QCOMPARE(ConversationExporter::outcomeLine(turn), line);
    }

    void jsonRoundTripIsLossless_data()
    {
        QTest::addColumn<bool>("deleted");
        QTest::addColumn<bool>("withSettings");
        QTest::addRow("conversation") << false << false;
        QTest::addRow("deleted conversation") << true << false;
        QTest::addRow("system prompt and parameters") << false << true;
    }

    void jsonRoundTripIsLossless()
    {
        QFETCH(bool, deleted);
        QFETCH(bool, withSettings);
        ConversationRecord sample = sampleRecord();
        if (withSettings)
            sample.conversation.settings = sampleSettings();
        sample.messages[0].content =
            u"Ünïcödé, 東京, emoji 🚀, \"quotes\", back\\slash, tab\t and NUL-free text"_s;
        sample.turns[0].attempts[0].body = QByteArray("\x00\x01\xff binary", 10);
        if (deleted)
            sample.conversation.deletedAt = at("2025-02-01T08:00:00.250Z");
        // Through the store first, so that what is exported is what the database holds.
        const auto stored = m_store->importRecord(sample);
        QVERIFY2(stored, qPrintable(stored.error()));
        const ConversationRecord original = *m_store->load(*stored);
        compareRecords(original, sample);
        if (QTest::currentTestFailed())
            return;

        const QByteArray json = ConversationExporter::toJson(original);
        const auto parsed = ConversationExporter::fromJson(json);
        const QString &error = parsed.error();
        QVERIFY2(parsed, qPrintable(error));
        compareRecords(*parsed, original);
        if (QTest::currentTestFailed())
            return;
        const auto imported = m_store->importRecord(*parsed);
        QVERIFY2(imported, qPrintable(imported.error()));
        QVERIFY(*imported != *stored);
        const ConversationRecord back = *m_store->load(*imported);
        compareRecords(back, original);
        if (QTest::currentTestFailed())
            return;
        // Exporting the import gives the same document, byte for byte.
        QCOMPARE(ConversationExporter::toJson(back), json);
        QCOMPARE(m_store->deletedConversations().valueOr({}).size(), deleted ? 2 : 0);
    }

    // A tree: the first question edited twice (three versions), the reply to the second
    // version regenerated; the branch on screen is the second question's, second reply.
    //   q1 ── r1
    //   q1b ─┬─ r1b
    //        └─ r1c ── q2 ── r2
    //   q1c ── r1d
    qint64 storeTree(QHash<QString, qint64> &ids)
    {
        const qint64 conversation = *m_store->createConversation(u"Branches"_s);
        const auto add = [&](const QString &name, Result<qint64> id) {
            if (!id)
                qFatal("%s: %s", qPrintable(name), qPrintable(id.error()));
            ids.insert(name, *id);
        };
        const auto reply = [&](const QString &name, qint64 question, const QString &text) {
            const Result<qint64> id = m_store->beginAssistantMessage(conversation, question);
            TurnResult result;
            result.status = TurnResult::Status::Served;
            result.content = text;
            result.attempts = { storetest::fullAttempt(Outcome::Served, 0) };
            result.servedAttempt = 0;
            if (!id || !m_store->finishTurn(conversation, question, *id, result))
                qFatal("reply %s", qPrintable(name));
            ids.insert(name, *id);
        };
        add(u"q1"_s, m_store->addUserMessage(conversation, u"Which route?"_s));
        reply(u"r1"_s, ids[u"q1"_s], u"Free first."_s);
        add(u"q1b"_s, m_store->addUserMessage(conversation, u"Which route, cheaply?"_s, {}, 0));
        reply(u"r1b"_s, ids[u"q1b"_s], u"Paid first."_s);
        add(u"r1c"_s, m_store->beginAssistantMessage(conversation, ids[u"q1b"_s]));
        if (!m_store->updateAssistantText(ids[u"r1c"_s], u"Groq first."_s)
            || !m_store->markInterrupted(ids[u"r1c"_s]))
            qFatal("r1c");
        add(u"q2"_s, m_store->addUserMessage(conversation, u"Why Groq?"_s));
        reply(u"r2"_s, ids[u"q2"_s], u"It is fast."_s);
        add(u"q1c"_s, m_store->addUserMessage(conversation, u"Route for code?"_s, {}, 0));
        reply(u"r1d"_s, ids[u"q1c"_s], u"Cerebras."_s);
        if (!ConversationTree(*m_store).select(ids[u"r2"_s]))
            qFatal("select");
        return conversation;
    }

    // Export and import keep every branch, the turns of each and the branch on screen.
    void jsonRoundTripKeepsTheTree()
    {
        QHash<QString, qint64> ids;
        const qint64 conversation = storeTree(ids);
        const ConversationRecord original = *m_store->load(conversation);
        QCOMPARE(original.messages.size(), 9);
        QCOMPARE(original.turns.size(), 4);
        const QByteArray json = ConversationExporter::toJson(original);
        const auto parsed = ConversationExporter::fromJson(json);
        QVERIFY2(parsed, qPrintable(parsed.error()));
        compareRecords(*parsed, original);
        if (QTest::currentTestFailed())
            return;
        const auto imported = m_store->importRecord(*parsed);
        QVERIFY2(imported, qPrintable(imported.error()));
        const ConversationRecord back = *m_store->load(*imported);
        compareRecords(back, original);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(ConversationExporter::toJson(back), json);

        // The same shape: the branch on screen, and the versions of each message on it.
        ConversationTree tree(*m_store);
        const QList<StoredMessage> branch = tree.branch(*imported).valueOr({});
        QStringList contents;
        QList<int> versions;
        for (const StoredMessage &message : branch) {
            contents << message.content;
            versions << tree.siblings(message.id)->count();
        }
        QCOMPARE(contents,
            QStringList({ u"Which route, cheaply?"_s, u"Groq first."_s, u"Why Groq?"_s,
                u"It is fast."_s }));
        QCOMPARE(versions, QList<int>({ 3, 2, 1, 1 }));
        QCOMPARE(tree.siblings(branch[0].id)->index, 1);
        QCOMPARE(tree.siblings(branch[1].id)->index, 1);
        QCOMPARE(branch[1].state, MessageState::Interrupted);
    }

    // The Markdown is the branch on screen; the attempt log has every turn of every branch.
    void markdownIsTheBranchOnScreen()
    {
        QHash<QString, qint64> ids;
        const qint64 conversation = storeTree(ids);
        const ConversationRecord record = *m_store->load(conversation);
        const QString markdown = ConversationExporter::toMarkdown(record);
        for (const char *shown : { "Which route, cheaply?", "Groq first.", "Why Groq?" })
            QVERIFY2(markdown.contains(QLatin1StringView(shown)), shown);
        for (const char *other : { "Which route?", "Free first.", "Paid first.", "Cerebras." })
            QVERIFY2(!markdown.contains(QLatin1StringView(other)), other);
        const QList<QStringList> rows =
            parseCsv(QString::fromUtf8(ConversationExporter::attemptsCsv(record)));
        QCOMPARE(rows.size(), 1 + 4); // the header, the one attempt of each of the four turns
    }

    // A version 1 file (before branches) is one branch ending at its last message.
    void versionOneFilesAreOneBranch()
    {
        auto document = *detour::json::parse(ConversationExporter::toJson(sampleRecord()));
        document["version"] = 1;
        document["conversation"].erase("current_message");
        document["conversation"].erase("origin");
        for (auto &message : document["messages"])
            message.erase("parent");
        const auto parsed =
            ConversationExporter::fromJson(QByteArray::fromStdString(document.dump()));
        QVERIFY2(parsed, qPrintable(parsed.error()));
        compareRecords(*parsed, sampleRecord());
        if (QTest::currentTestFailed())
            return;
        const auto imported = m_store->importRecord(*parsed);
        QVERIFY2(imported, qPrintable(imported.error()));
        QCOMPARE(ConversationTree(*m_store).branch(*imported).valueOr({}).size(), 8);
    }

    static ConversationSettings sampleSettings()
    {
        ConversationSettings settings;
        settings.systemPrompt = u"You are terse.\nAnswer in German."_s;
        settings.sampling.temperature = 0.3;
        settings.sampling.seed = 11;
        settings.reasoning.effort = u"medium"_s;
        settings.reasoning.exclude = true;
        return settings;
    }

    void settingsAreExported()
    {
        ConversationRecord record = sampleRecord();
        record.conversation.settings = sampleSettings();
        const auto document = detour::json::parse(ConversationExporter::toJson(record));
        QVERIFY(document);
        const auto &conversation = (*document)["conversation"];
        QCOMPARE(conversation["system_prompt"].get<std::string>(),
            std::string("You are terse.\nAnswer in German."));
        QCOMPARE(conversation["parameters"].dump(),
            std::string(R"({"reasoning":{"effort":"medium","exclude":true},"seed":11,)"
                        R"("temperature":0.3})"));
        QCOMPARE((*document)["messages"][1]["reasoning"].get<std::string>(),
            std::string("Chutes returned 429."));

        const QString markdown = ConversationExporter::toMarkdown(record);
        QVERIFY2(
            markdown.contains(u"## System prompt\n\n> You are terse.\n> Answer in German.\n\n"_s),
            qPrintable(markdown));
        QVERIFY2(
            markdown.contains(u"*Parameters: reasoning {\"effort\":\"medium\",\"exclude\":true} · "
                              "seed 11 · temperature 0.3*"_s),
            qPrintable(markdown));
        // Before the first message.
        QVERIFY(markdown.indexOf(u"System prompt"_s) < markdown.indexOf(u"## You"_s));
    }

    void filesWithoutSettingsStillImport()
    {
        auto document = *detour::json::parse(ConversationExporter::toJson(sampleRecord()));
        document["conversation"].erase("system_prompt");
        document["conversation"].erase("parameters");
        const auto parsed =
            ConversationExporter::fromJson(QByteArray::fromStdString(document.dump()));
        QVERIFY2(parsed, qPrintable(parsed.error()));
        QVERIFY(parsed->conversation.settings.isEmpty());
    }

    void jsonShapeIsVersioned()
    {
        const auto document = detour::json::parse(ConversationExporter::toJson(sampleRecord()));
        QVERIFY(document);
        QCOMPARE((*document)["format"].get<std::string>(), std::string("detour.conversation"));
        QCOMPARE((*document)["version"].get<int>(), 2);
        QVERIFY((*document)["messages"][0]["parent"].is_null());
        QCOMPARE((*document)["messages"][1]["parent"].get<int>(), 0);
        QCOMPARE((*document)["messages"][1]["turn"].get<int>(), 0);
        QVERIFY((*document)["messages"][6]["turn"].is_null());
        QCOMPARE((*document)["turns"][0]["assistant_message"].get<int>(), 1);
        const auto &attempt = (*document)["turns"][0]["attempts"][0];
        QCOMPARE(attempt["outcome"].get<std::string>(), std::string("rate_limited_upstream"));
        QCOMPARE(attempt["retry_after_s"].get<double>(), 0.1);
        QVERIFY(attempt["body"].is_object()); // not UTF-8: base64
        QCOMPARE(attempt["timings_ms"]["first_token"].get<int>(), 340);
        QCOMPARE((*document)["conversation"]["created_at"].get<std::string>(),
            std::string("2025-01-31T12:00:00.000Z"));
    }

    void jsonImportRefusesWhatItCannotRead_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("reason");
        QTest::addRow("not JSON") << QByteArray("{nope") << u"not a JSON object"_s;
        QTest::addRow("another format")
            << quoted("{'format':'other','version':1}") << u"not a Detour conversation"_s;
        QTest::addRow("newer version") << quoted("{'format':'detour.conversation','version':3,'"
                                                 "conversation':{},'messages':[],'turns':[]}")
                                       << u"newer Detour"_s;
        QTest::addRow("bad state")
            << quoted("{'format':'detour.conversation','version':1,'conversation':{},'messages':[{'"
                      "role':'user','state':'weird'}],'turns':[]}")
            << u"weird"_s;
        QTest::addRow("dangling reference")
            << quoted("{'format':'detour.conversation','version':1,'conversation':{},'messages':[{'"
                      "role':'user','state':'complete','turn':3}],'turns':[]}")
            << u"missing entry"_s;
        QTest::addRow("dangling parent")
            << quoted("{'format':'detour.conversation','version':2,'conversation':{},'messages':[{'"
                      "role':'user','state':'complete','parent':4}],'turns':[]}")
            << u"missing entry"_s;
        QTest::addRow("bad outcome") << quoted(
            "{'format':'detour.conversation','version':1,'conversation':{},'messages':[],'turns':[{"
            "'status':'served','attempts':[{'outcome':'exploded','endpoint_kind':'openrouter'}]}]}")
                                     << u"exploded"_s;
        QTest::addRow("bad time") << quoted(
            "{'format':'detour.conversation','version':1,'conversation':{'created_at':'yesterday'},"
            "'messages':[],'turns':[]}")
                                  << u"ISO 8601"_s;
    }

    void jsonImportRefusesWhatItCannotRead()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, reason);
        const auto result = ConversationExporter::fromJson(json);
        QVERIFY(!result);
        const QString &error = result.error();
        QVERIFY2(error.contains(reason), qPrintable(error));
    }

    void csvQuotingFollowsRfc4180()
    {
        const QByteArray csv = ConversationExporter::attemptsCsv(sampleRecord());
        QVERIFY(csv.endsWith("\r\n"));
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(csv));
        QCOMPARE(rows.size(), 1 + 4); // header + every attempt of every turn
        const QStringList &header = rows[0];
        for (const QStringList &row : rows)
            QCOMPARE(row.size(), header.size());
        const auto cell = [&](int row, const char *column) {
            return rows[row][header.indexOf(QString::fromLatin1(column))];
        };
        QCOMPARE(cell(1, "turn"), u"1"_s);
        QCOMPARE(cell(1, "outcome"), u"rate_limited_upstream"_s);
        QCOMPARE(cell(1, "summary"),
            storetest::fullAttempt(Outcome::RateLimitedUpstream).summary); // commas, quotes
        QCOMPARE(cell(1, "fixes"), u"wait byok paid_variant"_s);
        QCOMPARE(cell(1, "retry_after_s"), u"0.1"_s);
        QCOMPARE(cell(1, "server_attempts"), u"Cerebras 429 rate_limit_exceeded; Groq 200"_s);
        QCOMPARE(cell(2, "provider"), u"Groq"_s);
        QCOMPARE(cell(2, "cost"), u"0.0003"_s);
        QCOMPARE(cell(2, "total_tokens"), u"212"_s);
        QCOMPARE(cell(2, "headers_ms"), u"150"_s);
        QCOMPARE(cell(3, "summary"),
            u"Limit reached, \"free-models-per-day\",\nreset at midnight UTC."_s); // newline
        QCOMPARE(cell(3, "retry_after_s"), u"3600.5"_s);
        QCOMPARE(cell(3, "sent_ms"), QString()); // never sent: -1 becomes empty
        QCOMPARE(cell(4, "interrupted"), u"true"_s);
        // Quoted exactly when needed, quotes doubled.
        QVERIFY(csv.contains(
            "\"Limit reached, \"\"free-models-per-day\"\",\nreset at midnight UTC.\""));
        QVERIFY(csv.startsWith(
            "turn,turn_started_at,turn_status,turn_fallbacks,attempt,attempt_started_at,step,"));
        QCOMPARE(ConversationExporter::csvField(u"plain"_s), u"plain"_s);
        QCOMPARE(ConversationExporter::csvField(u"a,b"_s), u"\"a,b\""_s);
        QCOMPARE(ConversationExporter::csvField(u"say \"hi\""_s), u"\"say \"\"hi\"\"\""_s);
        QCOMPARE(ConversationExporter::csvField(u"line\r\nbreak"_s), u"\"line\r\nbreak\""_s);
    }

    // A key present during real (simulated) turns must not reach the database
    // files or any export.
    void keysNeverReachDiskOrExports()
    {
        const QByteArray canary = "sk-or-v1-LEAKCANARY0123456789";
        qputenv("DETOUR_LEAK_TEST_KEY", canary);
        qputenv("OPENROUTER_API_KEY", canary);

        // One simulator that wants the canary (served after an upstream 429, then
        // the key's own daily limit), one that refuses it (401).
        QByteArray accepting = SimServer::builtinScenario(u"demo"_s);
        accepting.replace(
            "\"require_key\": null", QByteArray("\"require_key\": \"" + canary + '"'));
        QVERIFY(accepting.contains(canary));
        SimServer accepts;
        SimServer refuses;
        const Result<> scenarioSet = accepts.setScenario(accepting);
        QVERIFY2(scenarioSet, qPrintable(scenarioSet.error()));
        const Result<> refusingSet = refuses.setScenario(
            quoted("{'models':[{'id':'x/m','providers':['P']}],'providers':{'P':{}},"
                   "'require_key':'sk-or-v1-someone-else'}"));
        QVERIFY2(refusingSet, qPrintable(refusingSet.error()));
        QVERIFY(accepts.listen());
        QVERIFY(refuses.listen());
        SimServer limited;
        QVERIFY(limited.setScenario(quoted("{'models':[{'id':'x/m','providers':['P']}],"
                                           "'providers':{'P':{'script':[{'kind':'key_429'}]}}}")));
        QVERIFY(limited.listen());

        const auto plan = [](const QUrl &base, const QStringList &models) {
            RoutePlan route;
            route.name = u"leak test"_s;
            route.endpoints.append(
                { u"or"_s, EndpointKind::OpenRouter, base, u"DETOUR_LEAK_TEST_KEY"_s });
            for (const QString &model : models)
                route.steps.append({ u"or"_s, { model, {}, {} }, true });
            route.policy.maxRetries = 0;
            return route;
        };
        RouteEngine engine; // keys from the environment, as in the app
        const qint64 conversation = *m_store->createConversation(u"Leak test"_s, u"leak test"_s);
        const auto runTurn = [&](const RoutePlan &route) {
            const qint64 user = *m_store->addUserMessage(conversation, u"hello"_s);
            ChatRequest request;
            request.messages.append({ u"user"_s, u"hello"_s });
            TurnRunner *runner = engine.startTurn(route, request);
            TurnRecorder recorder(m_store.get(), conversation, user, runner);
            QSignalSpy settled(runner, &TurnRunner::settled);
            if (!settled.wait(30'000))
                qFatal("turn did not settle");
            return recorder.turnId();
        };
        runTurn(plan(accepts.baseUrl(), { u"moonshotai/kimi-k2:free"_s, u"moonshotai/kimi-k2"_s }));
        runTurn(plan(refuses.baseUrl(), { u"x/m"_s }));
        runTurn(plan(limited.baseUrl(), { u"x/m"_s }));
        const QList<StoredTurn> turns = m_store->turns(conversation).valueOr({});
        QCOMPARE(turns.size(), 3);
        QCOMPARE(turns[0].status, TurnResult::Status::Served);
        QCOMPARE(turns[1].attempts.constFirst().outcome, Outcome::Auth);
        QCOMPARE(turns[2].attempts.constFirst().outcome, Outcome::RateLimitedKey);
        // The key really was in play: it went out with every request.
        for (const SimServer *sim : { &accepts, &refuses, &limited }) {
            QVERIFY(!sim->requests().isEmpty());
            for (const SimRequest &request : sim->requests())
                QCOMPARE(request.header("Authorization"), "Bearer " + canary);
        }

        const ConversationRecord record = *m_store->load(conversation);
        const QByteArray markdown = ConversationExporter::toMarkdown(record).toUtf8();
        const QByteArray json = ConversationExporter::toJson(record);
        const QByteArray csv = ConversationExporter::attemptsCsv(record);
        QVERIFY(markdown.contains("Served by Groq"));
        QVERIFY(json.contains("rate_limited_key"));
        const auto verifyClean = [&](const QString &what, const QByteArray &bytes) {
            QVERIFY2(!bytes.contains(canary) && !bytes.contains("LEAKCANARY"), qPrintable(what));
        };
        verifyClean(u"markdown"_s, markdown);
        verifyClean(u"json"_s, json);
        verifyClean(u"csv"_s, csv);
        // The files while the database is open (WAL and shared memory included) ...
        for (const char *suffix : { "", "-wal", "-shm" }) {
            const QString file = path() + QLatin1StringView(suffix);
            QVERIFY2(QFile::exists(file), qPrintable(file));
            verifyClean(file, storetest::fileBytes(file));
        }
        // ... and after closing (checkpointed into the main file), with everything in the folder.
        m_store.reset();
        m_db.reset();
        for (const QFileInfo &info : QDir(m_dir->path()).entryInfoList(QDir::Files | QDir::Hidden))
            verifyClean(info.filePath(), storetest::fileBytes(info.filePath()));
        qunsetenv("DETOUR_LEAK_TEST_KEY");
        qunsetenv("OPENROUTER_API_KEY");
    }
};

QTEST_GUILESS_MAIN(TestConversationExporter)
#include "test_conversation_exporter.moc"
