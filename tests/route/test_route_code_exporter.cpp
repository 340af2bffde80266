// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Fixtures.h"
#include "protocol/RequestBuilder.h"
#include "route/RouteCodeExporter.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;
using Json = nlohmann::json;
using Language = RouteCodeExporter::Language;

namespace {

// Fake keys: the exported code must read them from the environment, never contain them.
const char *const openRouterKey = "sk-or-v1-FAKE-openrouter-0123456789";
const char *const groqKey = "gsk_FAKE_groq_9876543210";
const char *const proxyKey = "FAKE-proxy-key-with-'quote";

// Expected exports (reviewed by eye) and the stand-ins the exported code runs against.
QString snippetsDir()
{
    return QDir::cleanPath(QStringLiteral(DETOUR_FIXTURES_DIR "/../route/snippets"));
}

// Two enabled steps around a disabled one: OpenRouter with `models` and every
// provider preference, then a plain OpenAI-compatible endpoint.
RoutePlan twoStepPlan()
{
    RoutePlan plan;
    plan.name = u"Free first"_s;
    plan.endpoints = {
        { u"openrouter"_s, EndpointKind::OpenRouter, QUrl(u"https://openrouter.ai/api/v1"_s),
            u"OPENROUTER_API_KEY"_s },
        { u"groq"_s, EndpointKind::OpenAiCompatible, QUrl(u"https://api.groq.com/openai/v1"_s),
            u"GROQ_API_KEY"_s },
    };
    RouteStep first;
    first.endpointId = u"openrouter"_s;
    first.target.model = u"moonshotai/kimi-k2:free"_s;
    first.target.fallbackModels = { u"moonshotai/kimi-k2"_s, u"qwen/qwen3-235b-a22b"_s };
    ProviderPreferences &provider = first.target.provider;
    provider.order = { u"Groq"_s, u"Cerebras"_s };
    provider.allowFallbacks = false;
    provider.only = { u"Groq"_s, u"Cerebras"_s, u"Together"_s };
    provider.ignore = { u"Chutes"_s };
    provider.sort = u"throughput"_s;
    provider.maxPricePrompt = 1.0;
    provider.maxPriceCompletion = 3.5;
    provider.dataCollection = u"deny"_s;
    provider.requireParameters = true;
    provider.quantizations = { u"fp8"_s, u"bf16"_s };
    RouteStep disabled;
    disabled.endpointId = u"openrouter"_s;
    disabled.target.model = u"meta-llama/llama-3.3-70b-instruct:free"_s;
    disabled.enabled = false;
    RouteStep plain;
    plain.endpointId = u"groq"_s;
    plain.target.model = u"moonshotai/kimi-k2-instruct"_s;
    plan.steps = { first, disabled, plain };
    return plan;
}

ChatRequest twoStepRequest()
{
    ChatRequest request;
    request.messages = { { u"system"_s, u"You are terse."_s },
        { u"user"_s, u"Why is the sky blue?"_s } };
    request.sampling.temperature = 0.7;
    request.sampling.topK = 40; // OpenRouter only
    request.sampling.maxTokens = 512;
    request.sessionId = u"conv-42"_s;
    return request;
}

// One OpenRouter step whose key variable is the default one.
RoutePlan oneStepPlan()
{
    RoutePlan plan;
    plan.name = u"Quick \"test\""_s;
    plan.endpoints = { { u"openrouter"_s, EndpointKind::OpenRouter,
        QUrl(u"https://openrouter.ai/api/v1"_s), QString() } };
    RouteStep step;
    step.endpointId = u"openrouter"_s;
    step.target.model = u"openai/gpt-4o-mini"_s;
    plan.steps = { step };
    return plan;
}

// Quotes, a backslash, a newline, a tab, an emoji, an accent, a line separator, a bell
// and an invisible astral character (a language tag).
ChatRequest trickyRequest()
{
    ChatRequest request;
    request.messages = { { u"user"_s,
        u"She said \"hi\" & it's a back\\slash.\nSecond line:\ttab, emoji \U0001F600, "
        u"caf\u00e9, line\u2028separator, bell\u0007, tag\U000E0001."_s } };
    return request;
}

// A keyless local server, then a proxy whose key variable is no shell name; not streamed.
RoutePlan keylessPlan()
{
    RoutePlan plan;
    plan.name = u"Local then proxy"_s;
    plan.endpoints = {
        { u"local"_s, EndpointKind::OpenAiCompatible, QUrl(u"http://localhost:11434/v1"_s),
            QString() },
        { u"my-proxy"_s, EndpointKind::OpenAiCompatible, QUrl(u"https://proxy.example.com/v1/"_s),
            u"MY-PROXY.KEY"_s },
    };
    RouteStep local;
    local.endpointId = u"local"_s;
    local.target.model = u"llama3.2"_s;
    RouteStep proxy;
    proxy.endpointId = u"my-proxy"_s;
    proxy.target.model = u"gpt-4o-mini"_s;
    plan.steps = { local, proxy };
    return plan;
}

ChatRequest keylessRequest()
{
    ChatRequest request;
    request.messages = { { u"user"_s, u"Hi"_s } };
    request.sampling.temperature = 0.2;
    request.sampling.seed = 7;
    request.stream = false;
    return request;
}

struct Sample {
    RoutePlan plan;
    ChatRequest request;
};

Sample sample(const QString &name)
{
    if (name == "two-step"_L1)
        return { twoStepPlan(), twoStepRequest() };
    if (name == "one-step"_L1)
        return { oneStepPlan(), trickyRequest() };
    return { keylessPlan(), keylessRequest() };
}

// What Detour sends for each enabled step, in order.
QList<Json> expectedBodies(const Sample &sample)
{
    QList<Json> bodies;
    for (const RouteStep &step : sample.plan.steps) {
        if (step.enabled)
            bodies << RequestBuilder::body(
                sample.plan.endpoint(step.endpointId)->kind, step.target, sample.request);
    }
    return bodies;
}

QList<const Endpoint *> enabledEndpoints(const RoutePlan &plan)
{
    QList<const Endpoint *> endpoints;
    for (const RouteStep &step : plan.steps) {
        if (step.enabled)
            endpoints << plan.endpoint(step.endpointId);
    }
    return endpoints;
}

QString exported(Language language, const QString &name)
{
    const Sample s = sample(name);
    return RouteCodeExporter::code(language, s.plan, s.request);
}

Json parseJson(const QByteArray &bytes)
{
    return Json::parse(bytes.toStdString(), nullptr, false);
}

QString dumped(const Json &value)
{
    return QString::fromStdString(value.dump(2));
}

// Equal as JSON values (JavaScript writes 1.0 as 1); both shown when not.
#define COMPARE_JSON(actual, expected)                                                             \
    QVERIFY2((actual) == (expected),                                                               \
        qPrintable(u"actual "_s + dumped(actual) + u"\nexpected "_s + dumped(expected)))

// The text between `start` (included) and the next `end` after it (excluded).
QString section(const QString &text, const QString &start, const QString &end)
{
    const qsizetype from = text.indexOf(start);
    if (from < 0)
        return {};
    const qsizetype to = text.indexOf(end, from + start.size());
    return text.mid(from, to < 0 ? -1 : to - from);
}

// The words of every `-d '...'` argument, unquoted the way sh does ('\'' is a quote).
QList<QByteArray> curlBodies(const QString &script)
{
    QList<QByteArray> bodies;
    const QString marker = u"-d '"_s;
    for (qsizetype at = script.indexOf(marker); at >= 0; at = script.indexOf(marker, at)) {
        at += marker.size();
        QString word;
        for (;;) {
            const qsizetype close = script.indexOf(u'\'', at);
            if (close < 0)
                return {};
            word += script.mid(at, close - at);
            at = close + 1;
            if (script.mid(at, 3) != u"\\''"_s)
                break;
            word += u'\'';
            at += 3;
        }
        bodies << word.toUtf8();
    }
    return bodies;
}

struct Run {
    bool finished = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &arguments,
    const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    Run result;
    result.finished = process.waitForStarted(10'000) && process.waitForFinished(30'000);
    if (!result.finished)
        process.kill();
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

bool writeFile(const QString &path, const QString &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(text.toUtf8()) == text.toUtf8().size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString keyValue(const Endpoint &endpoint)
{
    const QString variable = RouteCodeExporter::keyVariable(endpoint);
    return variable.isEmpty() ? QString() : qEnvironmentVariable(variable.toUtf8().constData());
}

void addLanguageColumn()
{
    QTest::addColumn<int>("language");
}

Language languageAt(int value)
{
    return static_cast<Language>(value);
}

} // namespace

class TestRouteCodeExporter final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("OPENROUTER_API_KEY", openRouterKey);
        qputenv("GROQ_API_KEY", groqKey);
        qputenv("MY-PROXY.KEY", proxyKey);
    }

    void names()
    {
        QCOMPARE(RouteCodeExporter::languages().size(), 5);
        QCOMPARE(
            RouteCodeExporter::languageName(Language::LangChainJs), u"LangChain (JavaScript)"_s);
        QCOMPARE(RouteCodeExporter::fileExtension(Language::LangChainJs), u"mjs"_s);
        // `detour --export` names each language by one word, and reads it back.
        QStringList words;
        for (const Language language : RouteCodeExporter::languages()) {
            words << RouteCodeExporter::commandName(language);
            QCOMPARE(RouteCodeExporter::fromCommandName(words.last()), language);
        }
        QCOMPARE(words,
            QStringList(
                { u"curl"_s, u"python"_s, u"langchain"_s, u"typescript"_s, u"langchain-js"_s }));
        QVERIFY(!RouteCodeExporter::fromCommandName(u"Python"_s));
        QVERIFY(!RouteCodeExporter::fromCommandName(QString()));
        QCOMPARE(RouteCodeExporter::languageName(Language::Curl), u"curl"_s);
        QCOMPARE(
            RouteCodeExporter::languageName(Language::LangChainPython), u"LangChain (Python)"_s);
        QCOMPARE(RouteCodeExporter::fileExtension(Language::TypeScriptOpenAI), u"ts"_s);
        QCOMPARE(RouteCodeExporter::fileExtension(Language::PythonOpenAI), u"py"_s);
    }

    void keyVariable_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("keyEnv");
        QTest::addColumn<QString>("variable");
        QTest::addRow("openrouter, own variable")
            << int(EndpointKind::OpenRouter) << u"OR_KEY"_s << u"OR_KEY"_s;
        QTest::addRow("openrouter, default")
            << int(EndpointKind::OpenRouter) << QString() << u"OPENROUTER_API_KEY"_s;
        QTest::addRow("compatible, own variable")
            << int(EndpointKind::OpenAiCompatible) << u"GROQ_API_KEY"_s << u"GROQ_API_KEY"_s;
        QTest::addRow("compatible, keyless")
            << int(EndpointKind::OpenAiCompatible) << QString() << QString();
    }

    void keyVariable()
    {
        QFETCH(int, kind);
        QFETCH(QString, keyEnv);
        QFETCH(QString, variable);
        const Endpoint endpoint { u"e"_s, EndpointKind(kind), QUrl(u"https://x.test/v1"_s),
            keyEnv };
        QCOMPARE(RouteCodeExporter::keyVariable(endpoint), variable);
    }

    // The whole export equals its reviewed snippet. DETOUR_UPDATE_SNIPPETS=1 rewrites them.
    void matchesSnippet_data()
    {
        QTest::addColumn<QString>("sampleName");
        addLanguageColumn();
        QTest::addColumn<QString>("file");
        for (const QString &name : { u"two-step"_s, u"one-step"_s, u"keyless"_s }) {
            QTest::addRow("%s curl", qPrintable(name))
                << name << int(Language::Curl) << name + u".sh"_s;
            QTest::addRow("%s openai", qPrintable(name))
                << name << int(Language::PythonOpenAI) << name + u".openai.py"_s;
            QTest::addRow("%s langchain", qPrintable(name))
                << name << int(Language::LangChainPython) << name + u".langchain.py"_s;
            QTest::addRow("%s typescript", qPrintable(name))
                << name << int(Language::TypeScriptOpenAI) << name + u".ts"_s;
            QTest::addRow("%s langchain-js", qPrintable(name))
                << name << int(Language::LangChainJs) << name + u".langchain.mjs"_s;
        }
    }

    void matchesSnippet()
    {
        QFETCH(QString, sampleName);
        QFETCH(int, language);
        QFETCH(QString, file);
        const QString code = exported(languageAt(language), sampleName);
        const QString path = QDir(snippetsDir()).filePath(file);
        if (qEnvironmentVariableIntValue("DETOUR_UPDATE_SNIPPETS") == 1) {
            QVERIFY(writeFile(path, code));
            QSKIP("snippet rewritten");
        }
        QFile expected(path);
        QVERIFY2(expected.open(QIODevice::ReadOnly), qPrintable(path));
        QCOMPARE(code, QString::fromUtf8(expected.readAll()));
    }

    // Each -d argument, unquoted, is exactly the body Detour sends for that step.
    void curlBodiesAreRequestBodies_data()
    {
        QTest::addColumn<QString>("sampleName");
        QTest::addRow("two-step") << u"two-step"_s;
        QTest::addRow("one-step, tricky strings") << u"one-step"_s;
        QTest::addRow("keyless, not streamed") << u"keyless"_s;
    }

    void curlBodiesAreRequestBodies()
    {
        QFETCH(QString, sampleName);
        const QList<QByteArray> bodies = curlBodies(exported(Language::Curl, sampleName));
        const QList<Json> expected = expectedBodies(sample(sampleName));
        QCOMPARE(bodies.size(), expected.size());
        for (qsizetype i = 0; i < bodies.size(); ++i) {
            const Json body = parseJson(bodies[i]);
            QVERIFY2(!body.is_discarded(), bodies[i].constData());
            QCOMPARE(bodies[i], QByteArray::fromStdString(expected[i].dump(2))); // byte for byte
            COMPARE_JSON(body, expected[i]);
        }
    }

    void neverContainsKeys_data()
    {
        QTest::addColumn<QString>("sampleName");
        addLanguageColumn();
        for (const QString &name : { u"two-step"_s, u"one-step"_s, u"keyless"_s }) {
            for (const Language language : RouteCodeExporter::languages())
                QTest::addRow("%s %s", qPrintable(name),
                    qPrintable(RouteCodeExporter::languageName(language)))
                    << name << int(language);
        }
    }

    void neverContainsKeys()
    {
        QFETCH(QString, sampleName);
        QFETCH(int, language);
        const QString code = exported(languageAt(language), sampleName);
        for (const char *key : { openRouterKey, groqKey, proxyKey })
            QVERIFY2(!code.contains(QLatin1StringView(key)), key);
        QVERIFY(!code.contains(u"FAKE"_s));
        // ... and reads them from the environment instead. The sample is kept in a
        // variable: the pointers below point into its plan.
        const Sample kept = sample(sampleName);
        for (const Endpoint *endpoint : enabledEndpoints(kept.plan)) {
            const QString variable = RouteCodeExporter::keyVariable(*endpoint);
            if (!variable.isEmpty())
                QVERIFY2(code.contains(variable), qPrintable(variable));
        }
    }

    // The plain endpoint's client and step carry nothing meant for OpenRouter.
    void openRouterFieldsStayOnOpenRouter_data()
    {
        addLanguageColumn();
        QTest::addColumn<QStringList>("bounds"); // start, end, start, end, ...
        QTest::addRow("curl") << int(Language::Curl)
                              << QStringList { u"# Step 3:"_s, u"echo 'Every step"_s };
        QTest::addRow("openai") << int(Language::PythonOpenAI)
                                << QStringList { u"groq_client = OpenAI("_s, u"\n)\n"_s,
                                       u"    # Step 3:"_s, u"\n]\n"_s };
        QTest::addRow("langchain")
            << int(Language::LangChainPython) << QStringList { u"# Step 3:"_s, u"\nchain = "_s };
        QTest::addRow("typescript") << int(Language::TypeScriptOpenAI)
                                    << QStringList { u"const groqClient = new OpenAI("_s,
                                           u"\n});\n"_s, u"  // Step 3:"_s, u"\n];\n"_s };
        QTest::addRow("langchain-js")
            << int(Language::LangChainJs) << QStringList { u"// Step 3:"_s, u"\nconst chain = "_s };
    }

    void openRouterFieldsStayOnOpenRouter()
    {
        QFETCH(int, language);
        QFETCH(QStringList, bounds);
        const QString code = exported(languageAt(language), u"two-step"_s);
        // The OpenRouter step does carry them (so the checks below are not vacuous).
        for (const QString &field : { u"models"_s, u"provider"_s, u"session_id"_s, u"top_k"_s,
                 u"HTTP-Referer"_s, u"X-OpenRouter-Title"_s })
            QVERIFY2(code.contains(field), qPrintable(field));
        for (qsizetype i = 0; i + 1 < bounds.size(); i += 2) {
            const QString part = section(code, bounds[i], bounds[i + 1]);
            QVERIFY2(part.contains(u"groq"_s), qPrintable(bounds[i]));
            for (const QString &field : { u"models"_s, u"provider"_s, u"session_id"_s, u"top_k"_s,
                     u"stream_options"_s, u"stream_usage"_s, u"include_usage"_s, u"HTTP-Referer"_s,
                     u"X-OpenRouter"_s, u"openrouter"_s })
                QVERIFY2(!part.contains(field), qPrintable(field + u" in "_s + part));
        }
    }

    void onlyEnabledSteps_data()
    {
        addLanguageColumn();
        for (const Language language : RouteCodeExporter::languages())
            QTest::addRow("%s", qPrintable(RouteCodeExporter::languageName(language)))
                << int(language);
    }

    void onlyEnabledSteps()
    {
        QFETCH(int, language);
        const QString code = exported(languageAt(language), u"two-step"_s);
        QVERIFY(code.contains(u"Step 1:"_s));
        QVERIFY(code.contains(u"Step 3:"_s));
        QVERIFY(!code.contains(u"Step 2:"_s));
        QVERIFY(!code.contains(u"llama-3.3-70b"_s));
        QVERIFY(code.indexOf(u"moonshotai/kimi-k2:free"_s)
            < code.indexOf(u"moonshotai/kimi-k2-instruct"_s));

        RoutePlan none = twoStepPlan();
        for (RouteStep &step : none.steps)
            step.enabled = false;
        const QString empty = RouteCodeExporter::code(languageAt(language), none, twoStepRequest());
        QVERIFY(empty.contains(u"no enabled step"_s));
        QVERIFY(!empty.contains(u"moonshotai"_s));
    }

    void clientSideSortIsNoted_data()
    {
        addLanguageColumn();
        for (const Language language : RouteCodeExporter::languages())
            QTest::addRow("%s", qPrintable(RouteCodeExporter::languageName(language)))
                << int(language);
    }

    void clientSideSortIsNoted()
    {
        QFETCH(int, language);
        RoutePlan plan = twoStepPlan();
        QVERIFY(!RouteCodeExporter::code(languageAt(language), plan, twoStepRequest())
                     .contains(u"client-side only"_s));
        plan.policy.sort = RouteSort::Throughput;
        const QString code = RouteCodeExporter::code(languageAt(language), plan, twoStepRequest());
        QVERIFY2(code.contains(u"sort \"throughput\" is client-side only"_s), qPrintable(code));
        // The steps stay in the order written.
        QVERIFY(code.indexOf(u"moonshotai/kimi-k2:free"_s)
            < code.indexOf(u"moonshotai/kimi-k2-instruct"_s));
    }

    void hedgingIsNoted_data() { clientSideSortIsNoted_data(); }

    void hedgingIsNoted()
    {
        QFETCH(int, language);
        RoutePlan plan = twoStepPlan();
        QVERIFY(!RouteCodeExporter::code(languageAt(language), plan, twoStepRequest())
                     .contains(u"Hedging"_s));
        plan.policy.hedgeAuto = true;
        const QString code = RouteCodeExporter::code(languageAt(language), plan, twoStepRequest());
        QVERIFY2(code.contains(u"Hedging (hedge_after_ms) is Detour's own"_s), qPrintable(code));
    }

    void keylessEndpointSendsNoKey()
    {
        const QString curl = exported(Language::Curl, u"keyless"_s);
        const QString localPart = section(curl, u"# Step 1:"_s, u"# Step 2:"_s);
        QVERIFY(!localPart.isEmpty());
        QVERIFY(!localPart.contains(u"Authorization"_s));
        QVERIFY(curl.contains(u"\"Authorization: Bearer $(printenv 'MY-PROXY.KEY')\""_s));
        QVERIFY(exported(Language::PythonOpenAI, u"keyless"_s).contains(u"api_key=\"unused\","_s));
        QVERIFY(exported(Language::PythonOpenAI, u"keyless"_s)
                    .contains(u"os.environ[\"MY-PROXY.KEY\"]"_s));
        QVERIFY(
            exported(Language::TypeScriptOpenAI, u"keyless"_s).contains(u"apiKey: \"unused\","_s));
        QVERIFY(exported(Language::TypeScriptOpenAI, u"keyless"_s)
                    .contains(u"process.env[\"MY-PROXY.KEY\"]"_s));
        QVERIFY(exported(Language::LangChainJs, u"keyless"_s).contains(u"apiKey: \"unused\","_s));
        QVERIFY(exported(Language::LangChainJs, u"keyless"_s)
                    .contains(u"process.env[\"MY-PROXY.KEY\"]"_s));
    }

    // Every export says what it cannot do that Detour does, and how it fails.
    void saysWhatItCannotDo_data()
    {
        QTest::addColumn<QString>("sampleName");
        addLanguageColumn();
        for (const QString &name : { u"two-step"_s, u"one-step"_s }) {
            for (const Language language : RouteCodeExporter::languages())
                QTest::addRow("%s %s", qPrintable(name),
                    qPrintable(RouteCodeExporter::languageName(language)))
                    << name << int(language);
        }
    }

    void saysWhatItCannotDo()
    {
        QFETCH(QString, sampleName);
        QFETCH(int, language);
        const QString code = exported(languageAt(language), sampleName);
        const QString marker = languageAt(language) == Language::Curl
                || languageAt(language) == Language::PythonOpenAI
                || languageAt(language) == Language::LangChainPython
            ? u"# "_s
            : u"// "_s;
        // In the comment at the top, before any code.
        const QString top = code.left(code.indexOf(u"\n\n"_s));
        for (const QString &words : { u"cooldown across turns"_s, u"hedges a slow step"_s,
                 u"why a step failed"_s, u"An error inside a 200"_s, u"exit status is 3"_s }) {
            const qsizetype at = top.indexOf(words);
            QVERIFY2(at > 0, qPrintable(words + u" in\n"_s + top));
            const qsizetype lineStart = top.lastIndexOf(u'\n', at) + 1;
            QVERIFY2(top.mid(lineStart).startsWith(marker), qPrintable(words));
        }
    }

    void pythonParses_data()
    {
        QTest::addColumn<QString>("sampleName");
        addLanguageColumn();
        for (const QString &name : { u"two-step"_s, u"one-step"_s, u"keyless"_s }) {
            QTest::addRow("%s openai", qPrintable(name)) << name << int(Language::PythonOpenAI);
            QTest::addRow("%s langchain", qPrintable(name))
                << name << int(Language::LangChainPython);
        }
    }

    void pythonParses()
    {
        QFETCH(QString, sampleName);
        QFETCH(int, language);
        const QString python = QStandardPaths::findExecutable(u"python3"_s);
        if (python.isEmpty())
            QSKIP("python3 is not installed");
        QTemporaryDir dir;
        const QString file = dir.filePath(u"export.py"_s);
        QVERIFY(writeFile(file, exported(languageAt(language), sampleName)));
        const Run parsed = run(python,
            { u"-c"_s, u"import ast, sys; ast.parse(open(sys.argv[1], encoding='utf-8').read())"_s,
                file });
        QVERIFY(parsed.finished);
        QVERIFY2(parsed.exitCode == 0, parsed.err.constData());
    }

    void shellScriptParses_data()
    {
        QTest::addColumn<QString>("sampleName");
        QTest::addRow("two-step") << u"two-step"_s;
        QTest::addRow("one-step") << u"one-step"_s;
        QTest::addRow("keyless") << u"keyless"_s;
    }

    void shellScriptParses()
    {
        QFETCH(QString, sampleName);
        QTemporaryDir dir;
        const QString file = dir.filePath(u"export.sh"_s);
        QVERIFY(writeFile(file, exported(Language::Curl, sampleName)));
        QVERIFY(readFile(file).startsWith("#!/usr/bin/env bash\n"));
        const Run parsed = run(u"bash"_s, { u"-n"_s, file });
        QVERIFY(parsed.finished);
        QVERIFY2(parsed.exitCode == 0, parsed.err.constData());
    }

    // The script runs against a stand-in curl: steps fall through on non-2xx in
    // order, each sends Detour's body, and keys come from the environment.
    void curlScriptFallsThrough_data()
    {
        QTest::addColumn<QString>("sampleName");
        QTest::addColumn<int>("failures");
        QTest::addRow("two-step, first fails") << u"two-step"_s << 1;
        QTest::addRow("two-step, first serves") << u"two-step"_s << 0;
        QTest::addRow("two-step, all fail") << u"two-step"_s << 2;
        QTest::addRow("one-step") << u"one-step"_s << 0;
        QTest::addRow("keyless, first fails") << u"keyless"_s << 1;
    }

    void curlScriptFallsThrough()
    {
        QFETCH(QString, sampleName);
        QFETCH(int, failures);
        const Sample s = sample(sampleName);
        const QList<Json> expected = expectedBodies(s);
        const QList<const Endpoint *> endpoints = enabledEndpoints(s.plan);
        QTemporaryDir dir;
        const QString bin = dir.filePath(u"bin"_s);
        QVERIFY(QDir().mkpath(bin));
        QVERIFY(QFile::copy(QDir(snippetsDir()).filePath(u"stubs/curl"_s), bin + u"/curl"_s));
        QVERIFY(QFile::setPermissions(bin + u"/curl"_s, QFile::ReadOwner | QFile::ExeOwner));
        const QString script = dir.filePath(u"export.sh"_s);
        QVERIFY(writeFile(script, RouteCodeExporter::code(Language::Curl, s.plan, s.request)));

        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"PATH"_s, bin + u':' + environment.value(u"PATH"_s));
        environment.insert(u"DETOUR_STUB_DIR"_s, dir.path());
        environment.insert(u"DETOUR_STUB_FAILURES"_s, QString::number(failures));
        if (QStandardPaths::findExecutable(u"jq"_s).isEmpty())
            QSKIP("jq is not installed (`make deps` installs it)");
        const Run result = run(u"bash"_s, { script }, environment);
        QVERIFY(result.finished);

        const int calls = qMin(failures + 1, int(expected.size()));
        const bool served = failures < expected.size();
        QCOMPARE(readFile(dir.filePath(u"count"_s)).trimmed(), QByteArray::number(calls));
        QCOMPARE(result.exitCode, served ? 0 : 1);
        QCOMPARE(result.out.contains("Hello there"), served);
        if (!served)
            QVERIFY(result.err.contains("Every step of the route failed."));
        for (int i = 0; i < calls; ++i) {
            const QString call = dir.filePath(QString::number(i + 1));
            const Json body = parseJson(readFile(call + u".body"_s));
            COMPARE_JSON(body, expected[i]);
            QCOMPARE(QString::fromUtf8(readFile(call + u".url"_s)),
                RequestBuilder::endpointUrl(endpoints[i]->baseUrl, u"chat/completions"_s)
                    .toString());
            const QByteArray headers = readFile(call + u".headers"_s);
            const QString key = keyValue(*endpoints[i]);
            QCOMPARE(headers.contains("Authorization:"), !key.isEmpty());
            if (!key.isEmpty())
                QVERIFY(
                    headers.contains(QByteArray("Authorization: Bearer " + key.toUtf8() + '\n')));
            QVERIFY(headers.contains("Content-Type: application/json\n"));
            const bool openRouter = endpoints[i]->kind == EndpointKind::OpenRouter;
            QCOMPARE(headers.contains("HTTP-Referer: https://github.com/detour-chat/detour\n"),
                openRouter);
            QCOMPARE(headers.contains("X-OpenRouter-Title: Detour\n"), openRouter);
        }
    }

    // The Python exports run against stand-in packages that record each request;
    // what they would send equals Detour's body, tricky strings included.
    void pythonSendsRequestBodies_data()
    {
        QTest::addColumn<QString>("sampleName");
        addLanguageColumn();
        for (const QString &name : { u"two-step"_s, u"one-step"_s, u"keyless"_s }) {
            QTest::addRow("%s openai", qPrintable(name)) << name << int(Language::PythonOpenAI);
            QTest::addRow("%s langchain", qPrintable(name))
                << name << int(Language::LangChainPython);
        }
    }

    void pythonSendsRequestBodies()
    {
        QFETCH(QString, sampleName);
        QFETCH(int, language);
        const QString python = QStandardPaths::findExecutable(u"python3"_s);
        if (python.isEmpty())
            QSKIP("python3 is not installed");
        const Sample s = sample(sampleName);
        const QList<Json> expected = expectedBodies(s);
        const QList<const Endpoint *> endpoints = enabledEndpoints(s.plan);
        QTemporaryDir dir;
        const QString file = dir.filePath(u"export.py"_s);
        QVERIFY(writeFile(file, RouteCodeExporter::code(languageAt(language), s.plan, s.request)));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"PYTHONPATH"_s, QDir(snippetsDir()).filePath(u"stubs"_s));
        environment.insert(u"PYTHONDONTWRITEBYTECODE"_s, u"1"_s);
        environment.insert(u"PYTHONIOENCODING"_s, u"utf-8"_s);
        environment.insert(u"DETOUR_STUB_LOG"_s, dir.filePath(u"calls.json"_s));
        environment.insert(u"DETOUR_STUB_FAILURES"_s, QString::number(expected.size() - 1));
        const Run result = run(python, { file }, environment);
        QVERIFY(result.finished);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QVERIFY(result.out.contains("Hello there"));

        const Json calls = parseJson(readFile(dir.filePath(u"calls.json"_s)));
        QVERIFY(calls.is_array());
        QCOMPARE(qsizetype(calls.size()), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const Json &call = calls[std::size_t(i)];
            const bool openRouter = endpoints[i]->kind == EndpointKind::OpenRouter;
            Json body = Json::object();
            Json client;
            if (languageAt(language) == Language::PythonOpenAI) {
                // create(messages=..., extra_body=..., **params)
                client = call["client"];
                for (auto it = call["kwargs"].begin(); it != call["kwargs"].end(); ++it) {
                    if (it.key() != "extra_body")
                        body[it.key()] = it.value();
                }
                if (!call["kwargs"]["extra_body"].is_null())
                    body.update(call["kwargs"]["extra_body"]);
                if (!openRouter)
                    QVERIFY(call["kwargs"]["extra_body"].is_null());
            } else {
                // ChatOpenAI(model=..., streaming=..., stream_usage=..., <sampling>,
                // extra_body=...)
                client = call["settings"];
                for (auto it = client.begin(); it != client.end(); ++it) {
                    const std::string &key = it.key();
                    if (key == "streaming")
                        body["stream"] = it.value();
                    else if (key == "stream_usage")
                        body["stream_options"] = { { "include_usage", it.value() } };
                    else if (key == "extra_body")
                        body.update(it.value());
                    else if (key != "base_url" && key != "api_key" && key != "max_retries"
                        && key != "default_headers")
                        body[key] = it.value();
                }
                body["messages"] = Json::array();
                for (const Json &message : call["messages"])
                    body["messages"].push_back(
                        { { "role", message[0] }, { "content", message[1] } });
            }
            COMPARE_JSON(body, expected[i]);
            const QString key = keyValue(*endpoints[i]);
            QCOMPARE(QString::fromStdString(client.value("api_key", std::string())),
                key.isEmpty() ? u"unused"_s : key);
            QCOMPARE(client.value("max_retries", -1), 0);
            QCOMPARE(QString::fromStdString(client.value("base_url", std::string())),
                endpoints[i]->baseUrl.toString());
            QCOMPARE(client.contains("default_headers"), openRouter);
        }
    }

    // The TypeScript literals evaluate (in node, as JavaScript) to Detour's bodies.
    void typeScriptLiteralsAreRequestBodies_data()
    {
        QTest::addColumn<QString>("sampleName");
        QTest::addRow("two-step") << u"two-step"_s;
        QTest::addRow("one-step, tricky strings") << u"one-step"_s;
        QTest::addRow("keyless, not streamed") << u"keyless"_s;
    }

    void typeScriptLiteralsAreRequestBodies()
    {
        QFETCH(QString, sampleName);
        const QString node = QStandardPaths::findExecutable(u"node"_s);
        if (node.isEmpty())
            QSKIP("node is not installed");
        const Sample s = sample(sampleName);
        const QString code = RouteCodeExporter::code(Language::TypeScriptOpenAI, s.plan, s.request);
        // The literals are plain JavaScript; only the declarations around them are TypeScript.
        const QString messagesStart =
            u"const messages: OpenAI.Chat.ChatCompletionMessageParam[] = "_s;
        const QString stepsStart = u"const steps: [OpenAI, StepParams][] = "_s;
        const QString messages = section(code, messagesStart, u";\n"_s).mid(messagesStart.size());
        const QString steps = section(code, stepsStart, u";\n"_s).mid(stepsStart.size());
        QVERIFY(!messages.isEmpty() && !steps.isEmpty());
        QStringList clients;
        static const QRegularExpression client(u"const (\\w+) = new OpenAI"_s);
        for (const QRegularExpressionMatch &match : client.globalMatch(code))
            clients << match.captured(1) + u" = null"_s;
        const QString program = u"const "_s + clients.join(u", "_s) + u";\nconst messages = "_s
            + messages + u";\nconst steps = "_s + steps
            + u";\nprocess.stdout.write(JSON.stringify(steps.map(([, params]) => "
              u"({ ...params, messages }))));\n"_s;
        QTemporaryDir dir;
        const QString file = dir.filePath(u"literals.js"_s);
        QVERIFY(writeFile(file, program));
        const Run result = run(node, { file });
        QVERIFY(result.finished);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const Json bodies = parseJson(result.out);
        const QList<Json> expected = expectedBodies(s);
        QCOMPARE(qsizetype(bodies.size()), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i)
            COMPARE_JSON(bodies[std::size_t(i)], expected[i]);
    }

    void escapesStringsInEachLanguage_data()
    {
        addLanguageColumn();
        QTest::addColumn<QString>("escaped");
        // Inside JSON inside single quotes: only ' changes, and JSON escapes controls.
        QTest::addRow("curl") << int(Language::Curl)
                              << u"\"content\": \"She said \\\"hi\\\" & it'\\''s a back\\\\slash."
                                 u"\\nSecond line:\\ttab, emoji \U0001F600, caf\u00e9, "
                                 u"line\u2028separator, bell\\u0007, tag\U000E0001.\""_s;
        // Visible text stays readable; invisible characters become escapes, and an
        // astral one is \U........ in Python but a surrogate pair in TypeScript.
        const QString python = u"\"She said \\\"hi\\\" & it's a back\\\\slash.\\nSecond line:"
                               u"\\ttab, emoji \U0001F600, caf\u00e9, line\\u2028separator, "
                               u"bell\\x07, tag\\U000e0001.\""_s;
        QTest::addRow("openai") << int(Language::PythonOpenAI) << python;
        QTest::addRow("langchain") << int(Language::LangChainPython) << python;
        QTest::addRow("typescript") << int(Language::TypeScriptOpenAI)
                                    << u"\"She said \\\"hi\\\" & it's a back\\\\slash.\\nSecond "
                                       u"line:\\ttab, emoji \U0001F600, caf\u00e9, "
                                       u"line\\u2028separator, bell\\x07, tag\\udb40\\udc01.\""_s;
    }

    void escapesStringsInEachLanguage()
    {
        QFETCH(int, language);
        QFETCH(QString, escaped);
        const QString code = exported(languageAt(language), u"one-step"_s);
        QVERIFY2(code.contains(escaped), qPrintable(code));
        // Comments stay on one line whatever the route is called.
        RoutePlan plan = oneStepPlan();
        plan.name = u"two\nlines\u2028here"_s;
        const QString named = RouteCodeExporter::code(languageAt(language), plan, trickyRequest());
        if (languageAt(language) != Language::Curl) // one step: a bare command, no comments
            QVERIFY(named.contains(u"route: two lines here"_s));
    }
};

QTEST_GUILESS_MAIN(TestRouteCodeExporter)
#include "test_route_code_exporter.moc"
