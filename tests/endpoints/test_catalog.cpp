// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The catalog against the simulated OpenRouter on 127.0.0.1: fetching and
// parsing models, provider endpoints, key information and credits; the disk
// cache (offline use, staleness, unreadable files); model ids refused before
// any request; and the key going only to its own base URL.
#include "Fixtures.h"
#include "endpoints/Catalog.h"
#include "endpoints/CatalogCache.h"
#include "endpoints/CatalogJson.h"
#include "protocol/RequestBuilder.h"
#include "sim/SimServer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QNetworkAccessManager>
#include <QSaveFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;
using Json = nlohmann::json;

namespace {

constexpr int replyTimeoutMs = 10'000;

const QStringList demoModelIds { u"moonshotai/kimi-k2:free"_s, u"moonshotai/kimi-k2"_s,
    u"qwen/qwen3-235b-a22b-thinking-2507"_s, u"meta-llama/llama-3.3-70b-instruct"_s };

QStringList idsOf(const QList<ModelInfo> &models)
{
    QStringList ids;
    for (const ModelInfo &model : models)
        ids.append(model.id);
    return ids;
}

QStringList providersOf(const QList<ProviderEndpointInfo> &endpoints)
{
    QStringList names;
    for (const ProviderEndpointInfo &endpoint : endpoints)
        names.append(endpoint.providerName);
    return names;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(bytes) == bytes.size();
}

// A loopback HTTP server that answers every request with the same raw bytes
// (a redirect, an HTML page, malformed JSON).
class StubServer final {
public:
    explicit StubServer(QByteArray response)
        : m_response(std::move(response))
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_buffers[socket] += socket->readAll();
                    if (!m_buffers[socket].contains("\r\n\r\n"))
                        return;
                    m_buffers.remove(socket);
                    ++m_requests;
                    socket->write(m_response);
                    socket->disconnectFromHost();
                });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, [this, socket] {
                    m_buffers.remove(socket);
                    socket->deleteLater();
                });
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    QUrl baseUrl() const
    {
        return QUrl(u"http://127.0.0.1:%1/api/v1"_s.arg(m_server.serverPort()));
    }
    int requests() const { return m_requests; }

private:
    QByteArray m_response;
    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    int m_requests = 0;
};

QByteArray rawResponse(int status, const QByteArray &reason, const QByteArray &contentType,
    const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\nContent-Type: "
        + contentType + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n"
        + extraHeaders + "Connection: close\r\n\r\n" + body;
}

QByteArray scenarioRequiringKey(const QString &key)
{
    Json scenario = Json::parse(SimServer::builtinScenario(u"demo"_s).toStdString());
    scenario["require_key"] = key.toStdString();
    return QByteArray::fromStdString(scenario.dump());
}

} // namespace

class TestCatalog final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<Catalog> catalogOn(const QUrl &base, const QString &key = {})
    {
        return std::make_unique<Catalog>(&m_network, base, key, m_dir->path());
    }

    SimServer m_sim;
    QNetworkAccessManager m_network;
    std::unique_ptr<QTemporaryDir> m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_sim.listen()); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QVERIFY(m_sim.setScenario(SimServer::builtinScenario(u"demo"_s)));
        m_sim.clearRequests();
    }

    void modelsAreFetchedAndParsed()
    {
        auto catalog = catalogOn(m_sim.baseUrl());
        QSignalSpy changed(catalog.get(), &Catalog::modelsChanged);
        QSignalSpy refreshing(catalog.get(), &Catalog::refreshingChanged);
        QSignalSpy errors(catalog.get(), &Catalog::errorOccurred);
        catalog->refreshModels();
        QVERIFY(catalog->isRefreshing(Catalog::Resource::Models));
        QVERIFY(changed.wait(replyTimeoutMs));
        QVERIFY(!catalog->isRefreshing(Catalog::Resource::Models));
        QCOMPARE(errors.count(), 0);
        QCOMPARE(refreshing.count(), 2);
        QCOMPARE(refreshing.at(0).at(2).toBool(), true);
        QCOMPARE(refreshing.at(1).at(2).toBool(), false);

        QCOMPARE(idsOf(catalog->models()), demoModelIds);
        const auto free = catalog->model(u"moonshotai/kimi-k2:free"_s);
        QVERIFY(free);
        QVERIFY(free->isFree());
        QCOMPARE(free->name, u"MoonshotAI: Kimi K2 (free)"_s);
        QCOMPARE(free->contextLength, qint64(65536));
        const auto paid = catalog->model(u"moonshotai/kimi-k2"_s);
        QVERIFY(paid);
        QVERIFY(!paid->isFree());
        QCOMPARE(paid->contextLength, qint64(131072));
        QVERIFY(qFuzzyCompare(*paid->promptPricePerMillion(), 0.6));
        QVERIFY(qFuzzyCompare(*paid->completionPricePerMillion(), 2.5));
        QVERIFY(paid->supportedParameters.contains(u"tools"_s));
        QVERIFY(paid->created.isValid());
        QVERIFY(catalog->modelsFetchedAt().isValid());
        QVERIFY(!catalog->isStale(Catalog::Resource::Models));

        QCOMPARE(m_sim.requests().size(), 1);
        QCOMPARE(m_sim.requests().first().method, QByteArrayLiteral("GET"));
        QCOMPARE(m_sim.requests().first().path(), QByteArrayLiteral("/api/v1/models"));
        QVERIFY(m_sim.requests().first().header("Authorization").isEmpty());
        QVERIFY(QFile::exists(catalog->cache().filePath(m_sim.baseUrl(), u"models"_s)));
    }

    void concurrentRefreshesShareOneRequest()
    {
        auto catalog = catalogOn(m_sim.baseUrl());
        QSignalSpy changed(catalog.get(), &Catalog::modelsChanged);
        catalog->refreshModels();
        catalog->refreshModels();
        QVERIFY(changed.wait(replyTimeoutMs));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m_sim.requests().size(), 1);
    }

    void endpointsAreFetched_data()
    {
        QTest::addColumn<QString>("modelId");
        QTest::addColumn<QStringList>("providers");
        QTest::addColumn<QByteArray>("path");
        QTest::addRow("paid") << u"moonshotai/kimi-k2"_s << QStringList { u"Cerebras"_s, u"Groq"_s }
                              << QByteArrayLiteral("/api/v1/models/moonshotai/kimi-k2/endpoints");
        QTest::addRow("free") << u"moonshotai/kimi-k2:free"_s << QStringList { u"Chutes"_s }
                              << QByteArrayLiteral(
                                     "/api/v1/models/moonshotai/kimi-k2:free/endpoints");
    }

    void endpointsAreFetched()
    {
        QFETCH(QString, modelId);
        QFETCH(QStringList, providers);
        QFETCH(QByteArray, path);
        auto catalog = catalogOn(m_sim.baseUrl());
        QSignalSpy changed(catalog.get(), &Catalog::endpointsChanged);
        catalog->refreshEndpoints(modelId);
        QVERIFY(changed.wait(replyTimeoutMs));
        QCOMPARE(changed.first().first().toString(), modelId);
        QVERIFY(catalog->hasEndpoints(modelId));
        QCOMPARE(providersOf(catalog->endpoints(modelId)), providers);
        QVERIFY(catalog->endpointsFetchedAt(modelId).isValid());
        QCOMPARE(m_sim.requests().size(), 1);
        QCOMPARE(m_sim.requests().first().path(), path);
        QVERIFY(QFile::exists(
            catalog->cache().filePath(m_sim.baseUrl(), CatalogCache::endpointsResource(modelId))));
    }

    void endpointStatisticsAreRead()
    {
        auto catalog = catalogOn(m_sim.baseUrl());
        QSignalSpy changed(catalog.get(), &Catalog::endpointsChanged);
        catalog->refreshEndpoints(u"moonshotai/kimi-k2"_s);
        QVERIFY(changed.wait(replyTimeoutMs));
        const ProviderEndpointInfo groq = catalog->endpoints(u"moonshotai/kimi-k2"_s).at(1);
        QCOMPARE(groq.providerName, u"Groq"_s);
        QCOMPARE(*groq.uptimeLast30m, 99.6);
        QCOMPARE(*groq.latencyLast30m, 250.0);
        QCOMPARE(*groq.throughputLast30m, 120.0);
        QCOMPARE(groq.contextLength, qint64(131072));
        QCOMPARE(groq.quantization, u"fp8"_s);
        QVERIFY(qFuzzyCompare(*groq.promptPricePerMillion(), 0.6));
    }

    void unknownModelGivesAnError()
    {
        auto catalog = catalogOn(m_sim.baseUrl());
        QSignalSpy errors(catalog.get(), &Catalog::errorOccurred);
        catalog->refreshEndpoints(u"moonshotai/no-such-model"_s);
        QVERIFY(errors.wait(replyTimeoutMs));
        QCOMPARE(errors.first().at(0).value<Catalog::Resource>(), Catalog::Resource::Endpoints);
        const QString sentence = errors.first().at(1).toString();
        QVERIFY2(sentence.contains(u"moonshotai/no-such-model"_s), qPrintable(sentence));
        QVERIFY2(sentence.contains(u"404"_s), qPrintable(sentence));
        QVERIFY(!catalog->hasEndpoints(u"moonshotai/no-such-model"_s));
    }

    void keyInformation()
    {
        auto catalog = catalogOn(m_sim.baseUrl());
        QSignalSpy changed(catalog.get(), &Catalog::keyChanged);
        catalog->refreshKey();
        QVERIFY(changed.wait(replyTimeoutMs));
        const auto key = catalog->keyInfo();
        QVERIFY(key);
        QVERIFY(key->isFreeTier);
        QVERIFY(!key->label.isEmpty());
        QVERIFY(!key->limit);
        QCOMPARE(key->rateLimitRequests, std::optional<qint64>(20));
        QCOMPARE(key->rateLimitInterval, u"10s"_s);
        QVERIFY(catalog->keyFetchedAt().isValid());
        QCOMPARE(m_sim.requests().first().path(), QByteArrayLiteral("/api/v1/key"));
    }

    void credits()
    {
        auto catalog = catalogOn(m_sim.baseUrl());
        QSignalSpy changed(catalog.get(), &Catalog::creditsChanged);
        catalog->refreshCredits();
        QVERIFY(changed.wait(replyTimeoutMs));
        const auto credits = catalog->credits();
        QVERIFY(credits);
        QCOMPARE(credits->totalCredits, 0.0);
        QCOMPARE(credits->totalUsage, 0.0);
        QVERIFY(catalog->creditsFetchedAt().isValid());
        QCOMPARE(m_sim.requests().first().path(), QByteArrayLiteral("/api/v1/credits"));
    }

    void cachedCatalogWorksOffline()
    {
        auto sim = std::make_unique<SimServer>();
        QVERIFY(sim->listen());
        const QUrl base = sim->baseUrl();
        QDateTime fetchedAt;
        {
            auto online = catalogOn(base);
            QSignalSpy models(online.get(), &Catalog::modelsChanged);
            QSignalSpy endpoints(online.get(), &Catalog::endpointsChanged);
            QSignalSpy key(online.get(), &Catalog::keyChanged);
            QSignalSpy credits(online.get(), &Catalog::creditsChanged);
            online->refreshModels();
            online->refreshEndpoints(u"moonshotai/kimi-k2"_s);
            online->refreshKey();
            online->refreshCredits();
            QTRY_COMPARE_WITH_TIMEOUT(models.count(), 1, replyTimeoutMs);
            QTRY_COMPARE_WITH_TIMEOUT(endpoints.count(), 1, replyTimeoutMs);
            QTRY_COMPARE_WITH_TIMEOUT(key.count(), 1, replyTimeoutMs);
            QTRY_COMPARE_WITH_TIMEOUT(credits.count(), 1, replyTimeoutMs);
            fetchedAt = online->modelsFetchedAt();
        }
        sim.reset(); // the server is gone: nothing listens on its port any more

        auto offline = catalogOn(base);
        QSignalSpy models(offline.get(), &Catalog::modelsChanged);
        QSignalSpy errors(offline.get(), &Catalog::errorOccurred);
        QVERIFY(offline->models().isEmpty());
        offline->load();
        QCOMPARE(models.count(), 1);
        QCOMPARE(errors.count(), 0);
        QCOMPARE(idsOf(offline->models()), demoModelIds);
        QCOMPARE(offline->modelsFetchedAt(), fetchedAt);
        QCOMPARE(providersOf(offline->endpoints(u"moonshotai/kimi-k2"_s)),
            (QStringList { u"Cerebras"_s, u"Groq"_s }));
        QVERIFY(offline->keyInfo() && offline->keyInfo()->isFreeTier);
        QVERIFY(offline->credits());

        // Refreshing now fails with a sentence and keeps what the cache gave.
        offline->refreshModels();
        QVERIFY(errors.wait(replyTimeoutMs));
        QCOMPARE(errors.first().at(0).value<Catalog::Resource>(), Catalog::Resource::Models);
        const QString sentence = errors.first().at(1).toString();
        QVERIFY2(sentence.contains(u"127.0.0.1"_s), qPrintable(sentence));
        QCOMPARE(idsOf(offline->models()), demoModelIds);
        QCOMPARE(offline->modelsFetchedAt(), fetchedAt);
    }

    void simulatedAndRealCatalogsDoNotMix()
    {
        auto catalog = catalogOn(m_sim.baseUrl());
        QSignalSpy changed(catalog.get(), &Catalog::modelsChanged);
        catalog->refreshModels();
        QVERIFY(changed.wait(replyTimeoutMs));

        auto elsewhere = catalogOn(QUrl(u"https://openrouter.ai/api/v1"_s));
        QSignalSpy elsewhereChanged(elsewhere.get(), &Catalog::modelsChanged);
        elsewhere->load();
        QCOMPARE(elsewhereChanged.count(), 0);
        QVERIFY(elsewhere->models().isEmpty());
        QVERIFY(elsewhere->isStale(Catalog::Resource::Models));
    }

    void staleDetection_data()
    {
        QTest::addColumn<qint64>("ageSecs"); // negative: in the future
        QTest::addColumn<bool>("stale");
        QTest::addRow("years old") << qint64(5) * 365 * 24 * 3600 << true;
        QTest::addRow("two hours old") << qint64(2 * 3600) << true;
        QTest::addRow("ten minutes old") << qint64(10 * 60) << false;
        QTest::addRow("a day in the future") << qint64(-24 * 3600) << true;
    }

    void staleDetection()
    {
        QFETCH(qint64, ageSecs);
        QFETCH(bool, stale);
        {
            auto online = catalogOn(m_sim.baseUrl());
            QSignalSpy changed(online.get(), &Catalog::modelsChanged);
            online->refreshModels();
            QVERIFY(changed.wait(replyTimeoutMs));
        }
        // Fake the time the cached list was fetched.
        const QString path = CatalogCache(m_dir->path()).filePath(m_sim.baseUrl(), u"models"_s);
        Json file = Json::parse(readFile(path).toStdString());
        const QDateTime faked = QDateTime::currentDateTimeUtc().addSecs(-ageSecs);
        file["fetched_at"] = faked.toString(Qt::ISODate).toStdString();
        QVERIFY(writeFile(path, QByteArray::fromStdString(file.dump())));

        m_sim.clearRequests();
        auto catalog = catalogOn(m_sim.baseUrl());
        catalog->load();
        QCOMPARE(catalog->models().size(), demoModelIds.size());
        QCOMPARE(catalog->modelsFetchedAt().toSecsSinceEpoch(), faked.toSecsSinceEpoch());
        QCOMPARE(catalog->isStale(Catalog::Resource::Models), stale);

        QSignalSpy changed(catalog.get(), &Catalog::modelsChanged);
        catalog->ensureFresh();
        QCOMPARE(catalog->isRefreshing(Catalog::Resource::Models), stale);
        if (stale) {
            QVERIFY(changed.wait(replyTimeoutMs));
            QVERIFY(!catalog->isStale(Catalog::Resource::Models));
            QCOMPARE(m_sim.requests().size(), 1);
            QCOMPARE(m_sim.requests().first().path(), QByteArrayLiteral("/api/v1/models"));
        } else {
            QCOMPARE(m_sim.requests().size(), 0);
        }
        // Without a key, ensureFresh() leaves the key information and credits alone.
        QVERIFY(!catalog->isRefreshing(Catalog::Resource::Key));
        QVERIFY(!catalog->isRefreshing(Catalog::Resource::Credits));
    }

    void ensureFreshWithKeyRefreshesKeyAndCredits()
    {
        auto catalog = catalogOn(m_sim.baseUrl(), u"sk-or-v1-fresh"_s);
        QSignalSpy models(catalog.get(), &Catalog::modelsChanged);
        QSignalSpy key(catalog.get(), &Catalog::keyChanged);
        QSignalSpy credits(catalog.get(), &Catalog::creditsChanged);
        catalog->load();
        catalog->ensureFresh();
        QTRY_COMPARE_WITH_TIMEOUT(models.count(), 1, replyTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(key.count(), 1, replyTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(credits.count(), 1, replyTimeoutMs);
        QCOMPARE(m_sim.requests().size(), 3);
        catalog->ensureFresh(); // everything is fresh now
        QVERIFY(!catalog->isRefreshing(Catalog::Resource::Models));
        QVERIFY(!catalog->isRefreshing(Catalog::Resource::Key));
        QVERIFY(!catalog->isRefreshing(Catalog::Resource::Credits));
    }

    void garbageCacheIsIgnored_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<bool>("truncate"); // cut a valid cache file in half instead
        QTest::addRow("garbage") << QByteArrayLiteral("\x01\xff not json at all") << false;
        QTest::addRow("truncated") << QByteArray() << true;
        QTest::addRow("empty") << QByteArray() << false;
        QTest::addRow("array") << QByteArrayLiteral("[1, 2, 3]") << false;
        QTest::addRow("no fetched_at")
            << fixtures::quoted("{'base_url':'BASE','body':{'data':[]}}") << false;
        QTest::addRow("body of the wrong shape") << fixtures::quoted(
            "{'fetched_at':'2025-01-01T00:00:00Z','base_url':'BASE','body':"
            "{'data':5}}") << false;
    }

    void garbageCacheIsIgnored()
    {
        QFETCH(QByteArray, contents);
        QFETCH(bool, truncate);
        const CatalogCache cache(m_dir->path());
        const QString path = cache.filePath(m_sim.baseUrl(), u"models"_s);
        if (truncate) {
            auto online = catalogOn(m_sim.baseUrl());
            QSignalSpy changed(online.get(), &Catalog::modelsChanged);
            online->refreshModels();
            QVERIFY(changed.wait(replyTimeoutMs));
            const QByteArray whole = readFile(path);
            QVERIFY(whole.size() > 100);
            contents = whole.left(whole.size() / 2);
        }
        contents.replace("BASE", CatalogCache::normalizedBaseUrl(m_sim.baseUrl()).toUtf8());
        QVERIFY(writeFile(path, contents));

        auto catalog = catalogOn(m_sim.baseUrl());
        QSignalSpy errors(catalog.get(), &Catalog::errorOccurred);
        QSignalSpy changed(catalog.get(), &Catalog::modelsChanged);
        catalog->load();
        QCOMPARE(errors.count(), 1);
        QCOMPARE(errors.first().at(0).value<Catalog::Resource>(), Catalog::Resource::Models);
        const QString sentence = errors.first().at(1).toString();
        QVERIFY2(sentence.contains(path), qPrintable(sentence));
        QVERIFY2(sentence.endsWith(u'.'), qPrintable(sentence));
        QCOMPARE(changed.count(), 0);
        QVERIFY(catalog->models().isEmpty());
        QVERIFY(!QFile::exists(path)); // moved aside
        QVERIFY(QFile::exists(path + u".corrupt"_s));

        // The next load is quiet, and a refresh writes a good file again.
        catalog->load();
        QCOMPARE(errors.count(), 1);
        catalog->refreshModels();
        QVERIFY(changed.wait(replyTimeoutMs));
        const auto read = CatalogCache(m_dir->path()).read(m_sim.baseUrl(), u"models"_s);
        QVERIFY(read && read->has_value());
    }

    void invalidModelIdsAreRefused_data()
    {
        QTest::addColumn<QString>("modelId");
        QTest::addRow("parent folder") << u"../etc"_s;
        QTest::addRow("space") << u"a b/c"_s;
        QTest::addRow("no slash") << u"noslash"_s;
        QTest::addRow("query") << u"x/y?z=1"_s;
        QTest::addRow("two slashes") << u"moonshotai/kimi-k2/../../key"_s;
        QTest::addRow("fragment") << u"a/b#c"_s;
        QTest::addRow("percent") << u"a/b%2Fc"_s;
        QTest::addRow("empty") << QString();
    }

    void invalidModelIdsAreRefused()
    {
        QFETCH(QString, modelId);
        auto catalog = catalogOn(m_sim.baseUrl());
        QSignalSpy errors(catalog.get(), &Catalog::errorOccurred);
        QSignalSpy refreshing(catalog.get(), &Catalog::refreshingChanged);
        catalog->refreshEndpoints(modelId);
        QCOMPARE(errors.count(), 1);
        QCOMPARE(errors.first().at(0).value<Catalog::Resource>(), Catalog::Resource::Endpoints);
        const QString sentence = errors.first().at(1).toString();
        QVERIFY2(sentence.contains(u'"' + modelId + u'"'), qPrintable(sentence));
        QCOMPARE(refreshing.count(), 0);
        QVERIFY(!catalog->isRefreshing(Catalog::Resource::Endpoints, modelId));

        // A request made afterwards is the only one the server sees.
        QSignalSpy changed(catalog.get(), &Catalog::modelsChanged);
        catalog->refreshModels();
        QVERIFY(changed.wait(replyTimeoutMs));
        QCOMPARE(m_sim.requests().size(), 1);
        QCOMPARE(m_sim.requests().first().path(), QByteArrayLiteral("/api/v1/models"));
    }

    void keyIsSentOnlyToItsOwnBaseUrl()
    {
        SimServer other;
        QVERIFY(other.listen());
        const QString key = u"sk-or-v1-own-endpoint-only"_s;
        auto withKey = catalogOn(m_sim.baseUrl(), key);
        auto withoutKey = catalogOn(other.baseUrl());
        for (Catalog *catalog : { withKey.get(), withoutKey.get() }) {
            QSignalSpy models(catalog, &Catalog::modelsChanged);
            QSignalSpy endpoints(catalog, &Catalog::endpointsChanged);
            QSignalSpy keyInfo(catalog, &Catalog::keyChanged);
            QSignalSpy credits(catalog, &Catalog::creditsChanged);
            catalog->refreshModels();
            catalog->refreshEndpoints(u"moonshotai/kimi-k2"_s);
            catalog->refreshKey();
            catalog->refreshCredits();
            QTRY_COMPARE_WITH_TIMEOUT(models.count(), 1, replyTimeoutMs);
            QTRY_COMPARE_WITH_TIMEOUT(endpoints.count(), 1, replyTimeoutMs);
            QTRY_COMPARE_WITH_TIMEOUT(keyInfo.count(), 1, replyTimeoutMs);
            QTRY_COMPARE_WITH_TIMEOUT(credits.count(), 1, replyTimeoutMs);
        }
        QCOMPARE(m_sim.requests().size(), 4);
        for (const SimRequest &request : m_sim.requests())
            QCOMPARE(request.header("Authorization"), "Bearer " + key.toUtf8());
        QCOMPARE(other.requests().size(), 4);
        for (const SimRequest &request : other.requests())
            QVERIFY2(request.header("Authorization").isEmpty(), request.target.constData());
    }

    void redirectsAreNotFollowed()
    {
        SimServer target;
        QVERIFY(target.listen());
        const QByteArray location =
            RequestBuilder::endpointUrl(target.baseUrl(), u"key"_s).toEncoded();
        StubServer redirector(
            rawResponse(302, "Found", "text/plain", {}, "Location: " + location + "\r\n"));
        QVERIFY(redirector.listen());

        auto catalog = catalogOn(redirector.baseUrl(), u"sk-or-v1-secret"_s);
        QSignalSpy errors(catalog.get(), &Catalog::errorOccurred);
        catalog->refreshKey();
        QVERIFY(errors.wait(replyTimeoutMs));
        const QString sentence = errors.first().at(1).toString();
        QVERIFY2(sentence.contains(u"redirect"_s), qPrintable(sentence));
        QCOMPARE(redirector.requests(), 1);
        QCOMPARE(target.requests().size(), 0);
        QVERIFY(!catalog->keyInfo());
    }

    void malformedAnswersAreErrors_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::addColumn<QString>("expected"); // part of the sentence
        QTest::addRow("not json") << rawResponse(200, "OK", "application/json", "{\"data\": [")
                                  << u"not valid JSON"_s;
        QTest::addRow("html page")
            << rawResponse(200, "OK", "text/html", "<html><body>Welcome</body></html>")
            << u"not valid JSON"_s;
        QTest::addRow("data is not an array") << rawResponse(200, "OK", "application/json",
            "{\"data\": {\"id\": 1}}") << u"not an array"_s;
        QTest::addRow("error in a 200")
            << rawResponse(200, "OK", "application/json", "{\"error\": {\"message\": \"boom\"}}")
            << u"boom"_s;
        QTest::addRow("proxy 502") << rawResponse(502, "Bad Gateway", "text/html",
            "<html><head><title>502 Bad Gateway</title></head></html>")
                                   << u"HTTP 502: 502 Bad Gateway"_s;
        QTest::addRow("rate limited") << rawResponse(429, "Too Many Requests", "application/json",
            "{\"error\": {\"message\": \"Rate limit exceeded\", \"code\": 429}}")
                                      << u"Rate limit exceeded"_s;
    }

    void malformedAnswersAreErrors()
    {
        QFETCH(QByteArray, response);
        QFETCH(QString, expected);
        StubServer stub(response);
        QVERIFY(stub.listen());
        auto catalog = catalogOn(stub.baseUrl());
        QSignalSpy errors(catalog.get(), &Catalog::errorOccurred);
        QSignalSpy changed(catalog.get(), &Catalog::modelsChanged);
        catalog->refreshModels();
        QVERIFY(errors.wait(replyTimeoutMs));
        QCOMPARE(errors.count(), 1);
        QCOMPARE(changed.count(), 0);
        const QString sentence = errors.first().at(1).toString();
        QVERIFY2(sentence.contains(expected), qPrintable(sentence));
        QVERIFY(catalog->models().isEmpty());
        QVERIFY(!QFile::exists(catalog->cache().filePath(stub.baseUrl(), u"models"_s)));
    }

    void oversizedAnswerIsRefused()
    {
        const QByteArray huge(CatalogJson::maxBodyBytes + 1024 * 1024, ' ');
        StubServer stub(rawResponse(200, "OK", "application/json", huge));
        QVERIFY(stub.listen());
        auto catalog = catalogOn(stub.baseUrl());
        QSignalSpy errors(catalog.get(), &Catalog::errorOccurred);
        catalog->refreshModels();
        QVERIFY(errors.wait(replyTimeoutMs));
        QCOMPARE(errors.count(), 1);
        const QString sentence = errors.first().at(1).toString();
        QVERIFY2(sentence.contains(u"larger than 32 MiB"_s), qPrintable(sentence));
        QVERIFY(!catalog->isRefreshing(Catalog::Resource::Models));
        QVERIFY(catalog->models().isEmpty());
    }

    void requireKey_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("credits"); // the credits instead of the key information
        QTest::addColumn<QString>("expected"); // part of the sentence; empty = success
        QTest::addRow("key info, no key") << QString() << false << u"needs an API key"_s;
        QTest::addRow("key info, wrong key")
            << u"sk-or-v1-wrong"_s << false << u"This key cannot read the key information"_s;
        QTest::addRow("key info, right key") << u"sk-or-v1-right"_s << false << QString();
        QTest::addRow("credits, no key") << QString() << true << u"needs an API key"_s;
        QTest::addRow("credits, wrong key")
            << u"sk-or-v1-wrong"_s << true << u"This key cannot read the credits"_s;
        QTest::addRow("credits, right key") << u"sk-or-v1-right"_s << true << QString();
    }

    void requireKey()
    {
        QFETCH(QString, key);
        QFETCH(bool, credits);
        QFETCH(QString, expected);
        const Result<> scenarioSet = m_sim.setScenario(scenarioRequiringKey(u"sk-or-v1-right"_s));
        QVERIFY2(scenarioSet, qPrintable(scenarioSet.error()));
        auto catalog = catalogOn(m_sim.baseUrl(), key);
        QSignalSpy errors(catalog.get(), &Catalog::errorOccurred);
        QSignalSpy keyChanged(catalog.get(), &Catalog::keyChanged);
        QSignalSpy creditsChanged(catalog.get(), &Catalog::creditsChanged);
        if (credits)
            catalog->refreshCredits();
        else
            catalog->refreshKey();
        QSignalSpy &success = credits ? creditsChanged : keyChanged;
        if (expected.isEmpty()) {
            QVERIFY(success.wait(replyTimeoutMs));
            QCOMPARE(errors.count(), 0);
            QVERIFY(credits ? bool(catalog->credits()) : bool(catalog->keyInfo()));
            return;
        }
        QVERIFY(errors.wait(replyTimeoutMs));
        QCOMPARE(errors.first().at(0).value<Catalog::Resource>(),
            credits ? Catalog::Resource::Credits : Catalog::Resource::Key);
        const QString sentence = errors.first().at(1).toString();
        QVERIFY2(sentence.contains(expected), qPrintable(sentence));
        QVERIFY2(sentence.contains(u"401"_s), qPrintable(sentence));
        QVERIFY2(!sentence.contains(u"sk-or-v1"_s), qPrintable(sentence)); // never the key
        QCOMPARE(success.count(), 0);
        QVERIFY(!catalog->keyInfo());
        QVERIFY(!catalog->credits());
    }

    void keyInformationIsCachedPerKey()
    {
        auto catalog = catalogOn(m_sim.baseUrl(), u"sk-or-v1-first"_s);
        catalog->load();
        QSignalSpy changed(catalog.get(), &Catalog::keyChanged);
        catalog->refreshKey();
        QVERIFY(changed.wait(replyTimeoutMs));
        QVERIFY(catalog->keyInfo());
        const QByteArray file =
            readFile(catalog->cache().filePath(m_sim.baseUrl(), CatalogCache::keyResource()));
        QVERIFY(!file.isEmpty());
        QVERIFY(!file.contains("sk-or-v1-first")); // a fingerprint, never the key

        catalog->setKey(u"sk-or-v1-second"_s);
        QVERIFY(!catalog->keyInfo());
        QVERIFY(catalog->isStale(Catalog::Resource::Key));
        catalog->setKey(u"sk-or-v1-first"_s);
        QVERIFY(catalog->keyInfo());
        QVERIFY(catalog->keyInfo()->isFreeTier);

        auto other = catalogOn(m_sim.baseUrl(), u"sk-or-v1-second"_s);
        other->load();
        QVERIFY(!other->keyInfo());
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "test_catalog.moc"
