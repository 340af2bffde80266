// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The simulated OpenRouter's understanding of OpenRouter's routing surface, over real
// HTTP on 127.0.0.1: provider.sort (string and {by, partition}), preferred_min_throughput /
// preferred_max_latency, zdr, enforce_distillable_text, the :nitro and :floor variants, the
// Auto Router (with the auto-router plugin's allowed_models), the Free Models Router and
// presets. Each row says which model and provider serve.
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

// Four providers of test/m in this default order, each best at one thing:
// Slow (slowest, 10 tok/s), Fast (quickest and 500 tok/s), Cheap (cheapest),
// Private (the only Zero Data Retention one).
const char *const scenario = R"({
  "models": [
    {"id": "test/m", "providers": ["Slow", "Fast", "Cheap", "Private"],
     "pricing": {"prompt": "0.000001", "completion": "0.000002"}},
    {"id": "test/other", "providers": ["Fast"], "distillable": false,
     "pricing": {"prompt": "0.000001", "completion": "0.000002"}},
    {"id": "test/free:free", "providers": ["Cheap"]},
    {"id": "anthropic/x", "providers": ["Private"],
     "pricing": {"prompt": "0.000003", "completion": "0.000015"}}
  ],
  "providers": {
    "Slow":    {"latency_ms": 40, "tokens_per_second": 10,  "price": 1.0},
    "Fast":    {"latency_ms": 5,  "tokens_per_second": 500, "price": 3.0},
    "Cheap":   {"latency_ms": 20, "tokens_per_second": 50,  "price": 0.1},
    "Private": {"latency_ms": 30, "tokens_per_second": 100, "price": 2.0, "zdr": true}
  },
  "presets": {"fast": "test/m"}
})";

} // namespace

class TestSimRouting final : public QObject {
    Q_OBJECT

    std::unique_ptr<SimServer> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_nam;

    std::pair<int, json> post(const json &body)
    {
        QUrl url = m_sim->baseUrl();
        url.setPath(url.path() + u"/chat/completions"_s);
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        QNetworkReply *reply = m_nam->post(request, QByteArray::fromStdString(body.dump()));
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
        const Result<> set = m_sim->setScenario(QByteArray(scenario));
        QVERIFY2(set, qPrintable(set.error()));
        m_nam = std::make_unique<QNetworkAccessManager>();
    }

    void cleanup()
    {
        m_nam.reset();
        m_sim.reset();
    }

    void serves_data()
    {
        QTest::addColumn<QByteArray>("fields"); // merged into {"messages": [...], "stream": false}
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("provider");

        QTest::addRow("default order")
            << QByteArray(R"({"model":"test/m"})") << u"test/m"_s << u"Slow"_s;
        QTest::addRow("sort by throughput: the fastest")
            << QByteArray(R"({"model":"test/m","provider":{"sort":"throughput"}})") << u"test/m"_s
            << u"Fast"_s;
        QTest::addRow("sort object by price: the cheapest")
            << QByteArray(R"({"model":"test/m","provider":{"sort":{"by":"price"}}})") << u"test/m"_s
            << u"Cheap"_s;
        QTest::addRow("sort by latency: the quickest")
            << QByteArray(R"({"model":"test/m","provider":{"sort":"latency"}})") << u"test/m"_s
            << u"Fast"_s;
        QTest::addRow(":nitro sorts by throughput")
            << QByteArray(R"({"model":"test/m:nitro"})") << u"test/m"_s << u"Fast"_s;
        QTest::addRow(":floor sorts by price")
            << QByteArray(R"({"model":"test/m:floor"})") << u"test/m"_s << u"Cheap"_s;
        QTest::addRow(":floor under an explicit sort keeps the explicit one")
            << QByteArray(R"({"model":"test/m:floor","provider":{"sort":"latency"}})")
            << u"test/m"_s << u"Fast"_s;
        QTest::addRow("preferred_max_latency passes over the slow one")
            << QByteArray(R"({"model":"test/m","provider":{"preferred_max_latency":0.025}})")
            << u"test/m"_s << u"Fast"_s;
        QTest::addRow("preferred_max_latency as percentiles") << QByteArray(
            R"({"model":"test/m","provider":{"preferred_max_latency":{"p50":1,"p90":0.025}}})")
                                                              << u"test/m"_s << u"Fast"_s;
        QTest::addRow("preferred_min_throughput passes over the slow one")
            << QByteArray(
                   R"({"model":"test/m","provider":{"preferred_min_throughput":{"p50":75}}})")
            << u"test/m"_s << u"Fast"_s;
        QTest::addRow("zdr: only the zero-retention provider")
            << QByteArray(R"({"model":"test/m","provider":{"zdr":true}})") << u"test/m"_s
            << u"Private"_s;
        QTest::addRow("enforce_distillable_text passes over a model that forbids it") << QByteArray(
            R"({"model":"test/other","models":["test/m"],)"
            R"("provider":{"enforce_distillable_text":true}})") << u"test/m"_s << u"Slow"_s;
        QTest::addRow("sort within each model: the first model's provider")
            << QByteArray(R"({"model":"test/other","models":["test/m"],)"
                          R"("provider":{"sort":{"by":"price","partition":"model"}}})")
            << u"test/other"_s << u"Fast"_s;
        QTest::addRow("sort across models: the cheapest of any model")
            << QByteArray(R"({"model":"test/other","models":["test/m"],)"
                          R"("provider":{"sort":{"by":"price","partition":"none"}}})")
            << u"test/m"_s << u"Cheap"_s;
        QTest::addRow("auto router within its allowed models")
            << QByteArray("{\"model\":\"openrouter/auto\",\"plugins\":[{\"id\":\"auto-router\","
                          "\"allowed_models\":[\"anthropic/*\"]}]}")
            << u"anthropic/x"_s << u"Private"_s;
        QTest::addRow("auto router without a list picks a model")
            << QByteArray(R"({"model":"openrouter/auto"})") << u"test/m"_s << u"Slow"_s;
        QTest::addRow("free router picks a free model")
            << QByteArray(R"({"model":"openrouter/free"})") << u"test/free:free"_s << u"Cheap"_s;
        QTest::addRow("preset stands for its model")
            << QByteArray(R"({"model":"@preset/fast","provider":{"sort":"throughput"}})")
            << u"test/m"_s << u"Fast"_s;
    }

    void serves()
    {
        QFETCH(QByteArray, fields);
        QFETCH(QString, model);
        QFETCH(QString, provider);
        json body = { { "messages", json::array({ { { "role", "user" }, { "content", "hi" } } }) },
            { "stream", false } };
        body.update(json::parse(fields.begin(), fields.end()));
        const auto [status, answer] = post(body);
        QCOMPARE(status, 200);
        QCOMPARE(QString::fromStdString(answer.value("model", "")), model);
        QCOMPARE(QString::fromStdString(answer.value("provider", "")), provider);
    }

    void refuses_data()
    {
        QTest::addColumn<QByteArray>("fields");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message"); // a part of error.message

        QTest::addRow("unknown preset, in OpenRouter's error shape")
            << QByteArray(R"({"model":"@preset/nope"})") << 404 << u"nope"_s;
        QTest::addRow("zdr leaves no provider")
            << QByteArray(R"({"model":"test/other","provider":{"zdr":true}})") << 404 << QString();
        QTest::addRow("unknown partition") << QByteArray(
            R"({"model":"test/m","provider":{"sort":{"by":"price","partition":"x"}}})")
                                           << 400 << u"partition"_s;
        QTest::addRow("cut-off of the wrong shape")
            << QByteArray(R"({"model":"test/m","provider":{"preferred_max_latency":"fast"}})")
            << 400 << u"preferred_max_latency"_s;
    }

    void refuses()
    {
        QFETCH(QByteArray, fields);
        QFETCH(int, status);
        QFETCH(QString, message);
        json body = { { "messages", json::array({ { { "role", "user" }, { "content", "hi" } } }) },
            { "stream", false } };
        body.update(json::parse(fields.begin(), fields.end()));
        const auto [answered, answer] = post(body);
        QCOMPARE(answered, status);
        QVERIFY(answer.contains("error"));
        QCOMPARE(answer["error"].value("code", 0), status);
        const QString text = QString::fromStdString(answer["error"].value("message", ""));
        QVERIFY2(text.contains(message), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestSimRouting)
#include "test_sim_routing.moc"
