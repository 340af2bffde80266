// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// An endpoint on an IPv6 literal (http://[::1]:PORT) works like any other: the
// route file keeps the brackets, the address counts as this computer (a local
// server keeps its address in simulated mode), and a turn is served over it.
#include "route/RouteEngine.h"
#include "route/RouteFile.h"
#include "route/SimulatorRedirect.h"
#include "sim/SimServer.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

constexpr int settleBoundMs = 60'000; // liveness only

bool hasIpv6Loopback()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHostIPv6);
}

} // namespace

class TestIpv6Endpoint final : public QObject {
    Q_OBJECT

    SimServer m_sim;

private Q_SLOTS:
    void initTestCase()
    {
        if (!hasIpv6Loopback())
            QSKIP("this machine has no IPv6 loopback (::1): nothing can listen there");
        QVERIFY(m_sim.listen(0, SimServer::Loopback::IPv6));
        QVERIFY(m_sim.setScenario(SimServer::builtinScenario(u"demo"_s)));
        QCOMPARE(m_sim.baseUrl().host(), u"::1"_s);
        QVERIFY(m_sim.baseUrl().toString().startsWith(u"http://[::1]:"_s));
    }

    void servedOverIpv6_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("stream");
        QTest::addRow("OpenRouter, streamed") << u"openrouter"_s << true;
        QTest::addRow("OpenAI-compatible, whole") << u"openai"_s << false;
    }

    void servedOverIpv6()
    {
        QFETCH(QString, kind);
        QFETCH(bool, stream);
        const QByteArray file = "{\"endpoints\":[{\"id\":\"v6\",\"kind\":\"" + kind.toUtf8()
            + "\",\"base_url\":\"http://[::1]:" + QByteArray::number(m_sim.port())
            + "/api/v1\"}],\"steps\":[{\"model\":\"moonshotai/kimi-k2\"}]}";
        const Result<RoutePlan> plan = RouteFile::read(file);
        QVERIFY2(plan, qPrintable(plan.error()));
        const Endpoint &endpoint = plan->endpoints.first();
        QCOMPARE(endpoint.baseUrl.host(), u"::1"_s);
        QVERIFY(isLoopbackUrl(endpoint.baseUrl));
        // Written back with its brackets, so it reads again.
        QVERIFY(RouteFile::write(*plan).contains("http://[::1]:"));
        if (kind == u"openai"_s) // a local server stays where it is in simulated mode
            QVERIFY(!SimulatorRedirect(QUrl(u"http://127.0.0.1:9/api/v1"_s)).redirects(endpoint));

        ChatRequest request;
        request.messages.append({ u"user"_s, u"Hello over IPv6"_s });
        request.stream = stream;
        RouteEngine engine;
        TurnRunner *runner = engine.startTurn(*plan, request);
        QSignalSpy finished(runner, &TurnRunner::finished);
        QVERIFY(finished.wait(settleBoundMs));
        const TurnResult result = finished.first().first().value<TurnResult>();
        QVERIFY2(result.status == TurnResult::Status::Served, qPrintable(result.summary));
        QVERIFY(!result.content.isEmpty());
        QCOMPARE(result.attempts.size(), 1);
        QCOMPARE(result.attempts.first().httpStatus, 200);
    }
};

QTEST_GUILESS_MAIN(TestIpv6Endpoint)
#include "test_ipv6_endpoint.moc"
