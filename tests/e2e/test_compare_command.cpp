// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// `detour --ask TEXT --route A.json --route B.json [--json]` as a script runs it: the real
// binary, the routes on the built-in simulator with a scenario of ours.
#include "Fixtures.h"
#include "protocol/JsonUtil.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using fixtures::quoted;
using Json = nlohmann::json;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Served by Fast and Slow (Slow's first token comes later, its tokens cost more); Down
// always fails.
const QByteArray scenario =
    quoted("{'models':["
           "{'id':'test/fast','providers':['Fast'],'pricing':{'prompt':0.000001,'completion':"
           "0.000001}},"
           "{'id':'test/slow','providers':['Slow'],'pricing':{'prompt':0.00001,'completion':"
           "0.00001}},"
           "{'id':'test/down','providers':['Down']}],"
           "'providers':{'Fast':{'latency_ms':50,'tokens_per_second':500},"
           "'Slow':{'latency_ms':600,'tokens_per_second':500},"
           "'Down':{'script':[{'kind':'server_error'}]}},"
           "'reply':'Side by side.'}");

} // namespace

class TestCompareCommand final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString writeFile(const QString &name, const QByteArray &contents)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size())
            qFatal("cannot write %s", qPrintable(name));
        return file.fileName();
    }

    QString route(const QString &model)
    {
        return writeFile(model + u".json"_s,
            quoted("{'steps':[{'model':'test/") + model.toUtf8()
                + quoted("'}],'policy':{'max_retries':0}}"));
    }

    Run compare(const QStringList &models, bool json)
    {
        QStringList arguments { u"--ask"_s, u"Which is better?"_s, u"--simulate"_s,
            writeFile(u"scenario.json"_s, scenario) };
        for (const QString &model : models)
            arguments << u"--route"_s << route(model);
        if (json)
            arguments << u"--json"_s;
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(u"OPENROUTER_API_KEY"_s);
        for (const char *home : { "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME" })
            environment.insert(QString::fromLatin1(home), m_dir.path());
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(DETOUR_BINARY), arguments);
        if (!process.waitForFinished(60'000)) {
            process.kill();
            qFatal("detour did not finish");
        }
        return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError() };
    }

    static Json parsed(const Run &run)
    {
        const std::optional<Json> document = detour::json::parse(run.out);
        if (!document)
            qFatal("not JSON: %s", run.out.constData());
        return *document;
    }

    static QString text(const Json &value)
    {
        return QString::fromStdString(value.is_string() ? value.get<std::string>() : value.dump());
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void exitStatusSaysHowManyServed_data()
    {
        QTest::addColumn<QStringList>("models");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<int>("served");
        QTest::addRow("every route served") << QStringList { u"fast"_s, u"slow"_s } << 0 << 2;
        QTest::addRow("some served") << QStringList { u"down"_s, u"fast"_s, u"slow"_s } << 4 << 2;
        QTest::addRow("none served") << QStringList { u"down"_s, u"down"_s } << 2 << 0;
    }

    void exitStatusSaysHowManyServed()
    {
        QFETCH(QStringList, models);
        QFETCH(int, exitCode);
        QFETCH(int, served);
        const Run run = compare(models, true);
        QVERIFY2(run.exitCode == exitCode, run.err.constData());
        const Json document = parsed(run);
        QCOMPARE(text(document["type"]), u"comparison"_s);
        QCOMPARE(document["served"].get<int>(), served);
        QCOMPARE(document["routes_count"].get<int>(), int(models.size()));
        QCOMPARE(document["routes"].size(), size_t(models.size()));
    }

    // One turn object per route, in --route order, named after the route (here its file, which
    // names none; the same file twice is numbered), with its attempts, and the summary's picks.
    void jsonHasOneTurnPerRouteAndTheSummary()
    {
        const Run run = compare({ u"slow"_s, u"fast"_s, u"down"_s, u"fast"_s }, true);
        QVERIFY2(run.exitCode == 4, run.err.constData());
        const Json document = parsed(run);
        QCOMPARE(text(document["question"]), u"Which is better?"_s);
        const Json &routes = document["routes"];
        QStringList names;
        QStringList statuses;
        for (const Json &turn : routes) {
            names << text(turn["route"]);
            statuses << text(turn["status"]);
            QCOMPARE(text(turn["type"]), u"turn"_s);
            QVERIFY(turn["attempts"].is_array());
            QVERIFY(!turn["attempts"].empty());
            QCOMPARE(text(turn["attempts"][0]["type"]), u"attempt"_s);
        }
        QCOMPARE(names, QStringList({ u"slow"_s, u"fast"_s, u"down"_s, u"fast (2)"_s }));
        QCOMPARE(statuses, QStringList({ u"served"_s, u"served"_s, u"failed"_s, u"served"_s }));
        QCOMPARE(text(routes[0]["content"]), u"Side by side."_s);
        QCOMPARE(text(routes[0]["served_by"]["provider"]), u"Slow"_s);
        QVERIFY(
            routes[0]["first_token_ms"].get<qint64>() > routes[1]["first_token_ms"].get<qint64>());
        QVERIFY(routes[0]["cost"].get<double>() > routes[1]["cost"].get<double>());
        QVERIFY(routes[2]["first_token_ms"].is_null());
        QVERIFY(routes[2]["cost"].is_null());
        QCOMPARE(text(routes[2]["attempts"][0]["outcome"]), u"server_error"_s);

        const Json &summary = document["summary"];
        QVERIFY(text(summary["first_token"]).startsWith(u"fast"_s));
        QVERIFY(text(summary["fastest"]).startsWith(u"fast"_s));
        QVERIFY(text(summary["cheapest"]).startsWith(u"fast"_s));
        QVERIFY(text(summary["text"]).startsWith(u"First token: fast"_s));
    }

    // Without --json: each answer under its route's name with its badge, then the summary;
    // the attempts on stderr, marked with the route.
    void textPrintsEachAnswerUnderItsName()
    {
        const Run run = compare({ u"fast"_s, u"down"_s }, false);
        QVERIFY2(run.exitCode == 4, run.err.constData());
        const QString out = QString::fromUtf8(run.out);
        const qsizetype fast = out.indexOf(u"=== fast ===\n"_s);
        const qsizetype down = out.indexOf(u"=== down ===\n"_s);
        QVERIFY2(fast >= 0 && down > fast, run.out.constData());
        QVERIFY(out.indexOf(u"Side by side."_s, fast) < down);
        QVERIFY(out.indexOf(u"Fast · test/fast"_s, fast) < down);
        QVERIFY(out.indexOf(u"Not served:"_s, down) > down);
        QVERIFY(out.trimmed().endsWith(u"."_s));
        QVERIFY(out.contains(u"\nFirst token: fast ("_s));
        QVERIFY(run.err.contains("[down] ✗ step 1 · test/down"));
        QVERIFY(run.err.contains("[fast] ✓ step 1 · test/fast"));
    }

    void routeCountOutsideTwoToFourIsAUsageError()
    {
        const Run run = compare({ u"fast"_s, u"fast"_s, u"fast"_s, u"fast"_s, u"fast"_s }, true);
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.isEmpty());
        QVERIFY(run.err.contains("2 to 4"));
    }
};

QTEST_GUILESS_MAIN(TestCompareCommand)
#include "test_compare_command.moc"
