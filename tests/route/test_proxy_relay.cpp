// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Turns through a real HTTP proxy and a real SOCKS5 proxy (test support, started
// here), with and without credentials, as chosen in Connection settings
// (ProxyChoice applied to the engine's NetworkAccess). The endpoint's host,
// detour-sim.test, is known to no DNS: only a proxy that resolves it (the test
// proxies take every name for 127.0.0.1) gets the turn to the simulator, so a
// served turn proves it went through the proxy; Qt would send a loopback
// address direct. Wrong credentials are the proxy's failure, never the
// endpoint's; an endpoint marked "proxy": "direct" goes round the proxy.
#include "HttpConnectProxy.h"
#include "Socks5Proxy.h"
#include "endpoints/Catalog.h"
#include "route/NetworkAccess.h"
#include "route/RouteEngine.h"
#include "sim/SimServer.h"

#include <QHostInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using namespace detour;
using namespace std::chrono_literals;

namespace {

constexpr int settleBoundMs = 60'000; // liveness only

enum class Credentials { NotAsked, Given, Wrong, Missing };

std::unique_ptr<ProxyRelay> makeProxy(ProxyChoice::Type type)
{
    if (type == ProxyChoice::Type::Socks5)
        return std::make_unique<Socks5Proxy>();
    return std::make_unique<HttpConnectProxy>();
}

QUrl onHost(QUrl url, const QString &host)
{
    url.setHost(host);
    return url;
}

RoutePlan planFor(const QUrl &baseUrl, bool direct = false)
{
    RoutePlan plan;
    Endpoint endpoint { u"office"_s, EndpointKind::OpenAiCompatible, baseUrl, QString() };
    endpoint.direct = direct;
    plan.endpoints.append(endpoint);
    plan.steps.append({ u"office"_s, { u"moonshotai/kimi-k2"_s, {}, {} }, true });
    plan.policy.maxRetries = 0;
    plan.policy.connectTimeout = 10min; // the test's patience is settleBoundMs
    plan.policy.firstTokenTimeout = 10min;
    plan.policy.idleTimeout = 10min;
    plan.policy.totalTimeout = 30min;
    return plan;
}

TurnResult runTurn(RouteEngine &engine, const RoutePlan &plan)
{
    ChatRequest request;
    request.messages.append({ u"user"_s, u"Through the office proxy?"_s });
    TurnRunner *runner = engine.startTurn(plan, request);
    QSignalSpy finished(runner, &TurnRunner::finished);
    if (!finished.wait(settleBoundMs))
        qFatal("the turn did not finish");
    return finished.first().first().value<TurnResult>();
}

} // namespace

Q_DECLARE_METATYPE(Credentials)
Q_DECLARE_METATYPE(detour::ProxyChoice::Type)

class TestProxyRelay final : public QObject {
    Q_OBJECT

    SimServer m_sim;

    ProxyChoice manual(ProxyChoice::Type type, quint16 port) const
    {
        ProxyChoice choice;
        choice.mode = ProxyChoice::Mode::Manual;
        choice.type = type;
        choice.host = u"127.0.0.1"_s;
        choice.port = port;
        return choice;
    }

    QString proxyText(ProxyChoice::Type type, quint16 port) const
    {
        return (type == ProxyChoice::Type::Socks5 ? u"SOCKS5 proxy 127.0.0.1:%1"_s
                                                  : u"HTTP proxy 127.0.0.1:%1"_s)
            .arg(port);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_sim.listen());
        QVERIFY(m_sim.setScenario(SimServer::builtinScenario(u"demo"_s)));
    }

    void init() { m_sim.clearRequests(); }

    void servedThroughTheProxy_data()
    {
        QTest::addColumn<ProxyChoice::Type>("type");
        QTest::addColumn<bool>("withCredentials");
        QTest::addRow("HTTP") << ProxyChoice::Type::Http << false;
        QTest::addRow("HTTP, user and password") << ProxyChoice::Type::Http << true;
        QTest::addRow("SOCKS5") << ProxyChoice::Type::Socks5 << false;
        QTest::addRow("SOCKS5, user and password") << ProxyChoice::Type::Socks5 << true;
    }

    void servedThroughTheProxy()
    {
        QFETCH(ProxyChoice::Type, type);
        QFETCH(bool, withCredentials);
        const auto proxy = makeProxy(type);
        QVERIFY(proxy->listen());
        ProxyChoice choice = manual(type, proxy->port());
        if (withCredentials) {
            proxy->requireCredentials(u"office"_s, u"s3cret:pass"_s);
            choice.user = u"office"_s;
            choice.password = u"s3cret:pass"_s;
        }
        RouteEngine engine;
        engine.access()->setProxy(choice);

        const TurnResult result =
            runTurn(engine, planFor(onHost(m_sim.baseUrl(), u"detour-sim.test"_s)));
        QVERIFY2(result.status == TurnResult::Status::Served, qPrintable(result.summary));
        QCOMPARE(proxy->relayed(), 1);
        QCOMPARE(proxy->hosts(), QStringList { u"detour-sim.test"_s }); // resolved by the proxy
        QCOMPARE(m_sim.requests().size(), 1);
        QCOMPARE(result.attempts.size(), 1);
        QCOMPARE(result.attempts.first().proxy, proxyText(type, proxy->port()));
        QVERIFY(!result.attempts.first().proxy.contains(u"s3cret"_s));
    }

    void refusedCredentialsAreTheProxys_data()
    {
        QTest::addColumn<ProxyChoice::Type>("type");
        QTest::addColumn<Credentials>("credentials");
        QTest::addRow("HTTP, wrong password") << ProxyChoice::Type::Http << Credentials::Wrong;
        QTest::addRow("HTTP, none given") << ProxyChoice::Type::Http << Credentials::Missing;
        QTest::addRow("SOCKS5, wrong password") << ProxyChoice::Type::Socks5 << Credentials::Wrong;
        QTest::addRow("SOCKS5, none given") << ProxyChoice::Type::Socks5 << Credentials::Missing;
    }

    void refusedCredentialsAreTheProxys()
    {
        QFETCH(ProxyChoice::Type, type);
        QFETCH(Credentials, credentials);
        const auto proxy = makeProxy(type);
        QVERIFY(proxy->listen());
        proxy->requireCredentials(u"office"_s, u"right"_s);
        ProxyChoice choice = manual(type, proxy->port());
        if (credentials == Credentials::Wrong) {
            choice.user = u"office"_s;
            choice.password = u"wrong"_s;
        }
        RouteEngine engine;
        engine.access()->setProxy(choice);

        const TurnResult result =
            runTurn(engine, planFor(onHost(m_sim.baseUrl(), u"detour-sim.test"_s)));
        QCOMPARE(result.status, TurnResult::Status::Failed);
        QVERIFY(proxy->refused() >= 1);
        QCOMPARE(proxy->relayed(), 0);
        QVERIFY(m_sim.requests().isEmpty());
        const Attempt &attempt = result.attempts.last();
        QCOMPARE(attempt.outcome, Outcome::Network);
        QCOMPARE(attempt.party, Party::Network);
        QCOMPARE(attempt.proxy, proxyText(type, proxy->port()));
        const QString where = u"127.0.0.1:%1"_s.arg(proxy->port());
        QVERIFY2(attempt.summary.contains(where), qPrintable(attempt.summary));
        QVERIFY2(!attempt.summary.contains(u"detour-sim.test"_s), qPrintable(attempt.summary));
        QVERIFY(engine.cooldowns().active(QDateTime::currentDateTimeUtc()).isEmpty());
    }

    // "proxy": "direct" on the endpoint: the same proxy counts nothing. The endpoint is
    // reached by this machine's host name, which the proxy's rule for servers on this
    // computer does not cover, so without "direct" the proxy would be asked (checked too).
    void directEndpointGoesRoundTheProxy_data()
    {
        QTest::addColumn<bool>("direct");
        QTest::addRow("direct") << true;
        QTest::addRow("not direct (the control)") << false;
    }

    void directEndpointGoesRoundTheProxy()
    {
        QFETCH(bool, direct);
        const QString host = QHostInfo::localHostName();
        const auto addresses = QHostInfo::fromName(host).addresses();
        if (!addresses.contains(QHostAddress(QHostAddress::LocalHost)))
            QSKIP("this machine's host name does not resolve to 127.0.0.1");
        Socks5Proxy proxy;
        QVERIFY(proxy.listen());
        RouteEngine engine;
        engine.access()->setProxy(manual(ProxyChoice::Type::Socks5, proxy.port()));

        const TurnResult result = runTurn(engine, planFor(onHost(m_sim.baseUrl(), host), direct));
        QVERIFY2(result.status == TurnResult::Status::Served, qPrintable(result.summary));
        QCOMPARE(proxy.relayed(), direct ? 0 : 1);
        QCOMPARE(result.attempts.first().proxy,
            direct ? u"direct"_s : proxyText(ProxyChoice::Type::Socks5, proxy.port()));
    }

    // "No proxy" in Connection settings: straight to a loopback server, said so.
    void noProxySaysDirect()
    {
        RouteEngine engine;
        ProxyChoice none;
        none.mode = ProxyChoice::Mode::None;
        engine.access()->setProxy(none);
        const TurnResult result = runTurn(engine, planFor(m_sim.baseUrl()));
        QVERIFY2(result.status == TurnResult::Status::Served, qPrintable(result.summary));
        QCOMPARE(result.attempts.first().proxy, u"direct"_s);
    }

    // The catalog asks the way chat requests go: through the endpoint's proxy.
    void catalogGoesThroughTheProxy()
    {
        HttpConnectProxy proxy;
        QVERIFY(proxy.listen());
        RouteEngine engine;
        engine.access()->setProxy(manual(ProxyChoice::Type::Http, proxy.port()));
        const RoutePlan plan = planFor(onHost(m_sim.baseUrl(), u"detour-sim.test"_s));
        const Endpoint &endpoint = plan.endpoints.first();
        QTemporaryDir cache;
        QVERIFY(cache.isValid());
        Catalog catalog(
            engine.access()->forEndpoint(endpoint), endpoint.baseUrl, QString(), cache.path());
        QSignalSpy models(&catalog, &Catalog::modelsChanged);
        catalog.refreshModels();
        QVERIFY(models.wait(settleBoundMs));
        QVERIFY(!catalog.models().isEmpty());
        QCOMPARE(proxy.relayed(), 1);
        QCOMPARE(proxy.hosts(), QStringList { u"detour-sim.test"_s });
    }
};

QTEST_GUILESS_MAIN(TestProxyRelay)
#include "test_proxy_relay.moc"
