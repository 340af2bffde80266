// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Cooldowns kept in the database, across real `detour` processes: a second
// `detour --ask` skips what the first one cooled down without a request (the
// simulator in this test counts what reached it), `--cooldowns` lists them,
// `--clear-cooldowns` ends them, and two processes cooling at once agree.
#include "Fixtures.h"
#include "protocol/JsonUtil.h"
#include "sim/SimServer.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <array>
#include <memory>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using fixtures::quoted;
using namespace detour;
using Json = nlohmann::json;

namespace {

constexpr int processTimeoutMs = 30'000;

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Settings, data and cache in temporary folders, as the other CLI tests keep them.
void prepare(QProcess &process)
{
    static const QTemporaryDir home;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"OPENROUTER_API_KEY"_s);
    for (const char *name : { "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME" })
        environment.insert(QString::fromLatin1(name), home.filePath(QString::fromLatin1(name)));
    process.setProcessEnvironment(environment);
}

// Runs detour while this process's event loop goes on, so that the simulator in the
// test answers it.
Run runDetour(const QStringList &arguments)
{
    QProcess process;
    prepare(process);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(DETOUR_BINARY), arguments);
    process.closeWriteChannel();
    if (!finished.wait(processTimeoutMs)) {
        process.kill();
        qFatal("detour did not finish");
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        process.readAllStandardOutput(), process.readAllStandardError() };
}

QList<Json> jsonLines(const QByteArray &out)
{
    QList<Json> lines;
    for (const QByteArray &line : out.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        auto parsed = detour::json::parse(line);
        if (!parsed)
            qFatal("not a JSON line: %s", line.constData());
        lines << *parsed;
    }
    return lines;
}

QString text(const Json &value)
{
    return QString::fromStdString(value.is_string() ? value.get<std::string>() : value.dump());
}

// The route: two :free models and a paid one on one OpenRouter endpoint; the
// account's free daily allowance is used up, the reset six hours away.
QByteArray freeDailyCapScenario()
{
    const QByteArray reset =
        QByteArray::number(QDateTime::currentMSecsSinceEpoch() + 6 * 3600 * 1000);
    const QByteArray body = quoted("{\\'error\\':{\\'message\\':\\'Rate limit exceeded: "
                                   "free-models-per-day. Add 10 credits to unlock 1000 free "
                                   "model requests per day\\',\\'code\\':429}}");
    return quoted("{'models':[{'id':'test/a:free','providers':['FreeA']},"
                  "{'id':'test/b:free','providers':['FreeB']},"
                  "{'id':'test/paid','providers':['Paid']}],"
                  "'providers':{'FreeA':{'script':[{'kind':'error','status':429,'body':'")
        + body + quoted("','headers':{'X-RateLimit-Remaining':'0','X-RateLimit-Reset':'") + reset
        + quoted("'}}]},'FreeB':{'script':[{'kind':'serve'}]},"
                 "'Paid':{'script':[{'kind':'serve'}]}},'reply':'Served.'}");
}

} // namespace

class TestCliCooldowns final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    SimServer m_sim;
    QString m_route;

    int chatRequests(const QString &model = {}) const
    {
        int count = 0;
        for (const SimRequest &request : m_sim.requests())
            count += request.path().endsWith("/chat/completions")
                && (model.isEmpty()
                    || request.body.contains(QByteArray("\"model\":\"" + model.toUtf8() + '"')));
        return count;
    }

    int freeRequests() const
    {
        return chatRequests(u"test/a:free"_s) + chatRequests(u"test/b:free"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_sim.listen());
        QFile route(m_dir.filePath(u"free-cap.json"_s));
        QVERIFY(route.open(QIODevice::WriteOnly));
        route.write(quoted("{'endpoints':[{'id':'or','kind':'openrouter','base_url':'")
            + m_sim.baseUrl().toString().toUtf8()
            + quoted("'}],'steps':[{'model':'test/a:free'},{'model':'test/b:free'},"
                     "{'model':'test/paid'}]}"));
        m_route = route.fileName();
    }

    void init()
    {
        const QByteArray scenario = freeDailyCapScenario();
        const Result<> set = m_sim.setScenario(scenario);
        QVERIFY2(set, qPrintable(set.error()));
        m_sim.clearRequests();
    }

    void secondAskSkipsWithoutARequest()
    {
        const QString database = m_dir.filePath(u"successive.sqlite3"_s);
        const QStringList ask { u"--ask"_s, u"hello"_s, u"--route"_s, m_route, u"--db"_s, database,
            u"--json"_s };

        const Run first = runDetour(ask);
        QVERIFY2(first.exitCode == 0, first.err.constData());
        QCOMPARE(text(jsonLines(first.out).constLast()["served_by"]["model"]), u"test/paid"_s);
        QCOMPARE(freeRequests(), 1);
        QCOMPARE(chatRequests(), 2);

        const Run second = runDetour(ask);
        QVERIFY2(second.exitCode == 0, second.err.constData());
        const QList<Json> lines = jsonLines(second.out);
        QCOMPARE(lines.size(), 4); // two skips, the paid step, the turn
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(text(lines[i]["outcome"]), u"skipped"_s);
            QCOMPARE(text(lines[i]["skip_reason"]), u"cooling_down"_s);
            QCOMPARE(text(lines[i]["cooldown_scope"]), u"free_models"_s);
            QVERIFY2(text(lines[i]["summary"]).contains(u"all :free models on or until"_s),
                qPrintable(text(lines[i]["summary"])));
        }
        QCOMPARE(freeRequests(), 1); // none more: the second process knew
        QCOMPARE(chatRequests(), 3);

        const Run listed = runDetour({ u"--cooldowns"_s, u"--db"_s, database });
        QVERIFY2(listed.exitCode == 0, listed.err.constData());
        QVERIFY2(listed.out.contains("all :free models on or until"), listed.out.constData());

        const Run cleared = runDetour({ u"--clear-cooldowns"_s, u"--db"_s, database });
        QVERIFY2(cleared.exitCode == 0, cleared.err.constData());
        QVERIFY2(cleared.out.contains("Cleared 1 cooldown"), cleared.out.constData());
        QVERIFY(runDetour(ask).exitCode == 0);
        QCOMPARE(freeRequests(), 2); // tried again after the clearing
    }

    // Two processes hit the limit at once on one database: both are served, and the
    // database holds one cooldown for the scope, not two or a broken file.
    void twoAsksAtOnceAgree()
    {
        const QString database = m_dir.filePath(u"together.sqlite3"_s);
        const QStringList ask { u"--ask"_s, u"hello"_s, u"--route"_s, m_route, u"--db"_s, database,
            u"--json"_s };
        std::array<QProcess, 2> processes;
        QList<std::shared_ptr<QSignalSpy>> finished;
        for (QProcess &process : processes) {
            prepare(process);
            finished << std::make_shared<QSignalSpy>(&process, &QProcess::finished);
            process.start(QStringLiteral(DETOUR_BINARY), ask);
        }
        for (qsizetype i = 0; i < finished.size(); ++i) {
            QVERIFY(finished[i]->count() > 0 || finished[i]->wait(processTimeoutMs));
            QVERIFY2(processes[i].exitCode() == 0, processes[i].readAllStandardError().constData());
        }
        const Run listed = runDetour({ u"--cooldowns"_s, u"--db"_s, database });
        QVERIFY2(listed.exitCode == 0, listed.err.constData());
        QCOMPARE(listed.out.trimmed().split('\n').size(), 1);
        QVERIFY2(listed.out.contains("all :free models on or"), listed.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliCooldowns)
#include "test_cli_cooldowns.moc"
