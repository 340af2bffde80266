// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The simulated OpenRouter's seeded randomness and its account-level counters, over real
// HTTP on 127.0.0.1: a provider's "mix" (behaviour picked per request by weight, each
// choice with its own overrides), ranges [lo, hi] for latency_ms / retry_after /
// retry_after_ms, the "seed", the key's free daily allowance (free-models-per-day) and the
// completions served by model in /sim/stats.
#include "sim/SimServer.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;
using json = nlohmann::json;

namespace {

struct Reply {
    int status = 0;
    json body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
};

json chat(const QString &model, bool stream = false)
{
    return json { { "model", model.toStdString() }, { "stream", stream },
        { "messages", json::array({ { { "role", "user" }, { "content", "Hi" } } }) } };
}

// Models "test/m" (provider A), "test/other" (provider B), "test/m:free" (provider A) and
// "test/paid" (provider P, serves), with A's and B's provider objects as given.
QByteArray scenario(const json &a, const json &b = json::object(), json extra = json::object())
{
    json scenario = {
        { "models",
            json::array({ { { "id", "test/m" }, { "providers", { "A" } } },
                { { "id", "test/other" }, { "providers", { "B" } } },
                { { "id", "test/m:free" }, { "providers", { "A" } } },
                { { "id", "test/paid" }, { "providers", { "P" } },
                    { "pricing",
                        { { "prompt", "0.000001" }, { "completion", "0.000002" } } } } }) },
        { "providers", { { "A", a }, { "B", b }, { "P", json::object() } } },
        { "reply", "one two three" }
    };
    scenario.update(extra);
    return QByteArray::fromStdString(scenario.dump());
}

QByteArray jsonText(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

json parsed(const QByteArray &text)
{
    return json::parse(text.begin(), text.end());
}

} // namespace

class TestSimRandom final : public QObject {
    Q_OBJECT

    std::unique_ptr<SimServer> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_nam;

    void useScenario(const QByteArray &text)
    {
        const Result<> set = m_sim->setScenario(text);
        QVERIFY2(set, qPrintable(set.error()));
    }

    Reply send(const QByteArray &verb, const QUrl &url, const QByteArray &body = {})
    {
        QNetworkRequest request(url);
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        QNetworkReply *reply = m_nam->sendCustomRequest(request, verb, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(5000);
        Reply result;
        const QByteArray bytes = reply->readAll();
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = json::parse(bytes.begin(), bytes.end(), nullptr, false);
        for (const auto &[name, value] : reply->rawHeaderPairs())
            result.headers.insert(name.toLower(), value);
        reply->deleteLater();
        return result;
    }

    Reply post(const json &body)
    {
        QUrl url = m_sim->baseUrl();
        url.setPath(url.path() + u"/chat/completions"_s);
        return send("POST", url, QByteArray::fromStdString(body.dump()));
    }

    // The time to the first token the simulator planned for a served, non-streamed reply.
    qint64 generationLatency(const Reply &served)
    {
        QUrl url = m_sim->baseUrl();
        url.setPath(url.path() + u"/generation"_s);
        url.setQuery(u"id="_s + QString::fromStdString(served.body.value("id", "")));
        const Reply generation = send("GET", url);
        if (generation.status != 200)
            return -1;
        return generation.body["data"].value("latency", qint64(-1));
    }

    json stats()
    {
        QUrl url = m_sim->baseUrl();
        url.setPath(u"/sim/stats"_s);
        return send("GET", url).body;
    }

    // The status of `count` requests for `model`, in order.
    QList<int> statuses(const QString &model, int count)
    {
        QList<int> result;
        for (int i = 0; i < count; ++i)
            result.append(post(chat(model)).status);
        return result;
    }

private Q_SLOTS:
    void init()
    {
        m_sim = std::make_unique<SimServer>();
        QVERIFY(m_sim->listen());
        m_nam = std::make_unique<QNetworkAccessManager>();
    }

    void cleanup()
    {
        m_nam.reset();
        m_sim.reset();
    }

    void badScenariosAreRejected_data()
    {
        QTest::addColumn<QByteArray>("provider");
        QTest::addColumn<QString>("mentions");
        QTest::addRow("mix not an array") << jsonText("{'mix':{'kind':'serve'}}") << u"mix"_s;
        QTest::addRow("empty mix") << jsonText("{'mix':[]}") << u"non-empty"_s;
        QTest::addRow("mix and script")
            << jsonText("{'mix':[{'kind':'serve'}],'script':[{'kind':'serve'}]}") << u"exclude"_s;
        QTest::addRow("all weights 0")
            << jsonText("{'mix':[{'weight':0,'kind':'serve'}]}") << u"weights"_s;
        QTest::addRow("negative weight")
            << jsonText("{'mix':[{'weight':-1,'kind':'serve'}]}") << u"negative"_s;
        QTest::addRow("unknown kind in a mix")
            << jsonText("{'mix':[{'kind':'serve'},{'kind':'explode'}]}") << u"mix[1]"_s;
        QTest::addRow("range upside down")
            << jsonText("{'script':[{'kind':'upstream_429','retry_after':[30,15]}]}")
            << u"retry_after"_s;
        QTest::addRow("range of three")
            << jsonText("{'script':[{'kind':'serve','latency_ms':[1,2,3]}]}") << u"latency_ms"_s;
        QTest::addRow("negative range") << jsonText("{'latency_ms':[-5,5]}") << u"latency_ms"_s;
    }

    void badScenariosAreRejected()
    {
        QFETCH(QByteArray, provider);
        QFETCH(QString, mentions);
        const Result<> set = m_sim->setScenario(scenario(parsed(provider)));
        QVERIFY(!set);
        QVERIFY2(set.error().contains(mentions), qPrintable(set.error()));
    }

    // Over many requests each choice of a mix comes up about as often as its weight says;
    // the fixed seed makes the counts the same on every run.
    void mixSharesFollowTheWeights_data()
    {
        QTest::addColumn<QByteArray>("provider");
        QTest::addColumn<int>("requests");
        QTest::addColumn<double>("servedShare"); // the weights' share of "serve"
        QTest::addRow("95 refuse, 5 serve")
            << jsonText("{'mix':[{'weight':95,'kind':'upstream_429','retry_after':[15,30]},"
                        "{'weight':5,'kind':'serve'}]}")
            << 1000 << 0.05;
        QTest::addRow("30 refuse, 70 serve") << jsonText(
            "{'mix':[{'weight':30,'kind':'upstream_429'},{'weight':70,'kind':'serve'}]}")
                                             << 600 << 0.70;
        QTest::addRow("weights default to 1")
            << jsonText("{'mix':[{'kind':'server_error'},{'kind':'serve'}]}") << 600 << 0.5;
        QTest::addRow("a weight of 0 never comes up")
            << jsonText("{'mix':[{'weight':0,'kind':'server_error'},{'kind':'serve'}]}") << 100
            << 1.0;
        QTest::addRow("in a script, after a fixed first entry") << jsonText(
            "{'script':[{'kind':'serve'},{'mix':[{'weight':1,'kind':'upstream_429'},"
            "{'weight':3,'kind':'serve'}]}]}") << 601 << (1 + 600 * 0.75) / 601;
    }

    void mixSharesFollowTheWeights()
    {
        QFETCH(QByteArray, provider);
        QFETCH(int, requests);
        QFETCH(double, servedShare);
        useScenario(scenario(parsed(provider)));
        const QList<int> first = statuses(u"test/m"_s, requests);
        const double served = double(first.count(200)) / requests;
        // 4 standard deviations of a binomial share: a fair draw stays inside.
        const double tolerance = 4 * std::sqrt(servedShare * (1 - servedShare) / requests);
        QVERIFY2(std::abs(served - servedShare) <= tolerance,
            qPrintable(
                u"served %1, expected %2 ± %3"_s.arg(served).arg(servedShare).arg(tolerance)));
        QCOMPARE(first.count(200) + first.count(429) + first.count(500), requests);

        // The same scenario (same default seed) on a new simulator: the same run.
        m_sim = std::make_unique<SimServer>();
        QVERIFY(m_sim->listen());
        useScenario(scenario(parsed(provider)));
        QCOMPARE(statuses(u"test/m"_s, requests), first);
    }

    void seedChangesTheRunAndStreamsArePerProvider()
    {
        const json mix = parsed(
            jsonText("{'mix':[{'weight':1,'kind':'upstream_429'},{'weight':1,'kind':'serve'}]}"));
        useScenario(scenario(mix, mix, { { "seed", 7 } }));
        const QList<int> alone = statuses(u"test/m"_s, 60);

        // Same seed, B asked in between: A's n-th request behaves the same.
        m_sim = std::make_unique<SimServer>();
        QVERIFY(m_sim->listen());
        useScenario(scenario(mix, mix, { { "seed", 7 } }));
        QList<int> interleaved;
        QList<int> other;
        for (int i = 0; i < 60; ++i) {
            interleaved.append(post(chat(u"test/m"_s)).status);
            other.append(post(chat(u"test/other"_s)).status);
        }
        QCOMPARE(interleaved, alone);
        QVERIFY(other != alone); // B has a stream of its own

        // Another seed: another run.
        m_sim = std::make_unique<SimServer>();
        QVERIFY(m_sim->listen());
        useScenario(scenario(mix, mix, { { "seed", 8 } }));
        QVERIFY(statuses(u"test/m"_s, 60) != alone);
    }

    // Each choice keeps its own overrides: here its latency, which /generation reports.
    void mixChoicesKeepTheirOverrides()
    {
        useScenario(scenario(
            parsed(jsonText("{'latency_ms':5,'mix':[{'weight':9,'kind':'serve','reply':'fast'},"
                            "{'weight':1,'kind':'serve','latency_ms':250,'reply':'slow'}]}"))));
        QHash<QString, QSet<qint64>> latencies;
        for (int i = 0; i < 60; ++i) {
            const Reply reply = post(chat(u"test/m"_s));
            QCOMPARE(reply.status, 200);
            const QString text =
                QString::fromStdString(reply.body["choices"][0]["message"].value("content", ""));
            latencies[text].insert(generationLatency(reply));
        }
        QCOMPARE(latencies.value(u"fast"_s), QSet<qint64> { 5 });
        QCOMPARE(latencies.value(u"slow"_s), QSet<qint64> { 250 });
    }

    void rangesAreDrawnPerRequest_data()
    {
        QTest::addColumn<QByteArray>("provider");
        QTest::addColumn<QByteArray>("measure"); // a header's name, or "latency"
        QTest::addColumn<qint64>("lo");
        QTest::addColumn<qint64>("hi");
        QTest::addColumn<int>("distinct"); // at least this many different values
        QTest::addRow("retry_after in whole seconds, both ends")
            << jsonText("{'script':[{'kind':'upstream_429','retry_after':[15,30]}]}")
            << "retry-after"_ba << 15LL << 30LL << 16;
        QTest::addRow("retry_after between whole seconds (the header rounds up)")
            << jsonText("{'script':[{'kind':'upstream_429','retry_after':[0.5,1.5]}]}")
            << "retry-after"_ba << 1LL << 2LL << 2;
        QTest::addRow("retry_after_ms")
            << jsonText("{'script':[{'kind':'upstream_429','retry_after_ms':[100,110]}]}")
            << "retry-after-ms"_ba << 100LL << 110LL << 11;
        QTest::addRow("an entry's latency_ms")
            << jsonText("{'script':[{'kind':'serve','latency_ms':[10,40]}]}") << "latency"_ba
            << 10LL << 40LL << 15;
        QTest::addRow("a provider's latency_ms")
            << jsonText("{'latency_ms':[0,20]}") << "latency"_ba << 0LL << 20LL << 12;
        QTest::addRow("a number is still a number")
            << jsonText("{'script':[{'kind':'upstream_429','retry_after':[4,4]}]}")
            << "retry-after"_ba << 4LL << 4LL << 1;
    }

    void rangesAreDrawnPerRequest()
    {
        QFETCH(QByteArray, provider);
        QFETCH(QByteArray, measure);
        QFETCH(qint64, lo);
        QFETCH(qint64, hi);
        QFETCH(int, distinct);
        useScenario(scenario(parsed(provider)));
        QSet<qint64> seen;
        for (int i = 0; i < 150; ++i) {
            const Reply reply = post(chat(u"test/m"_s));
            const qint64 value = measure == "latency" ? generationLatency(reply)
                                                      : reply.headers.value(measure).toLongLong();
            QVERIFY2(value >= lo && value <= hi, qPrintable(QString::number(value)));
            seen.insert(value);
        }
        QVERIFY2(seen.size() >= distinct, qPrintable(QString::number(seen.size())));
        QVERIFY(seen.contains(lo));
        QVERIFY(seen.contains(hi));
    }

    // After N requests for free models a day, every further one gets the account-level
    // 429 at once, without reaching a provider; other models go on being served.
    void freeDailyAllowance_data()
    {
        QTest::addColumn<QStringList>("models"); // requested in this order
        QTest::addColumn<QList<int>>("statuses");
        QTest::addColumn<qint64>("providerA"); // requests that reached provider A
        QTest::addRow("free model, allowance 3")
            << QStringList(4, u"test/m:free"_s) << QList<int> { 200, 200, 200, 429 } << 3LL;
        QTest::addRow("paid models are neither counted nor refused")
            << QStringList { u"test/m:free"_s, u"test/paid"_s, u"test/m:free"_s, u"test/m"_s,
                   u"test/m:free"_s, u"test/paid"_s, u"test/m:free"_s, u"test/m"_s }
            << QList<int> { 200, 200, 200, 200, 200, 200, 429, 200 } << 5LL;
        QTest::addRow("the Free Models Router counts") << QStringList {
            u"openrouter/free"_s, u"openrouter/free"_s, u"openrouter/free"_s, u"openrouter/free"_s
        } << QList<int> { 200, 200, 200, 429 } << 3LL; // it picks test/m (served by A)
    }

    void freeDailyAllowance()
    {
        QFETCH(QStringList, models);
        QFETCH(QList<int>, statuses);
        QFETCH(qint64, providerA);
        useScenario(scenario(json::object(), json::object(), { { "free_requests_per_day", 3 } }));
        Reply refused;
        QList<int> actual;
        for (const QString &model : std::as_const(models)) {
            const Reply reply = post(chat(model));
            actual.append(reply.status);
            if (reply.status == 429)
                refused = reply;
        }
        QCOMPARE(actual, statuses);
        QCOMPARE(m_sim->stats().providers.value(u"A"_s), providerA);

        const QString message = QString::fromStdString(refused.body["error"].value("message", ""));
        QVERIFY2(
            message.startsWith(u"Rate limit exceeded: free-models-per-day"_s), qPrintable(message));
        QCOMPARE(refused.headers.value("x-ratelimit-limit"), "3"_ba);
        QCOMPARE(refused.headers.value("x-ratelimit-remaining"), "0"_ba);
        const QDateTime midnight(
            QDateTime::currentDateTimeUtc().date().addDays(1), QTime(0, 0), Qt::UTC);
        QCOMPARE(
            refused.headers.value("x-ratelimit-reset").toLongLong(), midnight.toMSecsSinceEpoch());
        QCOMPARE(QString::fromStdString(
                     refused.body["error"]["metadata"]["headers"].value("X-RateLimit-Limit", "")),
            u"3"_s);
    }

    void noAllowanceNoLimit()
    {
        useScenario(scenario(json::object()));
        QCOMPARE(statuses(u"test/m:free"_s, 60).count(200), 60);
    }

    // /sim/stats counts completions served to the end by the model that served them.
    void servedCount_data()
    {
        QTest::addColumn<QByteArray>("provider"); // A: test/m's and test/m:free's provider
        QTest::addColumn<bool>("stream");
        QTest::addColumn<QByteArray>("served"); // /sim/stats "served" after the three requests
        QTest::addRow("served by the first model")
            << jsonText("{'script':[{'kind':'serve'}]}") << true
            << jsonText("{'test/m':1,'test/paid':1,'test/m:free':1}");
        QTest::addRow("not streamed") << jsonText("{'script':[{'kind':'serve'}]}") << false
                                      << jsonText("{'test/m':1,'test/paid':1,'test/m:free':1}");
        QTest::addRow("refused, the fallback model serves") << jsonText(
            "{'script':[{'kind':'upstream_429'}]}") << true << jsonText("{'test/paid':3}");
        QTest::addRow("an error mid-stream is not served")
            << jsonText("{'script':[{'kind':'midstream_error'}]}") << true
            << jsonText("{'test/paid':1}");
        QTest::addRow("a reset is not served")
            << jsonText("{'script':[{'kind':'reset_after_tokens','tokens':2}]}") << true
            << jsonText("{'test/paid':1}");
    }

    void servedCount()
    {
        QFETCH(QByteArray, provider);
        QFETCH(bool, stream);
        QFETCH(QByteArray, served);
        useScenario(scenario(parsed(provider)));
        json withFallback = chat(u"test/m"_s, stream);
        withFallback["models"] = { "test/m", "test/paid" };
        post(withFallback);
        post(chat(u"test/paid"_s, stream));
        json freeFirst = chat(u"test/m:free"_s, stream);
        freeFirst["models"] = { "test/m:free", "test/paid" };
        post(freeFirst);
        QTRY_COMPARE(QString::fromStdString(stats()["served"].dump()),
            QString::fromStdString(parsed(served).dump()));
        QCOMPARE(m_sim->stats().served.value(u"test/paid"_s),
            parsed(served).value("test/paid", qint64(0)));
    }
};

QTEST_GUILESS_MAIN(TestSimRandom)
#include "test_sim_random.moc"
