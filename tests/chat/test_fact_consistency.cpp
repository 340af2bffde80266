// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// One truth: the facts of a turn (who served it, how many fallbacks, each
// attempt's step, provider, status, outcome and time) read the same in every
// place that states them — the badge, the inspector's model, a reopened
// conversation, the Markdown / JSON / CSV exports and a rehearsal's row. Every
// cell of the fault matrix runs as the middle step of a three-step route
// through the real engine and recorder, then each place is compared with the
// engine's own result; seeded random multi-step routes add other shapes.
#include "FaultMatrix.h"
#include "StoreTestSupport.h"
#include "chat/AttemptTableModel.h"
#include "rehearsal/RehearsalResultsModel.h"
#include "route/RouteEngine.h"
#include "route/TurnBadge.h"
#include "route/TurnRunner.h"
#include "sim/SimServer.h"
#include "store/ConversationExporter.h"
#include "store/ConversationStore.h"
#include "store/TurnRecorder.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;
using Json = nlohmann::json;

namespace {

constexpr int settleBoundMs = 60'000;

// The models of the route around the fault: refused upstream first, then the
// fault under test, then one that serves.
const QString refusingModel = u"test/refusing"_s;
const QString servingModel = u"test/serving"_s;

Json providerOf(const Json &entry)
{
    return { { "script", Json::array({ entry }) } };
}

// The facts one place states about a turn, in one comparable shape.
struct Facts {
    QString status;
    QString servedBy; // provider, empty when not served
    int fallbacks = 0;
    QStringList attempts; // "step|provider|status|outcome|started"

    bool operator==(const Facts &) const = default;
};

QString attemptLine(
    int step, const QString &provider, int status, const QString &outcome, const QDateTime &started)
{
    return u"%1|%2|%3|%4|%5"_s.arg(step).arg(provider).arg(status).arg(
        outcome, started.toUTC().toString(Qt::ISODateWithMs));
}

Facts factsOf(TurnResult::Status status, const QList<Attempt> &attempts, int served)
{
    Facts facts;
    facts.status = turnStatusName(status);
    facts.fallbacks = fallbackCount(attempts, served);
    if (served >= 0 && served < attempts.size())
        facts.servedBy = attempts[served].provider;
    for (const Attempt &a : attempts)
        facts.attempts << attemptLine(
            a.stepIndex, a.provider, a.httpStatus, outcomeName(a.outcome), a.startedAt);
    return facts;
}

QString serverLines(const QList<Attempt> &attempts)
{
    QStringList lines;
    for (const Attempt &a : attempts) {
        for (const ServerAttempt &s : a.serverAttempts)
            lines << u"%1:%2 %3"_s.arg(a.index).arg(s.provider).arg(s.status);
    }
    return lines.join(u", "_s);
}

// The CSV export's rows, by column name.
QList<QHash<QString, QString>> csvRows(const QByteArray &csv)
{
    QList<QHash<QString, QString>> rows;
    const QStringList lines = QString::fromUtf8(csv).split(u"\r\n"_s, Qt::SkipEmptyParts);
    if (lines.isEmpty())
        return rows;
    const QStringList header = lines.first().split(u',');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        // The fields compared here never hold commas or quotes.
        const QStringList fields = lines[i].split(u',');
        QHash<QString, QString> row;
        for (qsizetype c = 0; c < header.size() && c < fields.size(); ++c)
            row.insert(header[c], fields[c]);
        rows.append(row);
    }
    return rows;
}

} // namespace

class TestFactConsistency final : public QObject {
    Q_OBJECT

    SimServer m_sim;
    QList<faults::Fault> m_matrix;
    std::unique_ptr<storetest::TempStore> m_temp;
    ConversationStore *m_store = nullptr; // m_temp's

    // Runs `plan` once, recorded, and compares every place that states its facts.
    void runAndCompare(const RoutePlan &plan, bool stream)
    {
        const QString question = u"Which provider served this?"_s;
        const qint64 conversation = *m_store->createConversation(question, plan.name);
        const qint64 user = *m_store->addUserMessage(conversation, question);
        RouteEngine engine;
        TurnRunner *runner = engine.startTurn(plan, faults::ask(question, stream));
        TurnRecorder recorder(m_store, conversation, user, runner);
        AttemptTableModel inspector;
        connect(runner, &TurnRunner::attemptStarted, &inspector,
            [&inspector](const Attempt &a) { inspector.attemptStarted(1, a); });
        connect(runner, &TurnRunner::attemptFinished, &inspector,
            [&inspector](const Attempt &a) { inspector.attemptFinished(1, a); });
        // The engine's result once /generation was merged in: the reference (taken
        // as it settles: the runner goes away afterwards).
        TurnResult result;
        connect(
            runner, &TurnRunner::settled, this, [&result, runner] { result = runner->result(); });
        QSignalSpy settled(runner, &TurnRunner::settled);
        QVERIFY2(settled.wait(settleBoundMs), "the turn did not end");
        QTRY_VERIFY_WITH_TIMEOUT(recorder.isRecorded(), settleBoundMs);
        const Facts truth = factsOf(result.status, result.attempts, result.servedAttempt);
        QVERIFY(!truth.attempts.isEmpty());

        // The badge.
        const QString badge = TurnBadge::text(result);
        if (result.status == TurnResult::Status::Served) {
            QVERIFY2(badge.startsWith(truth.servedBy), qPrintable(badge));
            QCOMPARE(badge.contains(TurnBadge::fallbacks(truth.fallbacks)), truth.fallbacks > 0);
        }

        // The inspector: one row per attempt, then the server-side tries below it.
        QStringList inspected;
        int serverRows = 0;
        for (int row = 0; row < inspector.rowCount(); ++row) {
            if (inspector.serverAttemptAt(row)) {
                ++serverRows;
                continue;
            }
            const Attempt *a = inspector.attemptAt(row);
            QVERIFY(!inspector.isInFlight(row));
            inspected << attemptLine(
                a->stepIndex, a->provider, a->httpStatus, outcomeName(a->outcome), a->startedAt);
            QCOMPARE(
                inspector.index(row, AttemptTableModel::Step).data().toInt(), a->stepIndex + 1);
        }
        QCOMPARE(inspected, truth.attempts);
        int serverTries = 0;
        for (const Attempt &a : result.attempts)
            serverTries += int(a.serverAttempts.size());
        QCOMPARE(serverRows, serverTries);

        // A reopened conversation: what the store kept.
        const Result<ConversationRecord> record = m_store->load(conversation);
        QVERIFY2(record, qPrintable(record.error()));
        QCOMPARE(record->turns.size(), 1);
        const StoredTurn &stored = record->turns.first();
        QCOMPARE(factsOf(stored.status, stored.attempts, stored.servedAttempt), truth);
        QCOMPARE(serverLines(stored.attempts), serverLines(result.attempts)); // one row per try

        // Exports: Markdown states the fallbacks as the badge does.
        const QString markdown = ConversationExporter::toMarkdown(*record);
        if (result.status == TurnResult::Status::Served)
            QCOMPARE(markdown.contains(TurnBadge::fallbacks(truth.fallbacks)), truth.fallbacks > 0);
        // JSON reads back to the same facts and the same server-side tries.
        const auto reread = ConversationExporter::fromJson(ConversationExporter::toJson(*record));
        QVERIFY2(reread, qPrintable(reread.error()));
        const StoredTurn &rereadTurn = reread->turns.first();
        QCOMPARE(factsOf(rereadTurn.status, rereadTurn.attempts, rereadTurn.servedAttempt), truth);
        QCOMPARE(serverLines(rereadTurn.attempts), serverLines(result.attempts));
        // CSV: one row per attempt, each with the turn's fallbacks and the attempt's facts.
        const QList<QHash<QString, QString>> rows =
            csvRows(ConversationExporter::attemptsCsv(*record));
        QCOMPARE(rows.size(), result.attempts.size());
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const Attempt &a = result.attempts[i];
            QCOMPARE(rows[i].value(u"turn_fallbacks"_s).toInt(), truth.fallbacks);
            QCOMPARE(rows[i].value(u"step"_s).toInt(), a.stepIndex + 1);
            QCOMPARE(rows[i].value(u"provider"_s), a.provider);
            QCOMPARE(rows[i].value(u"outcome"_s), outcomeName(a.outcome));
            QCOMPARE(rows[i].value(u"attempt_started_at"_s),
                a.startedAt.toUTC().toString(Qt::ISODateWithMs));
        }

        // A rehearsal's row.
        const RehearsalTurn rehearsed { 1, result };
        QCOMPARE(rehearsed.fallbacks(), truth.fallbacks);
        const Attempt *served = result.served();
        QCOMPARE(rehearsed.servedStep(),
            served && result.status == TurnResult::Status::Served ? served->stepIndex : -1);
    }

    RoutePlan routeOf(const QStringList &models) const
    {
        RoutePlan plan;
        plan.name = u"consistency"_s;
        plan.endpoints.append({ u"sim"_s, EndpointKind::OpenRouter, m_sim.baseUrl(), QString() });
        for (const QString &model : models)
            plan.steps.append({ u"sim"_s, { model, {}, {} }, true });
        plan.policy = faults::policy();
        return plan;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_sim.listen());
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

    void everyFaultAsTheMiddleStep_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<bool>("stream");
        for (qsizetype row = 0; row < m_matrix.size(); ++row) {
            if (m_matrix[row].refused || m_matrix[row].bulky)
                continue; // a closed port needs a route of its own; megabytes add nothing here
            for (const bool stream : { true, false })
                QTest::addRow(
                    "%s / %s", qPrintable(m_matrix[row].name), stream ? "stream" : "whole")
                    << int(row) << stream;
        }
    }

    void everyFaultAsTheMiddleStep()
    {
        QFETCH(int, row);
        QFETCH(bool, stream);
        const faults::Fault &fault = m_matrix[row];
        const Json models = Json::array({
            { { "id", refusingModel.toStdString() }, { "providers", Json::array({ "Chutes" }) } },
            { { "id", faults::model(0).toStdString() },
                { "providers", Json::array({ "Faulty" }) } },
            { { "id", servingModel.toStdString() },
                { "providers", Json::array({ "Cerebras", "Groq" }) } },
        });
        const Json providers { { "Chutes", providerOf({ { "kind", "upstream_429" } }) },
            { "Faulty", providerOf(fault.entry) },
            { "Cerebras", providerOf({ { "kind", "upstream_429" } }) },
            { "Groq", providerOf({ { "kind", "serve" } }) } };
        const Json scenario { { "models", models }, { "providers", providers },
            { "reply", faults::reply.toStdString() }, { "keepalive_ms", -1 } };
        const Result<> set = m_sim.setScenario(QByteArray::fromStdString(scenario.dump()));
        QVERIFY2(set, qPrintable(set.error()));
        runAndCompare(routeOf({ refusingModel, faults::model(0), servingModel }), stream);
    }

    void randomRoutes_data()
    {
        QTest::addColumn<quint32>("seed");
        for (quint32 seed = 1; seed <= 12; ++seed)
            QTest::addRow("seed %u", seed) << seed;
    }

    void randomRoutes()
    {
        QFETCH(quint32, seed);
        QRandomGenerator random(seed);
        const QList<const char *> kinds { "serve", "upstream_429", "key_429", "server_error",
            "unavailable", "midstream_error" };
        Json models = Json::array();
        Json providers = Json::object();
        QStringList route;
        const int steps = 1 + random.bounded(4);
        for (int step = 0; step < steps; ++step) {
            const std::string model = "random/step-" + std::to_string(step);
            Json names = Json::array();
            const int count = 1 + random.bounded(3); // OpenRouter's own tries, in order
            for (int p = 0; p < count; ++p) {
                const std::string name = "P" + std::to_string(step) + std::to_string(p);
                names.push_back(name);
                providers[name] =
                    providerOf({ { "kind", kinds[random.bounded(int(kinds.size()))] } });
            }
            models.push_back({ { "id", model }, { "providers", names } });
            route << QString::fromStdString(model);
        }
        const Json scenario { { "models", models }, { "providers", providers },
            { "reply", faults::reply.toStdString() }, { "keepalive_ms", -1 } };
        const Result<> set = m_sim.setScenario(QByteArray::fromStdString(scenario.dump()));
        QVERIFY2(set, qPrintable(set.error()));
        runAndCompare(routeOf(route), random.bounded(2) == 0);
    }
};

QTEST_GUILESS_MAIN(TestFactConsistency)
#include "test_fact_consistency.moc"
