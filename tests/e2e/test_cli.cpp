// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Drives the real `detour` binary the way scripts and people use it.
#include "Fixtures.h"
#include "HttpConnectProxy.h"
#include "TestAuthority.h"
#include "TlsChatServer.h"
#include "protocol/JsonUtil.h"
#include "sim/SimServer.h"
#include "store/ConversationStore.h"
#include "store/Database.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using fixtures::quoted;
using namespace detour;
using Json = nlohmann::json;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

enum class Display { Offscreen, None };

// Where detour finds its settings file: <this>/Detour/detour/detour.ini.
QString configHome()
{
    static const QTemporaryDir home;
    return home.path();
}

void prepare(QProcess &process, Display display)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"OPENROUTER_API_KEY"_s);
    if (display == Display::None) {
        // As on a server or over plain ssh: nothing tells Qt where a window could go.
        for (const QString &name : { u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s, u"QT_QPA_PLATFORM"_s })
            environment.remove(name);
    }
    // --ask records its turn in the default database: keep it out of the real home.
    static const QTemporaryDir dataHome;
    environment.insert(u"XDG_DATA_HOME"_s, dataHome.path());
    // --ask with an attachment fetches the model list, which is cached: the same.
    static const QTemporaryDir cacheHome;
    environment.insert(u"XDG_CACHE_HOME"_s, cacheHome.path());
    // --ask reads the window's settings (the proxy): not the real home's either.
    environment.insert(u"XDG_CONFIG_HOME"_s, configHome());
    process.setProcessEnvironment(environment);
}

Run runDetour(const QStringList &arguments, const QByteArray &input = {},
    Display display = Display::Offscreen)
{
    QProcess process;
    prepare(process, display);
    process.start(QStringLiteral(DETOUR_BINARY), arguments);
    if (!process.waitForStarted())
        qFatal("cannot start detour");
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30'000)) {
        process.kill();
        qFatal("detour did not finish");
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        process.readAllStandardOutput(), process.readAllStandardError() };
}

// As runDetour, but this process's event loop keeps running meanwhile, so a
// server in the test can answer detour.
Run runDetourWhileServing(const QStringList &arguments)
{
    QProcess process;
    prepare(process, Display::Offscreen);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(DETOUR_BINARY), arguments);
    process.closeWriteChannel();
    if (!finished.wait(30'000)) {
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

// A JSON value as text for QCOMPARE: strings as they are, anything else dumped ("null", "429").
QString text(const Json &value)
{
    return QString::fromStdString(value.is_string() ? value.get<std::string>() : value.dump());
}

} // namespace

class TestCli final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString writeFile(const QString &name, const QByteArray &contents)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size())
            qFatal("cannot write %s", qPrintable(name));
        return file.fileName();
    }

private Q_SLOTS:
    void askDemoShowsUpstream429ThenServed()
    {
        const Run run = runDetour({ u"--ask"_s, u"hello"_s, u"--json"_s });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QList<Json> lines = jsonLines(run.out);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(text(lines[0]["type"]), u"attempt"_s);
        QCOMPARE(text(lines[0]["outcome"]), u"rate_limited_upstream"_s);
        QCOMPARE(text(lines[0]["party"]), u"provider"_s);
        QCOMPARE(text(lines[0]["provider"]), u"Chutes"_s);
        QCOMPARE(text(lines[0]["status"]), u"429"_s);
        QCOMPARE(text(lines[0]["model_requested"]), u"moonshotai/kimi-k2:free"_s);
        QVERIFY(lines[0]["timings_ms"]["headers"].is_number());
        QCOMPARE(text(lines[1]["outcome"]), u"served"_s);
        QCOMPARE(text(lines[1]["provider"]), u"Groq"_s);
        QCOMPARE(text(lines[1]["model_served"]), u"moonshotai/kimi-k2"_s);
        QVERIFY(lines[1]["server_attempts"].size() >= 2);
        QCOMPARE(text(lines[2]["type"]), u"turn"_s);
        QCOMPARE(text(lines[2]["status"]), u"served"_s);
        // fallbackCount: the step Chutes refused, and Cerebras, which OpenRouter left inside
        // the request Groq served (the badge's "after 2 fallbacks").
        QCOMPARE(text(lines[2]["fallbacks"]), u"2"_s);
        QVERIFY(!lines[2]["content"].get<std::string>().empty());
    }

    void askPlainTextStreamsTheReply()
    {
        const Run run = runDetour({ u"--ask"_s, u"hello"_s });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(!run.out.trimmed().isEmpty());
        QVERIFY(run.err.contains("Chutes"));
        QVERIFY(run.err.contains("rate_limited_upstream"));
        QVERIFY(run.err.contains("Groq"));
    }

    void askWithRouteFileOnSimulator()
    {
        const QString route = writeFile(u"route.json"_s,
            quoted("{'endpoints':[{'id':'or','kind':'openrouter','base_url':'https://"
                   "openrouter.invalid/api/v1','key_env':'OPENROUTER_API_KEY'}],"
                   "'steps':[{'endpoint':'or','model':'moonshotai/"
                   "kimi-k2','provider':{'order':['Groq']}}]}"));
        const Run run = runDetour(
            { u"--ask"_s, u"hi"_s, u"--route"_s, route, u"--simulate"_s, u"demo"_s, u"--json"_s });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QList<Json> lines = jsonLines(run.out);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(text(lines[0]["provider"]), u"Groq"_s);
    }

    // --system and --set reach the request (the simulator thinks aloud when asked
    // to reason), the conversation keeps them, and the traces count the reasoning.
    void askWithSystemPromptAndParameters()
    {
        const QString database = m_dir.filePath(u"ask-settings.sqlite3"_s);
        const QString trace = m_dir.filePath(u"ask-trace.jsonl"_s);
        const Run run = runDetour({ u"--ask"_s, u"hello"_s, u"--json"_s, u"--db"_s, database,
            u"--system"_s, u"Answer in one line."_s, u"--set"_s, u"temperature=0.3"_s, u"--set"_s,
            u"reasoning_effort=high"_s, u"--set"_s, u"seed=5"_s, u"--trace-file"_s, trace });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const Json turn = jsonLines(run.out).constLast();
        QCOMPARE(text(turn["type"]), u"turn"_s);
        QVERIFY2(turn["reasoning_chars"].get<int>() > 0, turn.dump().c_str());
        QFile traceFile(trace);
        QVERIFY(traceFile.open(QIODevice::ReadOnly));
        const QList<Json> traced = jsonLines(traceFile.readAll());
        QCOMPARE(traced.size(), 1);
        QVERIFY(traced[0]["reasoning_chars"] == turn["reasoning_chars"]);

        Database db;
        QVERIFY(db.open(database));
        ConversationStore store(db);
        const QList<Conversation> conversations = store.conversations().valueOr({});
        QCOMPARE(conversations.size(), 1);
        const ConversationSettings &settings = conversations[0].settings;
        QCOMPARE(settings.systemPrompt, u"Answer in one line."_s);
        QCOMPARE(settings.sampling.temperature, std::optional<double>(0.3));
        QCOMPARE(settings.sampling.seed, std::optional<int>(5));
        QCOMPARE(settings.reasoning.effort, u"high"_s);
        const QList<StoredMessage> messages = store.messages(conversations[0].id).valueOr({});
        QCOMPARE(messages.size(), 2); // the system prompt is a setting, not a message
        QCOMPARE(messages[1].reasoning.size(), turn["reasoning_chars"].get<qsizetype>());

        // Without reasoning asked for, there is none to count.
        const Run plain = runDetour({ u"--ask"_s, u"hello"_s, u"--json"_s, u"--no-history"_s });
        QCOMPARE(jsonLines(plain.out).constLast()["reasoning_chars"].get<int>(), 0);
    }

    // An office network's own authority: detour --ask reaches a server it signed
    // only when the route's endpoint names the authority's file.
    void askTrustsAnAuthorityOnlyWhenTheRouteNamesIt()
    {
        const TestAuthority authority;
        QVERIFY2(authority.error().isEmpty(), qPrintable(authority.error()));
        TlsChatServer server(authority.serverCertificate(), authority.serverKey());
        QVERIFY(server.listen());
        const auto route = [&](const QString &caFile) {
            Json endpoint = { { "id", "office" }, { "kind", "openai" },
                { "base_url", u"https://127.0.0.1:%1/v1"_s.arg(server.port()).toStdString() } };
            if (!caFile.isEmpty())
                endpoint["ca_file"] = caFile.toStdString();
            const Json document = { { "endpoints", Json::array({ endpoint }) },
                { "steps",
                    Json::array({ { { "endpoint", "office" }, { "model", "test/model" } } }) },
                { "policy", { { "max_retries", 0 } } } };
            return writeFile(caFile.isEmpty() ? u"office.json"_s : u"office-ca.json"_s,
                QByteArray::fromStdString(document.dump()));
        };

        const Run refused = runDetourWhileServing({ u"--ask"_s, u"hi"_s, u"--route"_s, route({}) });
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains("certificate is not trusted"), refused.err.constData());
        QVERIFY2(refused.err.contains("\"ca_file\""), refused.err.constData());
        QCOMPARE(server.served(), 0);

        const Run served =
            runDetourWhileServing({ u"--ask"_s, u"hi"_s, u"--route"_s, route(authority.caFile()) });
        QVERIFY2(served.exitCode == 0, served.err.constData());
        QCOMPARE(served.out.trimmed(), QByteArray(TlsChatServer::reply));
        QCOMPARE(server.served(), 1);
    }

    // --attach: a text-only first step is skipped for the image, the second serves;
    // the JSON trace says which step was skipped and why.
    void askWithAttachmentSkipsAStepThatCannotTakeIt_data()
    {
        QTest::addColumn<QStringList>("models"); // the route's steps
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<int>("skipped");
        QTest::addRow("text-only, then vision")
            << QStringList { u"text/m"_s, u"vision/m"_s } << 0 << 1;
        QTest::addRow("vision only") << QStringList { u"vision/m"_s } << 0 << 0;
        QTest::addRow("no step takes images") << QStringList { u"text/m"_s } << 2 << 1;
    }

    void askWithAttachmentSkipsAStepThatCannotTakeIt()
    {
        QFETCH(QStringList, models);
        QFETCH(int, exitCode);
        QFETCH(int, skipped);

        const QString scenario = writeFile(u"modalities.json"_s,
            quoted("{'models':[{'id':'text/m','providers':['P'],'input_modalities':['text']},"
                   "{'id':'vision/m','providers':['P'],'input_modalities':['text','image']}],"
                   "'providers':{'P':{'latency_ms':0}},'reply':'A small square.'}"));
        Json steps = Json::array();
        for (const QString &model : models)
            steps.push_back({ { "model", model.toStdString() } });
        const QString route = writeFile(u"modalities-route.json"_s,
            QByteArray::fromStdString(Json { { "steps", steps } }.dump()));
        // A 1×1 PNG.
        const QString image = writeFile(u"dot.png"_s,
            QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+"
                                   "M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="));
        const QString notes = writeFile(u"notes.txt"_s, "Square, black.\n");

        const Run run =
            runDetour({ u"--ask"_s, u"What is this?"_s, u"--attach"_s, image, u"--attach"_s, notes,
                u"--route"_s, route, u"--simulate"_s, scenario, u"--json"_s, u"--no-history"_s });
        QVERIFY2(run.exitCode == exitCode, run.err.constData());
        const QList<Json> lines = jsonLines(run.out);
        QCOMPARE(lines.size(), models.size() + 1);
        for (int i = 0; i < skipped; ++i) {
            QCOMPARE(text(lines[i]["outcome"]), u"skipped"_s);
            QCOMPARE(text(lines[i]["skip_reason"]), u"attachment_unsupported"_s);
            QCOMPARE(text(lines[i]["model_requested"]), u"text/m"_s);
            QCOMPARE(text(lines[i]["summary"]),
                u"Skipped: text/m does not take images, and this message has one."_s);
            QCOMPARE(text(lines[i]["status"]), u"0"_s); // nothing was sent
        }
        const Json &turn = lines.constLast();
        if (exitCode == 0) {
            QCOMPARE(text(lines[skipped]["outcome"]), u"served"_s);
            QCOMPARE(text(lines[skipped]["skip_reason"]), u"null"_s);
            QCOMPARE(text(turn["content"]), u"A small square."_s);
        } else {
            QCOMPARE(text(turn["status"]), u"failed"_s);
            QVERIFY2(text(turn["summary"]).startsWith(u"No step of this route takes images"_s),
                turn.dump().c_str());
        }
    }

    // A file that cannot be attached is refused with one sentence, before anything is sent.
    void badAttachmentIsAUsageError_data()
    {
        QTest::addColumn<QByteArray>("contents"); // empty with "missing": no file at all
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("sentence");
        QTest::addRow("missing") << QByteArray() << u"missing.png"_s << u"there is no such file"_s;
        QTest::addRow("0-byte") << QByteArray("") << u"empty.txt"_s << u"is empty"_s;
        QTest::addRow("named .png, not a PNG")
            << QByteArray("not a picture\n") << u"fake.png"_s << u"not an image"_s;
    }

    void badAttachmentIsAUsageError()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, name);
        QFETCH(QString, sentence);
        const QString path =
            name == "missing.png"_L1 ? m_dir.filePath(name) : writeFile(name, contents);
        const Run run =
            runDetour({ u"--ask"_s, u"hi"_s, u"--attach"_s, path, u"--json"_s, u"--no-history"_s });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(QString::fromUtf8(run.err).contains(sentence), run.err.constData());
        QVERIFY2(run.out.isEmpty(), run.out.constData()); // no turn, no attempt
    }

    // --ask goes out the way Connection settings say: here a manual HTTP proxy, which
    // alone knows the endpoint's host name; the attempt line says which proxy it was.
    void askUsesTheProxyOfTheSettings()
    {
        SimServer sim;
        QVERIFY(sim.listen());
        QVERIFY(sim.setScenario(SimServer::builtinScenario(u"demo"_s)));
        HttpConnectProxy proxy;
        QVERIFY(proxy.listen());
        QDir().mkpath(configHome() + u"/Detour/detour"_s);
        const QString ini = configHome() + u"/Detour/detour/detour.ini"_s;
        {
            QFile file(ini);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("[network]\nproxy=manual\nproxy_type=http\nproxy_host=127.0.0.1\n"
                       "proxy_port="
                + QByteArray::number(proxy.port()) + '\n');
        }
        QUrl url = sim.baseUrl();
        url.setHost(u"detour-sim.test"_s);
        const Json document = { { "endpoints",
                                    Json::array({ { { "id", "office" }, { "kind", "openai" },
                                        { "base_url", url.toString().toStdString() } } }) },
            { "steps",
                Json::array({ { { "endpoint", "office" }, { "model", "moonshotai/kimi-k2" } } }) },
            { "policy", { { "max_retries", 0 } } } };
        const QString route =
            writeFile(u"through-proxy.json"_s, QByteArray::fromStdString(document.dump()));
        const Run run = runDetourWhileServing({ u"--ask"_s, u"hi"_s, u"--route"_s, route });
        QFile::remove(ini); // the other tests go without a proxy
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(proxy.relayed(), 1);
        QVERIFY2(run.err.contains(
                     QByteArray("via HTTP proxy 127.0.0.1:" + QByteArray::number(proxy.port()))),
            run.err.constData());
    }

    // hedge_after_ms: the first step sits on the request, the hedge on the second serves,
    // the first is recorded as having lost the race and its connection is closed.
    void askHedgesAStepThatHoldsItsFirstToken()
    {
        SimServer sim;
        QVERIFY(sim.listen());
        const Result<> set = sim.setScenario(quoted(
            "{'models':[{'id':'x/holds','providers':['Slowpoke']},"
            "{'id':'x/quick','providers':['Groq']}],"
            "'providers':{'Slowpoke':{'script':[{'kind':'stall','phase':'before_first_token',"
            "'ms':20000}]},'Groq':{'script':[{'kind':'serve'}]}},'reply':'Hedged hello.'}"));
        QVERIFY2(set, qPrintable(set.error()));
        const Json document = {
            { "endpoints",
                Json::array({ { { "id", "sim" }, { "kind", "openai" },
                    { "base_url", sim.baseUrl().toString().toStdString() } } }) },
            { "steps", Json::array({ { { "model", "x/holds" } }, { { "model", "x/quick" } } }) },
            { "policy", { { "max_retries", 0 }, { "hedge_after_ms", 300 } } }
        };
        const QString route =
            writeFile(u"hedged.json"_s, QByteArray::fromStdString(document.dump()));
        const Run run = runDetourWhileServing(
            { u"--ask"_s, u"hi"_s, u"--route"_s, route, u"--json"_s, u"--no-history"_s });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QList<Json> lines = jsonLines(run.out);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(text(lines[0]["type"]), u"attempt"_s);
        QCOMPARE(text(lines[0]["model_requested"]), u"x/holds"_s);
        QCOMPARE(text(lines[0]["outcome"]), u"cancelled"_s);
        QCOMPARE(text(lines[0]["error_code"]), u"lost_race"_s);
        QVERIFY(lines[0]["lost_race_by_ms"].get<qint64>() >= 300);
        QVERIFY2(text(lines[0]["summary"]).startsWith(u"Lost the race to "_s),
            qPrintable(text(lines[0]["summary"])));
        QCOMPARE(text(lines[1]["model_requested"]), u"x/quick"_s);
        QCOMPARE(text(lines[1]["outcome"]), u"served"_s);
        QCOMPARE(text(lines[2]["status"]), u"served"_s);
        QCOMPARE(text(lines[2]["content"]), u"Hedged hello."_s);
        QCOMPARE(lines[2]["fallbacks"].get<int>(), 0);
        // The simulator saw the held request's client go away, long before its 20 s.
        QTRY_COMPARE_WITH_TIMEOUT(sim.stats().clientGone.value(u"x/holds"_s), 1, 30'000);
        QCOMPARE(sim.stats().models.value(u"x/holds"_s), 1);
        QCOMPARE(sim.stats().models.value(u"x/quick"_s), 1);
    }

    void everyStepFailingExitsTwo()
    {
        const QString scenario = writeFile(u"down.json"_s,
            quoted("{'models':[{'id':'x/"
                   "down','providers':['Down']}],'providers':{'Down':{'script':[{'kind':'server_"
                   "error'}]}}}"));
        const QString route = writeFile(u"down-route.json"_s,
            quoted("{'steps':[{'model':'x/down'}],'policy':{'max_retries':0}}"));
        const Run run = runDetour(
            { u"--ask"_s, u"hi"_s, u"--route"_s, route, u"--simulate"_s, scenario, u"--json"_s });
        QCOMPARE(run.exitCode, 2);
        const QList<Json> lines = jsonLines(run.out);
        QCOMPARE(text(lines.constLast()["status"]), u"failed"_s);
        QCOMPARE(text(lines.first()["outcome"]), u"server_error"_s);
    }

    void usageErrorsExitOne_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        QTest::addRow("unknown option")
            << QStringList { u"--frobnicate"_s } << QByteArray("frobnicate");
        QTest::addRow("missing route file") << QStringList { u"--ask"_s, u"hi"_s, u"--route"_s,
            u"/nonexistent.json"_s } << QByteArray("/nonexistent.json");
        QTest::addRow("unknown scenario") << QStringList { u"--ask"_s, u"hi"_s, u"--simulate"_s,
            u"no-such-scenario"_s } << QByteArray("no-such-scenario");
        QTest::addRow("bad kind") << QStringList { u"--explain"_s, u"-"_s, u"--kind"_s,
            u"anthropic"_s } << QByteArray("--kind");
        QTest::addRow("empty message") << QStringList { u"--ask"_s, u" "_s } << QByteArray("--ask");
        QTest::addRow("unknown parameter")
            << QStringList { u"--ask"_s, u"hi"_s, u"--set"_s, u"temprature=1"_s }
            << QByteArray("There is no parameter \u201ctemprature\u201d; known are: temperature");
        QTest::addRow("temperature out of range")
            << QStringList { u"--ask"_s, u"hi"_s, u"--set"_s, u"temperature=9"_s }
            << QByteArray("--set temperature=9: temperature takes a number from 0 to 2");
        QTest::addRow("set without a value") << QStringList { u"--ask"_s, u"hi"_s, u"--set"_s,
            u"seed"_s } << QByteArray("--set takes NAME=VALUE, not \"seed\"");
        QTest::addRow("bad effort")
            << QStringList { u"--ask"_s, u"hi"_s, u"--set"_s, u"reasoning_effort=max"_s }
            << QByteArray("reasoning_effort takes low | medium | high");
    }

    void usageErrorsExitOne()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        const Run run = runDetour(arguments);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(message), run.err.constData());
    }

    // A mistake on the command line, or the window without a display, is one clear message and
    // exit code 1 before any window is made: not an abort in Qt's platform plugin (134).
    void refusedBeforeAnyWindow_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QList<QByteArray>>("mentions");
        const QByteArray usage = "Usage: ";
        QTest::addRow("unknown option") << QStringList { u"--bogus"_s }
                                        << QList<QByteArray> { "Unknown option 'bogus'", usage };
        QTest::addRow("unknown option after a good one") << QStringList { u"--no-history"_s,
            u"--bogus"_s } << QList<QByteArray> { "'bogus'", usage };
        QTest::addRow("--ask without its value")
            << QStringList { u"--ask"_s }
            << QList<QByteArray> { "Missing value after '--ask'", usage };
        QTest::addRow("no display for the window")
            << QStringList {} << QList<QByteArray> { "DISPLAY", "WAYLAND_DISPLAY", "--ask" };
        QTest::addRow("no display for the window with a trace file")
            << QStringList { u"--trace-file"_s, m_dir.filePath(u"trace.jsonl"_s) }
            << QList<QByteArray> { "no display", "--ask" };
    }

    void refusedBeforeAnyWindow()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QList<QByteArray>, mentions);
        const Run run = runDetour(arguments, {}, Display::None);
        QVERIFY2(run.exitCode != 134 && run.exitCode != -1, run.err.constData());
        QVERIFY2(
            !run.err.contains("Aborted") && !run.err.contains("core dumped"), run.err.constData());
        QCOMPARE(run.exitCode, 1);
        for (const QByteArray &mention : mentions)
            QVERIFY2(run.err.contains(mention), run.err.constData());
        QVERIFY(run.out.isEmpty());
        QVERIFY2(!run.err.contains("qt.qpa"), run.err.constData());
    }

    // What works without a window also works without a display.
    void headlessWithoutDisplay_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("printed");
        QTest::addRow("--help") << QStringList { u"--help"_s } << QByteArray("--ask <TEXT>");
        QTest::addRow("--version") << QStringList { u"--version"_s } << QByteArray("detour ");
        QTest::addRow("--explain")
            << QStringList { u"--explain"_s, fixtures::path(u"upstream-429-cerebras.http"_s) }
            << QByteArray("Cerebras");
        QTest::addRow("--ask") << QStringList { u"--ask"_s, u"hello"_s, u"--no-history"_s }
                               << QByteArray("simulated OpenRouter");
    }

    void headlessWithoutDisplay()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, printed);
        const Run run = runDetour(arguments, {}, Display::None);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains(printed), run.out.constData());
    }

    void explainClassifiesEveryFixture_data()
    {
        QTest::addColumn<QString>("fixture");
        for (const QString &name : fixtures::names(u"*.http"_s))
            QTest::addRow("%s", qPrintable(name)) << name;
    }

    void explainClassifiesEveryFixture()
    {
        QFETCH(QString, fixture);
        const Json expected = *detour::json::parse(fixtures::read(u"expected.json"_s));
        const Json &want = expected[fixture.toStdString()];
        QStringList arguments { u"--explain"_s, fixtures::path(fixture) };
        if (want.contains("note"))
            arguments << u"--kind"_s << u"openai"_s;
        const Run run = runDetour(arguments);
        QCOMPARE(run.exitCode, 0);
        const auto diagnosis = detour::json::parse(run.out);
        QVERIFY2(diagnosis, run.out.constData());
        QCOMPARE(text((*diagnosis)["outcome"]), text(want["outcome"]));
        QCOMPARE(text((*diagnosis)["party"]), text(want["party"]));
        QCOMPARE(text((*diagnosis)["provider"]), text(want["provider"]));
        QVERIFY(!(*diagnosis)["summary"].get<std::string>().empty());
        for (const Json &fix : want["fixes_include"]) {
            const Json &fixes = (*diagnosis)["fixes"];
            QVERIFY2(std::find(fixes.begin(), fixes.end(), fix) != fixes.end(), fix.dump().c_str());
        }
    }

    void explainReadsStdin()
    {
        const Run run =
            runDetour({ u"--explain"_s, u"-"_s }, fixtures::read(u"upstream-429-cerebras.http"_s));
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(text((*detour::json::parse(run.out))["provider"]), u"Cerebras"_s);
    }

    void explainRejectsGarbage()
    {
        const Run run = runDetour({ u"--explain"_s, u"-"_s }, "this is not an HTTP response");
        QCOMPARE(run.exitCode, 1);
        QVERIFY(!run.err.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
