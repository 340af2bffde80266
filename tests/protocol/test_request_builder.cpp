// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "protocol/RequestBuilder.h"

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;
using Json = nlohmann::json;

Q_DECLARE_METATYPE(detour::ModelTarget)
Q_DECLARE_METATYPE(detour::ChatRequest)
Q_DECLARE_METATYPE(QList<detour::Attachment>)

class TestRequestBuilder final : public QObject {
    Q_OBJECT

private:
    static ChatRequest hello()
    {
        ChatRequest request;
        request.messages = { { u"system"_s, u"Be brief."_s }, { u"user"_s, u"Hi — 数学"_s } };
        return request;
    }

    static ModelTarget richTarget()
    {
        ModelTarget target;
        target.model = u"moonshotai/kimi-k2:free"_s;
        target.fallbackModels = { u"moonshotai/kimi-k2"_s, u"qwen/qwen3-235b-a22b"_s };
        target.provider.order = { u"Groq"_s, u"Cerebras"_s };
        target.provider.allowFallbacks = false;
        target.provider.only = { u"Groq"_s, u"Cerebras"_s, u"Together"_s };
        target.provider.ignore = { u"Chutes"_s };
        target.provider.sort = u"throughput"_s;
        target.provider.maxPricePrompt = 1.0;
        target.provider.maxPriceCompletion = 2.5;
        target.provider.dataCollection = u"deny"_s;
        target.provider.requireParameters = true;
        target.provider.quantizations = { u"fp8"_s };
        return target;
    }

private Q_SLOTS:
    void body_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<ModelTarget>("target");
        QTest::addColumn<ChatRequest>("request");
        QTest::addColumn<QByteArray>("expected");

        ChatRequest sampled = hello();
        sampled.sampling.temperature = 0.5;
        sampled.sampling.topK = 40;
        sampled.sampling.maxTokens = 256;
        sampled.sampling.repetitionPenalty = 1.1;
        sampled.sessionId = u"conv-7"_s;

        ChatRequest blocking = hello();
        blocking.stream = false;

        const auto openRouter = int(EndpointKind::OpenRouter);
        const auto plain = int(EndpointKind::OpenAiCompatible);
        const QByteArray messages =
            R"("messages":[{"content":"Be brief.","role":"system"},{"content":"Hi — 数学","role":"user"}])";

        QTest::addRow("minimal openrouter")
            << openRouter << ModelTarget { u"openai/gpt-4o"_s, {}, {} } << hello()
            << QByteArray(R"({)" + messages
                   + R"(,"model":"openai/gpt-4o","stream":true,"stream_options":{"include_usage":true}})");
        QTest::addRow("non-streaming")
            << openRouter << ModelTarget { u"openai/gpt-4o"_s, {}, {} } << blocking
            << QByteArray(R"({)" + messages + R"(,"model":"openai/gpt-4o","stream":false})");
        QTest::addRow("all routing fields")
            << openRouter << richTarget() << hello()
            << QByteArray(R"({)" + messages
                   + R"(,"model":"moonshotai/kimi-k2:free","models":["moonshotai/kimi-k2","qwen/qwen3-235b-a22b"],)"
                     R"("provider":{"allow_fallbacks":false,"data_collection":"deny","ignore":["Chutes"],"max_price":{"completion":2.5,"prompt":1.0},)"
                     R"("only":["Groq","Cerebras","Together"],"order":["Groq","Cerebras"],"quantizations":["fp8"],"require_parameters":true,"sort":"throughput"},)"
                     R"("stream":true,"stream_options":{"include_usage":true}})");
        QTest::addRow("plain endpoint drops OpenRouter fields")
            << plain << richTarget() << sampled
            << QByteArray(R"({"max_tokens":256,)" + messages
                   + R"(,"model":"moonshotai/kimi-k2:free","stream":true,"temperature":0.5})");
        QTest::addRow("sampling on openrouter")
            << openRouter << ModelTarget { u"m"_s, {}, {} } << sampled
            << QByteArray(R"({"max_tokens":256,)" + messages
                   + R"(,"model":"m","repetition_penalty":1.1,"session_id":"conv-7","stream":true,)"
                     R"("stream_options":{"include_usage":true},"temperature":0.5,"top_k":40})");
        QTest::addRow("empty fallback names are dropped")
            << openRouter << ModelTarget { u"m"_s, { QString() }, {} } << blocking
            << QByteArray(R"({)" + messages + R"(,"model":"m","stream":false})");
    }

    void body()
    {
        QFETCH(int, kind);
        QFETCH(ModelTarget, target);
        QFETCH(ChatRequest, request);
        QFETCH(QByteArray, expected);
        const Json built = RequestBuilder::body(EndpointKind(kind), target, request);
        QCOMPARE(QByteArray::fromStdString(built.dump()), expected);
    }

    // OpenRouter's newer routing surface, in the shapes its pages document:
    // https://openrouter.ai/docs/guides/routing/provider-selection (sort object, cut-offs,
    // zdr, enforce_distillable_text), https://openrouter.ai/docs/guides/routing/routers/auto-router
    // (the auto-router plugin), model variants and presets as the model slug itself.
    void routingSurface_data()
    {
        QTest::addColumn<ModelTarget>("target");
        QTest::addColumn<QByteArray>("expected"); // model, provider and plugins of the body

        const auto target = [](const QString &model, auto change) {
            ModelTarget t { model, {}, {} };
            change(t);
            return t;
        };
        QTest::addRow("sort by and partition")
            << target(u"a/b"_s,
                   [](ModelTarget &t) {
                       t.provider.sort = u"throughput"_s;
                       t.provider.sortPartition = u"none"_s;
                   })
            << QByteArray(R"({"model":"a/b","plugins":null,)"
                          R"("provider":{"sort":{"by":"throughput","partition":"none"}}})");
        QTest::addRow("sort object without partition") << target(u"a/b"_s, [](ModelTarget &t) {
            t.provider.sort = u"price"_s;
            t.provider.sortAsObject = true;
        }) << QByteArray(R"({"model":"a/b","plugins":null,"provider":{"sort":{"by":"price"}}})");
        QTest::addRow("cut-offs as numbers")
            << target(u"a/b"_s,
                   [](ModelTarget &t) {
                       t.provider.preferredMinThroughput.p50 = 50;
                       t.provider.preferredMaxLatency.p50 = 1.5;
                   })
            << QByteArray(R"({"model":"a/b","plugins":null,"provider":)"
                          R"({"preferred_max_latency":1.5,"preferred_min_throughput":50.0}})");
        QTest::addRow("cut-offs as percentiles")
            << target(u"a/b"_s,
                   [](ModelTarget &t) {
                       t.provider.preferredMaxLatency.p50 = 1;
                       t.provider.preferredMaxLatency.p99 = 4;
                       t.provider.preferredMinThroughput.p90 = 20;
                   })
            << QByteArray(R"({"model":"a/b","plugins":null,"provider":)"
                          R"({"preferred_max_latency":{"p50":1.0,"p99":4.0},)"
                          R"("preferred_min_throughput":{"p90":20.0}}})");
        QTest::addRow("zdr and distillable text")
            << target(u"a/b"_s,
                   [](ModelTarget &t) {
                       t.provider.zdr = true;
                       t.provider.enforceDistillableText = true;
                   })
            << QByteArray(R"({"model":"a/b","plugins":null,)"
                          R"("provider":{"enforce_distillable_text":true,"zdr":true}})");
        QTest::addRow("variant is the slug")
            << target(u"a/b:floor"_s, [](ModelTarget &) {})
            << QByteArray(R"({"model":"a/b:floor","plugins":null,"provider":null})");
        QTest::addRow("auto router with allowed models")
            << target(u"openrouter/auto"_s,
                   [](ModelTarget &t) {
                       t.autoAllowedModels = { u"anthropic/*"_s, u"x/y"_s };
                   })
            << QByteArray("{\"model\":\"openrouter/auto\",\"plugins\":[{\"allowed_models\":"
                          "[\"anthropic/*\",\"x/y\"],\"id\":\"auto-router\"}],\"provider\":null}");
        QTest::addRow("allowed models only for the auto router")
            << target(u"a/b"_s, [](ModelTarget &t) { t.autoAllowedModels = { u"x/*"_s }; })
            << QByteArray(R"({"model":"a/b","plugins":null,"provider":null})");
        QTest::addRow("free router")
            << target(u"openrouter/free"_s, [](ModelTarget &) {})
            << QByteArray(R"({"model":"openrouter/free","plugins":null,"provider":null})");
        QTest::addRow("preset") << target(u"@preset/fast"_s, [](ModelTarget &) {
        }) << QByteArray(R"({"model":"@preset/fast","plugins":null,"provider":null})");
    }

    void routingSurface()
    {
        QFETCH(ModelTarget, target);
        QFETCH(QByteArray, expected);
        const Json built = RequestBuilder::body(EndpointKind::OpenRouter, target, hello());
        const Json picked = { { "model", built.at("model") },
            { "provider", built.value("provider", Json(nullptr)) },
            { "plugins", built.value("plugins", Json(nullptr)) } };
        QCOMPARE(QByteArray::fromStdString(picked.dump()), expected);
        // A plain OpenAI-compatible server never gets them.
        const Json plain = RequestBuilder::body(EndpointKind::OpenAiCompatible, target, hello());
        QVERIFY(!plain.contains("provider") && !plain.contains("plugins"));
    }

    // The shapes OpenRouter documents, written out as its pages show them:
    // https://openrouter.ai/docs/guides/overview/multimodal/image-understanding
    // https://openrouter.ai/docs/guides/overview/multimodal/pdfs
    void attachments_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("pdfEngine");
        QTest::addColumn<QList<Attachment>>("attachments");
        QTest::addColumn<QByteArray>("content"); // the user message's content, as JSON
        QTest::addColumn<QByteArray>("plugins"); // "null" when absent

        const Attachment png { Attachment::Kind::Image, u"cat.png"_s, u"image/png"_s, "PNG!" };
        const Attachment pdf { Attachment::Kind::Pdf, u"paper.pdf"_s, u"application/pdf"_s,
            "%PDF-1.4" };
        const Attachment notes { Attachment::Kind::Text, u"notes.md"_s, u"text/markdown"_s,
            "See ```code``` here.\n" };
        const Attachment plain { Attachment::Kind::Text, u"a.txt"_s, u"text/plain"_s, "x" };
        const auto openRouter = int(EndpointKind::OpenRouter);
        const auto openAi = int(EndpointKind::OpenAiCompatible);

        QTest::addRow("image: text part first, then image_url with a data URL")
            << openRouter << QString() << QList<Attachment> { png }
            << QByteArray(R"([{"type":"text","text":"What is in this?"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,UE5HIQ=="}}])")
            << QByteArray("null");
        QTest::addRow("pdf: file part and the file-parser plugin, pdf-text by default")
            << openRouter << QString() << QList<Attachment> { pdf }
            << QByteArray(R"([{"type":"text","text":"What is in this?"},
                  {"type":"file","file":{"filename":"paper.pdf",
                   "file_data":"data:application/pdf;base64,JVBERi0xLjQ="}}])")
            << QByteArray(R"([{"id":"file-parser","pdf":{"engine":"pdf-text"}}])");
        QTest::addRow("pdf with the step's engine")
            << openRouter << u"mistral-ocr"_s << QList<Attachment> { pdf }
            << QByteArray(R"([{"type":"text","text":"What is in this?"},
                  {"type":"file","file":{"filename":"paper.pdf",
                   "file_data":"data:application/pdf;base64,JVBERi0xLjQ="}}])")
            << QByteArray(R"([{"id":"file-parser","pdf":{"engine":"mistral-ocr"}}])");
        QTest::addRow("openai endpoint: parts, no plugins")
            << openAi << u"native"_s << QList<Attachment> { png, pdf }
            << QByteArray(R"([{"type":"text","text":"What is in this?"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,UE5HIQ=="}},
                  {"type":"file","file":{"filename":"paper.pdf",
                   "file_data":"data:application/pdf;base64,JVBERi0xLjQ="}}])")
            << QByteArray("null");
        QTest::addRow("text files inlined, fence longer than any backtick run")
            << openRouter << QString() << QList<Attachment> { notes, plain }
            << QByteArray(R"("What is in this?\n\nnotes.md\n````\nSee ```code``` here.\n````)"
                          R"(\n\na.txt\n```\nx\n```")")
            << QByteArray("null");
        QTest::addRow("text file beside an image: inlined into the text part")
            << openRouter << QString() << QList<Attachment> { plain, png }
            << QByteArray(R"([{"type":"text","text":"What is in this?\n\na.txt\n```\nx\n```"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,UE5HIQ=="}}])")
            << QByteArray("null");
    }

    void attachments()
    {
        QFETCH(int, kind);
        QFETCH(QString, pdfEngine);
        QFETCH(QList<Attachment>, attachments);
        QFETCH(QByteArray, content);
        QFETCH(QByteArray, plugins);

        ChatRequest request;
        request.messages = { { u"system"_s, u"Be brief."_s },
            { u"user"_s, u"What is in this?"_s, attachments } };
        ModelTarget target { u"google/gemini-2.5-flash"_s, {}, {}, pdfEngine };
        const Json built = RequestBuilder::body(EndpointKind(kind), target, request);
        QVERIFY(built["messages"][0]["content"] == Json("Be brief."));
        QCOMPARE(QByteArray::fromStdString(built["messages"][1]["content"].dump()),
            QByteArray::fromStdString(Json::parse(content.toStdString()).dump()));
        QCOMPARE(QByteArray::fromStdString(built.value("plugins", Json(nullptr)).dump()),
            QByteArray::fromStdString(Json::parse(plugins.toStdString()).dump()));
    }

    // A plain OpenAI-compatible endpoint gets the standard Chat Completions fields only:
    // each OpenRouter extension, set alone, leaves the body as if it were not set.
    void plainEndpointTakesStandardFieldsOnly_data()
    {
        QTest::addColumn<ChatRequest>("request");
        QTest::addColumn<QByteArray>("openRouterField");
        QTest::addColumn<bool>("standard");

        const auto with = [this](auto change) {
            ChatRequest request = hello();
            request.stream = false;
            change(request);
            return request;
        };
        QTest::addRow("temperature") << with([](ChatRequest &r) { r.sampling.temperature = 0.5; })
                                     << QByteArray("temperature") << true;
        QTest::addRow("top_p") << with([](ChatRequest &r) { r.sampling.topP = 0.9; })
                               << QByteArray("top_p") << true;
        QTest::addRow("max_tokens") << with([](ChatRequest &r) { r.sampling.maxTokens = 9; })
                                    << QByteArray("max_tokens") << true;
        QTest::addRow("seed") << with([](ChatRequest &r) { r.sampling.seed = 3; })
                              << QByteArray("seed") << true;
        QTest::addRow("frequency_penalty")
            << with([](ChatRequest &r) { r.sampling.frequencyPenalty = 0.1; })
            << QByteArray("frequency_penalty") << true;
        QTest::addRow("presence_penalty")
            << with([](ChatRequest &r) { r.sampling.presencePenalty = 0.1; })
            << QByteArray("presence_penalty") << true;
        QTest::addRow("top_k") << with([](ChatRequest &r) { r.sampling.topK = 40; })
                               << QByteArray("top_k") << false;
        QTest::addRow("repetition_penalty")
            << with([](ChatRequest &r) { r.sampling.repetitionPenalty = 1.1; })
            << QByteArray("repetition_penalty") << false;
        QTest::addRow("reasoning effort")
            << with([](ChatRequest &r) { r.reasoning.effort = u"high"_s; })
            << QByteArray("reasoning") << false;
        QTest::addRow("reasoning budget")
            << with([](ChatRequest &r) { r.reasoning.maxTokens = 100; }) << QByteArray("reasoning")
            << false;
        QTest::addRow("reasoning exclude")
            << with([](ChatRequest &r) { r.reasoning.exclude = true; }) << QByteArray("reasoning")
            << false;
        QTest::addRow("session_id") << with([](ChatRequest &r) { r.sessionId = u"c1"_s; })
                                    << QByteArray("session_id") << false;
        QTest::addRow("stream_options") << hello() << QByteArray("stream_options") << false;
    }

    void plainEndpointTakesStandardFieldsOnly()
    {
        QFETCH(ChatRequest, request);
        QFETCH(QByteArray, openRouterField);
        QFETCH(bool, standard);
        const std::string field = openRouterField.toStdString();
        const Json openRouter =
            RequestBuilder::body(EndpointKind::OpenRouter, ModelTarget { u"m"_s, {}, {} }, request);
        QVERIFY(openRouter.contains(field));
        const Json plain = RequestBuilder::body(
            EndpointKind::OpenAiCompatible, ModelTarget { u"m"_s, {}, {} }, request);
        QCOMPARE(plain.contains(field), standard);
        // min_p, top_a and the like are not even representable: nothing else appears.
        for (const auto &[key, value] : plain.items()) {
            Q_UNUSED(value)
            QVERIFY2(
                QByteArrayList({ "model", "messages", "stream", "temperature", "top_p",
                                   "max_tokens", "seed", "frequency_penalty", "presence_penalty" })
                    .contains(QByteArray::fromStdString(key)),
                key.c_str());
        }
    }

    void headers_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QByteArrayList>("present");
        QTest::addColumn<QByteArrayList>("absent");

        QTest::addRow("openrouter with key")
            << int(EndpointKind::OpenRouter) << u"sk-or-v1-abc"_s
            << QByteArrayList { "Authorization", "HTTP-Referer", "X-OpenRouter-Title", "X-Title",
                   "X-OpenRouter-Metadata" }
            << QByteArrayList {};
        QTest::addRow("openrouter without key")
            << int(EndpointKind::OpenRouter) << QString()
            << QByteArrayList { "X-OpenRouter-Metadata" } << QByteArrayList { "Authorization" };
        QTest::addRow("plain endpoint") << int(EndpointKind::OpenAiCompatible) << u"gsk_123"_s
                                        << QByteArrayList { "Authorization" }
                                        << QByteArrayList { "HTTP-Referer", "X-OpenRouter-Title",
                                               "X-Title", "X-OpenRouter-Metadata" };
    }

    void headers()
    {
        QFETCH(int, kind);
        QFETCH(QString, key);
        QFETCH(QByteArrayList, present);
        QFETCH(QByteArrayList, absent);
        const QNetworkRequest request = RequestBuilder::networkRequest(
            EndpointKind(kind), QUrl(u"https://openrouter.ai/api/v1"_s), key);
        for (const QByteArray &name : present)
            QVERIFY2(request.hasRawHeader(name), name.constData());
        for (const QByteArray &name : absent)
            QVERIFY2(!request.hasRawHeader(name), name.constData());
        if (!key.isEmpty())
            QCOMPARE(request.rawHeader("Authorization"), "Bearer " + key.toUtf8());
        if (EndpointKind(kind) == EndpointKind::OpenRouter)
            QCOMPARE(request.rawHeader("X-OpenRouter-Metadata"), QByteArray("enabled"));
        QCOMPARE(request.attribute(QNetworkRequest::RedirectPolicyAttribute).toInt(),
            int(QNetworkRequest::ManualRedirectPolicy));
        // HTTP/1.1 on purpose; the reasons are beside the line in RequestBuilder.cpp.
        QCOMPARE(request.attribute(QNetworkRequest::Http2AllowedAttribute), QVariant(false));
    }

    // An endpoint's "ca_file": its authorities are trusted besides the system's,
    // never instead of them; without one the request keeps Qt's default.
    void trustsExtraAuthoritiesBesideTheSystems()
    {
        const QList<QSslCertificate> extra = QSslCertificate::fromPath(
            QStringLiteral(DETOUR_FIXTURES_DIR "/tls/loopback.crt"), QSsl::Pem);
        QCOMPARE(extra.size(), 1);
        QNetworkRequest plain = RequestBuilder::networkRequest(
            EndpointKind::OpenAiCompatible, QUrl(u"https://h"_s), {});
        const QSslConfiguration before = plain.sslConfiguration();
        RequestBuilder::trustAuthorities(plain, {});
        QCOMPARE(plain.sslConfiguration(), before);

        QNetworkRequest office = plain;
        RequestBuilder::trustAuthorities(office, extra);
        const QList<QSslCertificate> trusted = office.sslConfiguration().caCertificates();
        QVERIFY(trusted.contains(extra.first()));
        for (const QSslCertificate &system : QSslConfiguration::systemCaCertificates())
            QVERIFY(trusted.contains(system));
        QCOMPARE(office.sslConfiguration().peerVerifyMode(), before.peerVerifyMode());
    }

    void endpointUrl_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("expected");
        QTest::addRow("plain") << u"https://openrouter.ai/api/v1"_s
                               << u"https://openrouter.ai/api/v1/chat/completions"_s;
        QTest::addRow("trailing slash")
            << u"http://127.0.0.1:11434/v1/"_s << u"http://127.0.0.1:11434/v1/chat/completions"_s;
        QTest::addRow("root") << u"http://localhost:8080"_s
                              << u"http://localhost:8080/chat/completions"_s;
    }

    void endpointUrl()
    {
        QFETCH(QString, base);
        QFETCH(QString, expected);
        QCOMPARE(
            RequestBuilder::endpointUrl(QUrl(base), u"/chat/completions"_s).toString(), expected);
    }

    void providerIsOmittedWhenEmpty()
    {
        QVERIFY(ProviderPreferences {}.isEmpty());
        ProviderPreferences preferences;
        preferences.allowFallbacks = true;
        QVERIFY(!preferences.isEmpty());
        QCOMPARE(QByteArray::fromStdString(RequestBuilder::providerObject(preferences).dump()),
            QByteArray(R"({"allow_fallbacks":true})"));
    }
};

QTEST_GUILESS_MAIN(TestRequestBuilder)
#include "test_request_builder.moc"
