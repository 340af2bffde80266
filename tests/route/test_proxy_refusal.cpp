// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// A proxy that refuses (nothing listening, or 407 Proxy Authentication
// Required) gets its own diagnosis naming the proxy, never one that blames
// the endpoint, and charges no cooldown. The proxies are loopback servers
// started here; the endpoint's host is never resolved, since the proxy is
// asked for it.
#include "route/RouteEngine.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

constexpr int settleBoundMs = 60'000; // liveness only

// Answers whatever arrives (a request or a CONNECT) with 407 and closes.
class CredentialsProxy final : public QObject {
public:
    CredentialsProxy()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    if (!socket->readAll().contains("\r\n\r\n"))
                        return;
                    socket->write("HTTP/1.1 407 Proxy Authentication Required\r\n"
                                  "Proxy-Authenticate: Basic realm=\"office\"\r\n"
                                  "Content-Length: 0\r\nConnection: close\r\n\r\n");
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    quint16 port() const { return m_server.serverPort(); }

private:
    QTcpServer m_server;
};

// A loopback port with nothing listening on it.
quint16 closedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost))
        qFatal("cannot find a free port");
    return server.serverPort(); // closed again when `server` goes
}

} // namespace

class TestProxyRefusal final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void refusalIsTheProxys_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<bool>("asksForCredentials");
        QTest::addRow("http, nothing listening") << u"http"_s << false;
        QTest::addRow("https, nothing listening") << u"https"_s << false;
        QTest::addRow("http, 407") << u"http"_s << true;
        QTest::addRow("https (CONNECT), 407") << u"https"_s << true;
    }

    void refusalIsTheProxys()
    {
        QFETCH(QString, scheme);
        QFETCH(bool, asksForCredentials);
        CredentialsProxy credentials;
        QVERIFY(credentials.listen());
        const quint16 port = asksForCredentials ? credentials.port() : closedPort();

        RouteEngine engine;
        engine.network()->setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, u"127.0.0.1"_s, port));
        RoutePlan plan;
        plan.endpoints.append({ u"office"_s, EndpointKind::OpenAiCompatible,
            QUrl(scheme + u"://llm.example.invalid/v1"_s), QString() });
        plan.steps.append({ u"office"_s, { u"test/model"_s, {}, {} }, true });
        plan.policy.maxRetries = 0;
        ChatRequest request;
        request.messages.append({ u"user"_s, u"Through the proxy, please"_s });
        TurnRunner *runner = engine.startTurn(plan, request);
        QSignalSpy finished(runner, &TurnRunner::finished);
        QVERIFY(finished.wait(settleBoundMs));
        const TurnResult result = finished.first().first().value<TurnResult>();

        QCOMPARE(result.status, TurnResult::Status::Failed);
        QCOMPARE(result.attempts.size(), 1);
        const Attempt &attempt = result.attempts.first();
        QCOMPARE(attempt.outcome, Outcome::Network);
        QCOMPARE(attempt.party, Party::Network);
        const QString proxy = u"127.0.0.1:%1"_s.arg(port);
        QVERIFY2(attempt.summary.contains(u"the proxy "_s + proxy), qPrintable(attempt.summary));
        QVERIFY2(
            attempt.summary.contains(u"never reached the endpoint"_s), qPrintable(attempt.summary));
        QCOMPARE(attempt.summary.contains(u"407"_s), asksForCredentials);
        QVERIFY(engine.cooldowns().active(QDateTime::currentDateTimeUtc()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestProxyRefusal)
#include "test_proxy_refusal.moc"
