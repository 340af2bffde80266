// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// `detour --export`: what it refuses, and that what it prints runs. Each
// exported program is run as a person would after pasting it (the curl script
// under bash, the TypeScript and LangChain (JavaScript) ones under Node with the
// packages of the Node peers' cache, the Python ones when python3 has them)
// against the simulator on 127.0.0.1, through its fault scenarios.
#include "protocol/JsonUtil.h"
#include "protocol/RequestBuilder.h"
#include "route/RouteCodeExporter.h"
#include "route/RouteFile.h"
#include "sim/SimServer.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

// A made-up key: the keyed rows' scenario refuses any other, so the program must
// read it from the variable the route names.
const QString keyVariable = u"DETOUR_EXPORT_TEST_KEY"_s;
const QString testKey = u"sk-export-test-not-a-real-key"_s;
const QString replyOne = u"Step one answers with these words."_s;
const QString replyTwo = u"Step two answers instead."_s;

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// The environment every program runs in: no key but the test's, no proxy.
QProcessEnvironment environment(bool keyed)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : { u"OPENROUTER_API_KEY"_s, u"http_proxy"_s, u"https_proxy"_s,
             u"HTTP_PROXY"_s, u"HTTPS_PROXY"_s, u"ALL_PROXY"_s, u"all_proxy"_s, keyVariable })
        environment.remove(name);
    environment.insert(u"NO_PROXY"_s, u"127.0.0.1"_s);
    if (keyed)
        environment.insert(keyVariable, testKey);
    environment.insert(u"PYTHONDONTWRITEBYTECODE"_s, u"1"_s);
    environment.insert(u"PYTHONIOENCODING"_s, u"utf-8"_s);
    return environment;
}

// Runs `program` while this process's event loop keeps serving the simulator.
Run runServing(const QString &program, const QStringList &arguments,
    const QProcessEnvironment &env = environment(false), const QString &directory = {})
{
    QProcess process;
    process.setProcessEnvironment(env);
    if (!directory.isEmpty())
        process.setWorkingDirectory(directory);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(program, arguments);
    process.closeWriteChannel();
    if (!finished.wait(120'000)) {
        process.kill();
        process.waitForFinished();
        return { -2, process.readAllStandardOutput(),
            "did not finish: " + process.readAllStandardError() };
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        process.readAllStandardOutput(), process.readAllStandardError() };
}

Run runDetour(const QStringList &arguments)
{
    QProcessEnvironment env = environment(false);
    // Nothing of the real home: --export reads no settings or history, and must not need them.
    static const QTemporaryDir home;
    for (const QString &name : { u"XDG_DATA_HOME"_s, u"XDG_CONFIG_HOME"_s })
        env.insert(name, home.path());
    return runServing(QStringLiteral(DETOUR_BINARY), arguments, env);
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(bytes) == bytes.size();
}

// Where tests/bench/peer-cache.mjs installs the Node packages (`make test` does).
QString peerCache()
{
    const QString base = qEnvironmentVariableIsEmpty("XDG_CACHE_HOME")
        ? QDir::homePath() + u"/.cache"_s
        : qEnvironmentVariable("XDG_CACHE_HOME");
    return base + u"/detour-bench"_s;
}

QString guardScript()
{
    return QStringLiteral(DETOUR_SOURCE_DIR "/tests/bench/peers/guard.mjs");
}

// Why a language's programs cannot run here ("" when they can).
QString unavailable(const QString &language)
{
    if (language == "curl"_L1) {
        for (const QString &tool : { u"bash"_s, u"curl"_s, u"jq"_s }) {
            if (QStandardPaths::findExecutable(tool).isEmpty())
                return tool + u" is not installed (`make deps` installs it)"_s;
        }
        return {};
    }
    if (language == "typescript"_L1 || language == "langchain-js"_L1) {
        if (QStandardPaths::findExecutable(u"node"_s).isEmpty())
            return u"Node.js is not installed (`make test` installs it)"_s;
        for (const QString &package :
            { u"openai"_s, u"@langchain/openai"_s, u"typescript"_s, u"@types/node"_s }) {
            if (!QFileInfo(peerCache() + u"/node_modules/"_s + package + u"/package.json"_s)
                     .exists())
                return u"the Node peers are not in %1 (`make test` installs them: "
                       "node tests/bench/peer-cache.mjs)"_s.arg(peerCache());
        }
        return {};
    }
    const QString module = language == "python"_L1 ? u"openai"_s : u"langchain_openai"_s;
    if (QStandardPaths::findExecutable(u"python3"_s).isEmpty())
        return u"python3 is not installed"_s;
    QProcess probe;
    probe.start(u"python3"_s, { u"-c"_s, u"import "_s + module });
    if (!probe.waitForFinished(30'000) || probe.exitCode() != 0)
        return u"python3 has no %1 package (the tests install none)"_s.arg(module);
    return {};
}

QString extension(const QString &language)
{
    if (language == "curl"_L1)
        return u"sh"_s;
    if (language == "typescript"_L1)
        return u"ts"_s;
    if (language == "langchain-js"_L1)
        return u"mjs"_s;
    return u"py"_s;
}

// The route: two steps on the simulator, as a plain OpenAI-compatible endpoint.
QByteArray routeFile(const QUrl &baseUrl, bool keyed)
{
    const QString key = keyed ? u", \"key_env\": \"%1\""_s.arg(keyVariable) : QString();
    return uR"({"name": "Export test",
 "endpoints": [{"id": "sim", "kind": "openai", "base_url": "%1"%2}],
 "steps": [{"endpoint": "sim", "model": "test/one"}, {"endpoint": "sim", "model": "test/two"}]})"_s
        .arg(baseUrl.toString(), key)
        .toUtf8();
}

// Step one's provider follows `entry`; step two's serves.
QByteArray scenario(const QString &entry, bool keyed)
{
    return uR"({"models": [{"id": "test/one", "providers": ["One"]},
            {"id": "test/two", "providers": ["Two"]}],
 "providers": {
   "One": {"latency_ms": 0, "tokens_per_second": 5000, "reply": "%1", "script": [%2]},
   "Two": {"latency_ms": 0, "tokens_per_second": 5000, "reply": "%3"}},
 "keepalive_ms": 0,
 "require_key": %4})"_s.arg(replyOne, entry, replyTwo, keyed ? u"\"%1\""_s.arg(testKey) : u"null"_s)
        .toUtf8();
}

} // namespace

class TestExportCommand final : public QObject {
    Q_OBJECT

    SimServer m_server;
    // Compiled TypeScript by its source: the keyed rows export the same program.
    QHash<QByteArray, QString> m_compiled;
    std::unique_ptr<QTemporaryDir> m_work; // inside the peers' cache, so that Node finds them

    QList<QByteArray> completionBodies() const
    {
        QList<QByteArray> bodies;
        for (const SimRequest &request : m_server.requests()) {
            if (request.path().endsWith("/chat/completions"))
                bodies << request.body;
        }
        return bodies;
    }

    // The command that runs `file` (an export in `language`), or an empty list and a
    // QFAIL-worthy `problem`.
    QStringList command(const QString &language, const QString &file, QString &problem)
    {
        if (language == "curl"_L1)
            return { u"bash"_s, file };
        if (language == "python"_L1 || language == "langchain"_L1)
            return { u"python3"_s, file };
        const QStringList guard { u"--import"_s, QUrl::fromLocalFile(guardScript()).toString() };
        if (language == "langchain-js"_L1)
            return QStringList { u"node"_s } + guard + QStringList { file };
        // TypeScript: type-checked against the SDK's own types, then run.
        QFile source(file);
        if (!source.open(QIODevice::ReadOnly))
            return {};
        const QByteArray digest =
            QCryptographicHash::hash(source.readAll(), QCryptographicHash::Sha256).toHex();
        if (!m_compiled.contains(digest)) {
            const QString out = m_work->filePath(u"tsc-"_s + QString::fromLatin1(digest.left(12)));
            const Run tsc = runServing(u"node"_s,
                { peerCache() + u"/node_modules/typescript/bin/tsc"_s, u"--strict"_s, u"--target"_s,
                    u"es2022"_s, u"--module"_s, u"nodenext"_s, u"--moduleResolution"_s,
                    u"nodenext"_s, u"--skipLibCheck"_s, u"--types"_s, u"node"_s, u"--outDir"_s, out,
                    file },
                environment(false), m_work->path()); // where tsc looks for @types
            if (tsc.exitCode != 0) {
                problem = u"tsc refused the export:\n"_s + QString::fromUtf8(tsc.out + tsc.err);
                return {};
            }
            m_compiled.insert(digest, out + u'/' + QFileInfo(file).completeBaseName() + u".js"_s);
        }
        return QStringList { u"node"_s } + guard + QStringList { m_compiled.value(digest) };
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.listen());
        QDir().mkpath(peerCache());
        m_work = std::make_unique<QTemporaryDir>(peerCache() + u"/export-test-XXXXXX"_s);
        QVERIFY(m_work->isValid());
    }

    void helpListsExport()
    {
        const Run help = runDetour({ u"--help"_s });
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("--export <LANGUAGE>"));
        QVERIFY(help.out.contains("langchain-js"));
    }

    void refuses_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::addRow("unknown language")
            << QStringList { u"--export"_s, u"cobol"_s, u"--route"_s, u"ROUTE"_s }
            << u"--export takes one of curl, python, langchain, typescript, langchain-js, not "
               "\"cobol\"."_s;
        QTest::addRow("no route") << QStringList { u"--export"_s, u"curl"_s }
                                  << u"--export needs the route: --route FILE."_s;
        QTest::addRow("missing route file") << QStringList { u"--export"_s, u"curl"_s, u"--route"_s,
            u"/nonexistent/route.json"_s } << u"Cannot read route file /nonexistent/route.json"_s;
        QTest::addRow("bad route file") << QStringList { u"--export"_s, u"typescript"_s,
            u"--route"_s, u"BAD"_s } << u"Route file "_s;
    }

    void refuses()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString good = dir.filePath(u"route.json"_s);
        const QString bad = dir.filePath(u"bad.json"_s);
        QVERIFY(writeFile(good, routeFile(m_server.baseUrl(), true)));
        QVERIFY(writeFile(bad, "{\"steps\": [{\"endpoint\": \"nowhere\"}"));
        arguments.replaceInStrings(u"ROUTE"_s, good);
        arguments.replaceInStrings(u"BAD"_s, bad);
        const Run run = runDetour(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.contains(message.toUtf8()), run.err.constData());
    }

    // --ask's question and --system's prompt are what the program sends.
    void exportsTheQuestion()
    {
        QTemporaryDir dir;
        const QString route = dir.filePath(u"route.json"_s);
        QVERIFY(writeFile(route, routeFile(m_server.baseUrl(), true)));
        const Run run = runDetour({ u"--export"_s, u"curl"_s, u"--route"_s, route, u"--ask"_s,
            u"Why is the sky blue?"_s, u"--system"_s, u"Be brief."_s });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.startsWith("#!/usr/bin/env bash\n"));
        QVERIFY(run.out.contains("\"content\": \"Why is the sky blue?\""));
        QVERIFY(run.out.contains("\"content\": \"Be brief.\""));
        QVERIFY(run.out.contains("step 'test/two'"));
        QVERIFY(!run.out.contains(testKey.toUtf8()));
        QVERIFY(run.out.contains("cooldown across turns"));
        const Run plain = runDetour({ u"--export"_s, u"python"_s, u"--route"_s, route });
        QCOMPARE(plain.exitCode, 0);
        QVERIFY(plain.out.contains("\"content\": \"Hello!\""));
    }

    void programRuns_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("entry"); // step one's provider's script
        QTest::addColumn<bool>("keyed");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("reply"); // the whole text printed, or step one's partial text
        QTest::addColumn<int>("requests");
        const struct {
            const char *name;
            QString entry;
            bool keyed;
            int exitCode;
            QString reply;
            int requests;
        } rows[] = {
            { "served", u"{\"kind\": \"serve\"}"_s, true, 0, replyOne, 1 },
            { "429 then step two", u"{\"kind\": \"upstream_429\"}"_s, true, 0, replyTwo, 2 },
            { "error inside a 200", u"{\"kind\": \"error_in_200\"}"_s, true, 0, replyTwo, 2 },
            { "mid-stream error", u"{\"kind\": \"midstream_error\", \"tokens\": 3}"_s, true, 3,
                replyOne, 1 },
            { "keyless", u"{\"kind\": \"serve\"}"_s, false, 0, replyOne, 1 },
        };
        for (const QString &language :
            { u"curl"_s, u"typescript"_s, u"langchain-js"_s, u"python"_s, u"langchain"_s }) {
            for (const auto &row : rows)
                QTest::addRow("%s, %s", qPrintable(language), row.name)
                    << language << row.entry << row.keyed << row.exitCode << row.reply
                    << row.requests;
        }
    }

    void programRuns()
    {
        QFETCH(QString, language);
        QFETCH(QString, entry);
        QFETCH(bool, keyed);
        QFETCH(int, exitCode);
        QFETCH(QString, reply);
        QFETCH(int, requests);
        if (const QString why = unavailable(language); !why.isEmpty())
            QSKIP(qPrintable(u"cannot run the %1 export: %2"_s.arg(language, why)));

        QVERIFY(m_server.setScenario(scenario(entry, keyed)));
        const QString route = m_work->filePath(u"route.json"_s);
        QVERIFY(writeFile(route, routeFile(m_server.baseUrl(), keyed)));
        const Run exported = runDetour(
            { u"--export"_s, language, u"--route"_s, route, u"--ask"_s, u"Say something."_s });
        QCOMPARE(exported.exitCode, 0);
        const QString file = m_work->filePath(u"export."_s + extension(language));
        QVERIFY(writeFile(file, exported.out));

        QString problem;
        const QStringList command = this->command(language, file, problem);
        QVERIFY2(!command.isEmpty(), qPrintable(problem));
        m_server.clearRequests();
        const Run run = runServing(command.first(), command.mid(1), environment(keyed));
        const QByteArray said = "stdout: " + run.out + "\nstderr: " + run.err;
        QVERIFY2(run.exitCode == exitCode, said.constData());
        const QList<QByteArray> bodies = completionBodies();
        QCOMPARE(bodies.size(), requests);
        // Step one's request is the body Detour sends, whatever the client library.
        const Result<RoutePlan> plan = RouteFile::read(routeFile(m_server.baseUrl(), keyed));
        QVERIFY(plan);
        const nlohmann::json expected =
            RequestBuilder::body(plan->endpoints.front().kind, plan->steps.front().target,
                RouteCodeExporter::request(u"Say something."_s, plan->defaults));
        const auto sent = json::parse(bodies.front());
        QVERIFY(sent);
        QVERIFY2(*sent == expected,
            qPrintable(u"sent "_s + QString::fromUtf8(bodies.front()) + u"\nexpected "_s
                + QString::fromStdString(expected.dump())));
        const QString text = QString::fromUtf8(run.out).trimmed();
        if (exitCode == 0) {
            QCOMPARE(text, reply); // the text, not JSON or SSE
        } else {
            // The partial text stays printed, and the reason is said.
            QVERIFY2(!text.isEmpty() && text.size() < reply.size() && reply.startsWith(text),
                said.constData());
            QVERIFY2(run.err.contains("after its reply had started"), said.constData());
        }
        if (requests == 2 && language != "langchain"_L1) // step one's failure is said, in words
            QVERIFY2(run.err.contains("fail"), said.constData());
        QVERIFY(!run.err.contains("Missing credentials"));
    }
};

QTEST_GUILESS_MAIN(TestExportCommand)
#include "test_export_command.moc"
