// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// A message with an image through a route whose first model reads text only,
// against the simulated OpenRouter, with the catalog the simulator serves.
#include "endpoints/Catalog.h"
#include "endpoints/CatalogModalities.h"
#include "route/RouteEngine.h"
#include "route/TraceJson.h"
#include "sim/SimServer.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;
using Json = nlohmann::json;

namespace {

const char *scenario = R"({
  "models": [
    {"id": "text/m", "providers": ["P"], "input_modalities": ["text"]},
    {"id": "vision/m", "providers": ["P"], "input_modalities": ["text", "image"]},
    {"id": "unlisted/m", "providers": ["P"]}
  ],
  "providers": {"P": {"latency_ms": 0, "tokens_per_second": 5000}},
  "reply": "A cat on a mat."
})";

const Attachment cat { Attachment::Kind::Image, u"cat.png"_s, u"image/png"_s,
    QByteArray("\x89PNG\r\n\x1a\n-not-decoded-by-the-simulator-", 38) };

ChatRequest withImage()
{
    ChatRequest request;
    request.messages.append({ u"user"_s, u"What is in the picture?"_s, { cat } });
    return request;
}

QList<SimRequest> chatRequests(const SimServer &sim)
{
    QList<SimRequest> found;
    for (const SimRequest &request : sim.requests()) {
        if (request.path().endsWith("/chat/completions"))
            found.append(request);
    }
    return found;
}

} // namespace

class TestAttachmentRouting final : public QObject {
    Q_OBJECT

    SimServer m_sim;
    QTemporaryDir m_cache;
    std::unique_ptr<RouteEngine> m_engine;
    std::unique_ptr<Catalog> m_catalog;

    RoutePlan planOf(const QStringList &models) const
    {
        RoutePlan plan;
        plan.name = u"attachments"_s;
        plan.endpoints.append({ u"sim"_s, EndpointKind::OpenRouter, m_sim.baseUrl(), QString() });
        for (const QString &model : models)
            plan.steps.append({ u"sim"_s, { model, {}, {} }, true });
        return plan;
    }

    TurnResult run(const RoutePlan &plan, const ChatRequest &request)
    {
        TurnRunner *runner = m_engine->startTurn(plan, request);
        QSignalSpy settled(runner, &TurnRunner::settled);
        if (!settled.wait(20'000))
            qFatal("turn did not settle");
        return runner->result();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_sim.listen());
        const Result<> set = m_sim.setScenario(scenario);
        QVERIFY2(set, qPrintable(set.error()));
        m_engine = std::make_unique<RouteEngine>();
        m_catalog = std::make_unique<Catalog>(
            m_engine->network(), m_sim.baseUrl(), QString(), m_cache.path());
        QSignalSpy models(m_catalog.get(), &Catalog::modelsChanged);
        m_catalog->refreshModels();
        QVERIFY(models.wait(10'000));
        QCOMPARE(m_catalog->model(u"text/m"_s)->inputModalities, QStringList { u"text"_s });
        m_engine->setModalityLookup(CatalogModalities::lookup(m_catalog.get()));
    }

    void init() { m_sim.clearRequests(); }

    void textOnlyStepIsSkippedAndTheNextServes()
    {
        const TurnResult result = run(planOf({ u"text/m"_s, u"vision/m"_s }), withImage());
        QCOMPARE(result.status, TurnResult::Status::Served);
        QCOMPARE(result.content, u"A cat on a mat."_s);
        QCOMPARE(result.attempts.size(), 2);

        const Attempt &skipped = result.attempts[0];
        QCOMPARE(skipped.outcome, Outcome::Skipped);
        QCOMPARE(skipped.stepIndex, 0);
        QCOMPARE(skipped.skipReason, u"attachment_unsupported"_s);
        QCOMPARE(
            skipped.summary, u"Skipped: text/m does not take images, and this message has one."_s);
        const Json trace = TraceJson::attempt(skipped);
        QCOMPARE(trace["outcome"].get<std::string>(), "skipped");
        QCOMPARE(trace["skip_reason"].get<std::string>(), "attachment_unsupported");

        QCOMPARE(result.attempts[1].outcome, Outcome::Served);
        QCOMPARE(result.attempts[1].requestedModel, u"vision/m"_s);

        // The simulator saw exactly one request, with a well-formed image part.
        const QList<SimRequest> sent = chatRequests(m_sim);
        QCOMPARE(sent.size(), 1);
        const Json body = Json::parse(sent[0].body.toStdString());
        QCOMPARE(body["model"].get<std::string>(), "vision/m");
        const Json &content = body["messages"][0]["content"];
        QCOMPARE(content.size(), std::size_t(2));
        QCOMPARE(content[0]["type"].get<std::string>(), "text");
        QCOMPARE(content[0]["text"].get<std::string>(), "What is in the picture?");
        QCOMPARE(content[1]["type"].get<std::string>(), "image_url");
        QCOMPARE(QByteArray::fromStdString(content[1]["image_url"]["url"].get<std::string>()),
            "data:image/png;base64," + cat.data.toBase64());
    }

    void routeWithNoStepForTheImageFailsBeforeSending()
    {
        const TurnResult result = run(planOf({ u"text/m"_s, u"text/m"_s }), withImage());
        QCOMPARE(result.status, TurnResult::Status::Failed);
        QCOMPARE(result.attempts.size(), 2);
        for (const Attempt &attempt : result.attempts)
            QCOMPARE(attempt.skipReason, u"attachment_unsupported"_s);
        QCOMPARE(result.summary,
            u"No step of this route takes images: nothing was sent. Remove the image or add a "
            "step with a model that reads images."_s);
        QVERIFY(chatRequests(m_sim).isEmpty());
    }

    void modelTheCatalogDoesNotDescribeIsTried()
    {
        const TurnResult result = run(planOf({ u"unlisted/m"_s }), withImage());
        QCOMPARE(result.status, TurnResult::Status::Served);
        QCOMPARE(chatRequests(m_sim).size(), 1);
    }

    void textAloneGoesToTheTextOnlyModel()
    {
        ChatRequest request;
        request.messages.append({ u"user"_s, u"Hello"_s });
        const TurnResult result = run(planOf({ u"text/m"_s, u"vision/m"_s }), request);
        QCOMPARE(result.status, TurnResult::Status::Served);
        QCOMPARE(result.attempts.size(), 1);
        QCOMPARE(result.attempts[0].requestedModel, u"text/m"_s);
    }

    void withoutTheCatalogTheSimulatorRefusesLikeOpenRouter()
    {
        RouteEngine blind; // no modality lookup: every step is tried
        TurnRunner *runner = blind.startTurn(planOf({ u"text/m"_s, u"vision/m"_s }), withImage());
        QSignalSpy settled(runner, &TurnRunner::settled);
        QVERIFY(settled.wait(20'000));
        const TurnResult result = runner->result();
        QCOMPARE(result.status, TurnResult::Status::Served);
        QCOMPARE(result.attempts[0].httpStatus, 404);
        QVERIFY2(
            result.attempts[0].message.contains(u"No endpoints found that support image input"_s),
            qPrintable(result.attempts[0].message));
        QCOMPARE(chatRequests(m_sim).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestAttachmentRouting)
#include "test_attachment_routing.moc"
