// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The simulator's checks of content parts (images, files) and of what a model
// reads, over real HTTP on 127.0.0.1.
#include "sim/SimContentParts.h"
#include "sim/SimServer.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <memory>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;
using json = nlohmann::json;

namespace {

// JSON written with single quotes, for readable test tables.
json parsed(const char *text)
{
    return json::parse(QByteArray(text).replace('\'', '"').toStdString());
}

// "vision/m" reads text and images; "text/m" reads text only.
const char *scenario = R"({
  "models": [
    {"id": "vision/m", "providers": ["P"], "input_modalities": ["text", "image"]},
    {"id": "text/m", "providers": ["P"], "input_modalities": ["text"]},
    {"id": "any/m", "providers": ["P"]}
  ],
  "providers": {"P": {"latency_ms": 0, "tokens_per_second": 5000}},
  "reply": "A cat."
})";

json withContent(const QString &model, const json &content)
{
    return json { { "model", model.toStdString() }, { "stream", false },
        { "messages", json::array({ { { "role", "user" }, { "content", content } } }) } };
}

const char *imagePart =
    "[{'type':'text','text':'What is this?'},"
    "{'type':'image_url','image_url':{'url':'data:image/png;base64,iVBORw0KGgo='}}]";

} // namespace

class TestSimContentParts final : public QObject {
    Q_OBJECT

    std::unique_ptr<SimServer> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_nam;

    std::pair<int, json> send(const QByteArray &verb, const QString &path, const json &body = {})
    {
        QUrl url = m_sim->baseUrl();
        url.setPath(url.path() + path);
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        QNetworkReply *reply = verb == "GET"
            ? m_nam->get(request)
            : m_nam->post(request, QByteArray::fromStdString(body.dump()));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(5000);
        const QByteArray bytes = reply->readAll();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        return { status, json::parse(bytes.begin(), bytes.end(), nullptr, false) };
    }

private Q_SLOTS:
    void init()
    {
        m_sim = std::make_unique<SimServer>();
        QVERIFY(m_sim->listen());
        const Result<> set = m_sim->setScenario(scenario);
        QVERIFY2(set, qPrintable(set.error()));
        m_nam = std::make_unique<QNetworkAccessManager>();
    }

    void cleanup()
    {
        m_nam.reset();
        m_sim.reset();
    }

    void parts_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("problem"); // empty: well formed
        QTest::addRow("string") << "'Hello'"_ba << QString();
        QTest::addRow("text and image") << QByteArray(imagePart) << QString();
        QTest::addRow("file")
            << "[{'type':'text','text':'Sum up'},{'type':'file','file':{'filename':'a.pdf',"
               "'file_data':'data:application/pdf;base64,JVBERi0xLjQ='}}]"_ba
            << QString();
        QTest::addRow("image by https URL")
            << "[{'type':'image_url','image_url':{'url':'https://example.org/cat.png'}}]"_ba
            << QString();
        QTest::addRow("not a list")
            << "{'type':'text','text':'x'}"_ba << u"must be a string or an array"_s;
        QTest::addRow("part without type") << "[{'text':'x'}]"_ba << u"\"type\""_s;
        QTest::addRow("unknown type")
            << "[{'type':'video','video':{}}]"_ba << u"unknown content part type \"video\""_s;
        QTest::addRow("text part without text") << "[{'type':'text'}]"_ba << u"\"text\""_s;
        QTest::addRow("image_url as a string")
            << "[{'type':'image_url','image_url':'data:image/png;base64,iVBORw0KGgo='}]"_ba
            << u"image_url part needs"_s;
        QTest::addRow("data URL not base64")
            << "[{'type':'image_url','image_url':{'url':'data:image/png,rawbytes'}}]"_ba
            << u"base64 data:image"_s;
        QTest::addRow("broken base64")
            << "[{'type':'image_url','image_url':{'url':'data:image/png;base64,@@@'}}]"_ba
            << u"base64 data:image"_s;
        QTest::addRow("image data URL of a PDF")
            << "[{'type':'image_url','image_url':{'url':'data:application/pdf;base64,JVBE'}}]"_ba
            << u"base64 data:image"_s;
        QTest::addRow("file without file_data")
            << "[{'type':'file','file':{'filename':'a.pdf'}}]"_ba << u"file part needs"_s;
    }

    void parts()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, problem);
        const json request = withContent(u"vision/m"_s, parsed(content.constData()));
        const std::optional<QString> found = SimContentParts::problem(request["messages"]);
        QCOMPARE(found.has_value(), !problem.isEmpty());
        if (found)
            QVERIFY2(found->contains(problem), qPrintable(*found));

        // Over HTTP: a malformed part is a 400 in OpenRouter's error shape.
        const auto [status, body] = send("POST", u"/chat/completions"_s, request);
        if (problem.isEmpty()) {
            QCOMPARE(status, 200);
            QCOMPARE(body["choices"][0]["message"]["content"].get<std::string>(), "A cat.");
        } else {
            QCOMPARE(status, 400);
            QCOMPARE(body["error"]["code"].get<int>(), 400);
            QCOMPARE(QString::fromStdString(body["error"]["message"].get<std::string>()), *found);
        }
    }

    void textOnlyModelRefusesImages_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("status");
        QTest::addRow("text only: OpenRouter's 404") << u"text/m"_s << 404;
        QTest::addRow("reads images") << u"vision/m"_s << 200;
        QTest::addRow("not said: reads everything") << u"any/m"_s << 200;
    }

    void textOnlyModelRefusesImages()
    {
        QFETCH(QString, model);
        QFETCH(int, status);
        const auto [got, body] =
            send("POST", u"/chat/completions"_s, withContent(model, parsed(imagePart)));
        QCOMPARE(got, status);
        if (status == 404) {
            QCOMPARE(body["error"]["code"].get<int>(), 404);
            QCOMPARE(body["error"]["message"].get<std::string>(),
                "No endpoints found that support image input");
        }
        // Text alone is served by every model.
        QCOMPARE(send("POST", u"/chat/completions"_s, withContent(model, "Hi")).first, 200);
    }

    void modelsListTheirInputModalities()
    {
        const auto [status, body] = send("GET", u"/models"_s);
        QCOMPARE(status, 200);
        QCOMPARE(body["data"].size(), std::size_t(3));
        QCOMPARE(body["data"][0]["architecture"]["input_modalities"].dump(), R"(["text","image"])");
        QCOMPARE(
            body["data"][0]["architecture"]["modality"].get<std::string>(), "text+image->text");
        QCOMPARE(body["data"][1]["architecture"]["input_modalities"].dump(), R"(["text"])");
        QCOMPARE(body["data"][2]["architecture"]["input_modalities"].dump(),
            R"(["text","image","file"])");
    }

    void badModalitiesAreRejected()
    {
        SimServer sim;
        const Result<> set = sim.setScenario(
            R"({"models":[{"id":"a/b","providers":["P"],"input_modalities":"image"}],
                "providers":{"P":{}}})");
        QVERIFY(!set);
        QVERIFY2(set.error().contains(u"input_modalities"_s), qPrintable(set.error()));
    }
};

QTEST_GUILESS_MAIN(TestSimContentParts)
#include "test_sim_content_parts.moc"
