// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// A server whose certificate nobody trusts (a self-signed one, on loopback
// HTTPS): the turn fails with a plain diagnosis and nothing, key included,
// reaches the server. And no source file of Detour switches certificate
// checks off. A server signed by an authority made at test time is refused
// the same way, until the endpoint names that authority's file ("ca_file").
#include "Fixtures.h"
#include "TestAuthority.h"
#include "TlsChatServer.h"
#include "route/RouteEngine.h"
#include "route/RouteFile.h"

#include <QDirIterator>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

constexpr int settleBoundMs = 60'000; // liveness only

QByteArray fixtureBytes(const QString &name)
{
    return fixtures::read(u"tls/"_s + name);
}

RoutePlan loopbackPlan(quint16 port, const QString &caFile = {})
{
    RoutePlan plan;
    Endpoint endpoint { u"tls"_s, EndpointKind::OpenAiCompatible,
        QUrl(u"https://127.0.0.1:%1/v1"_s.arg(port)), QString() };
    endpoint.caFile = caFile;
    plan.endpoints.append(endpoint);
    plan.steps.append({ u"tls"_s, { u"test/model"_s, {}, {} }, true });
    plan.policy.maxRetries = 0;
    return plan;
}

TurnResult runTurn(const RoutePlan &plan)
{
    ChatRequest request;
    request.messages.append({ u"user"_s, u"Who signed your certificate?"_s });
    RouteEngine engine;
    TurnRunner *runner = engine.startTurn(plan, request);
    QSignalSpy finished(runner, &TurnRunner::finished);
    if (!finished.wait(settleBoundMs))
        qFatal("the turn did not finish");
    return finished.first().first().value<TurnResult>();
}

} // namespace

class TestTlsTrust final : public QObject {
    Q_OBJECT

    QSslCertificate m_certificate;
    QSslServer m_server;
    QByteArray m_received; // whatever any client managed to send in clear text
    int m_secured = 0; // connections whose handshake completed
    int m_failed = 0; // connections that ended before their handshake completed

private Q_SLOTS:
    void initTestCase()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("this Qt has no TLS backend");
        m_certificate = QSslCertificate(fixtureBytes(u"loopback.crt"_s), QSsl::Pem);
        const QSslKey key(fixtureBytes(u"loopback.key"_s), QSsl::Rsa, QSsl::Pem);
        QVERIFY(!m_certificate.isNull());
        QVERIFY(!key.isNull());
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(m_certificate);
        config.setPrivateKey(key);
        m_server.setSslConfiguration(config);
        connect(&m_server, &QSslServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++m_secured;
                connect(socket, &QTcpSocket::readyRead, this,
                    [this, socket] { m_received += socket->readAll(); });
            }
        });
        connect(&m_server, &QSslServer::errorOccurred, this,
            [this](QSslSocket *, QAbstractSocket::SocketError) { ++m_failed; });
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
    }

    void init()
    {
        m_received.clear();
        m_secured = 0;
        m_failed = 0;
    }

    // The control: a client that trusts the test certificate gets through, so
    // the failure below is about trust and nothing else.
    void clientTrustingTheCertificateConnects()
    {
        QSslSocket client;
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.addCaCertificate(m_certificate);
        client.setSslConfiguration(config);
        QSignalSpy encrypted(&client, &QSslSocket::encrypted);
        client.connectToHostEncrypted(u"127.0.0.1"_s, m_server.serverPort());
        QVERIFY2(encrypted.wait(settleBoundMs), qPrintable(client.errorString()));
        client.write("hello");
        QTRY_COMPARE_WITH_TIMEOUT(m_received, QByteArray("hello"), settleBoundMs);
    }

    void untrustedCertificateFailsThePlainWay_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("stream");
        QTest::addRow("OpenRouter, streamed") << int(EndpointKind::OpenRouter) << true;
        QTest::addRow("OpenAI-compatible, whole") << int(EndpointKind::OpenAiCompatible) << false;
    }

    void untrustedCertificateFailsThePlainWay()
    {
        QFETCH(int, kind);
        QFETCH(bool, stream);
        RoutePlan plan;
        plan.endpoints.append({ u"tls"_s, EndpointKind(kind),
            QUrl(u"https://127.0.0.1:%1/api/v1"_s.arg(m_server.serverPort())), u"TLS_TEST_KEY"_s });
        plan.steps.append({ u"tls"_s, { u"test/model"_s, {}, {} }, true });
        plan.policy.maxRetries = 0;
        ChatRequest request;
        request.messages.append({ u"user"_s, u"Is this server who it says it is?"_s });
        request.stream = stream;

        RouteEngine engine;
        engine.setKeyResolver(
            [](const Endpoint &) { return u"sk-never-sent-over-untrusted-tls"_s; });
        TurnRunner *runner = engine.startTurn(plan, request);
        QSignalSpy finished(runner, &TurnRunner::finished);
        QVERIFY(finished.wait(settleBoundMs));
        const TurnResult result = finished.first().first().value<TurnResult>();

        QCOMPARE(result.status, TurnResult::Status::Failed);
        QCOMPARE(result.attempts.size(), 1);
        const Attempt &attempt = result.attempts.first();
        QCOMPARE(attempt.outcome, Outcome::Network);
        QCOMPARE(attempt.party, Party::Network);
        QCOMPARE(attempt.httpStatus, 0);
        QVERIFY2(attempt.summary.startsWith(u"The server's certificate is not trusted"_s),
            qPrintable(attempt.summary));
        QVERIFY2(attempt.summary.contains(u"self-signed"_s), qPrintable(attempt.summary));
        QVERIFY(!attempt.fixes.contains(Fix::Retry)); // the same certificate would come back
        QCOMPARE(result.summary, attempt.summary);

        // The handshake never completed, so not one byte of the request (or the key) got there.
        QTRY_VERIFY_WITH_TIMEOUT(m_failed >= 1, settleBoundMs); // the server saw it end
        QCOMPARE(m_secured, 0);
        QCOMPARE(m_received, QByteArray());
    }

    // A company authority: refused like any unknown issuer, with the way to
    // trust it on purpose in the sentence; served once the endpoint names its file.
    void companyAuthorityIsTrustedOnlyWhenNamed()
    {
        const TestAuthority authority;
        QVERIFY2(authority.error().isEmpty(), qPrintable(authority.error()));
        TlsChatServer server(authority.serverCertificate(), authority.serverKey());
        QVERIFY(server.listen());

        const TurnResult refused = runTurn(loopbackPlan(server.port()));
        QCOMPARE(refused.status, TurnResult::Status::Failed);
        QCOMPARE(refused.attempts.size(), 1);
        QCOMPARE(refused.attempts.first().outcome, Outcome::Network);
        QCOMPARE(refused.attempts.first().party, Party::Network);
        QVERIFY2(refused.summary.startsWith(u"The server's certificate is not trusted"_s),
            qPrintable(refused.summary));
        QVERIFY2(refused.summary.contains(u"\"ca_file\""_s), qPrintable(refused.summary));
        QCOMPARE(server.served(), 0);

        const TurnResult served = runTurn(loopbackPlan(server.port(), authority.caFile()));
        QVERIFY2(served.status == TurnResult::Status::Served, qPrintable(served.summary));
        QCOMPARE(served.content, QString::fromLatin1(TlsChatServer::reply));
        QCOMPARE(server.served(), 1);
    }

    // The file is the trust added, not a switch: another authority's file does not help.
    void anotherAuthorityDoesNotHelp()
    {
        const TestAuthority authority;
        const TestAuthority stranger;
        QVERIFY2(authority.error().isEmpty() && stranger.error().isEmpty(),
            qPrintable(authority.error() + stranger.error()));
        TlsChatServer server(authority.serverCertificate(), authority.serverKey());
        QVERIFY(server.listen());
        const TurnResult refused = runTurn(loopbackPlan(server.port(), stranger.caFile()));
        QCOMPARE(refused.status, TurnResult::Status::Failed);
        QVERIFY2(refused.summary.startsWith(u"The server's certificate is not trusted"_s),
            qPrintable(refused.summary));
        QCOMPARE(server.served(), 0);
    }

    // A file that went missing after the route was read: the attempt says which
    // file and sends nothing.
    void missingAuthorityFileSendsNothing()
    {
        const TestAuthority authority;
        QVERIFY2(authority.error().isEmpty(), qPrintable(authority.error()));
        TlsChatServer server(authority.serverCertificate(), authority.serverKey());
        QVERIFY(server.listen());
        const QString gone = authority.folder() + u"/gone.pem"_s;
        const TurnResult failed = runTurn(loopbackPlan(server.port(), gone));
        QCOMPARE(failed.status, TurnResult::Status::Failed);
        QCOMPARE(failed.attempts.size(), 1);
        QCOMPARE(failed.attempts.first().party, Party::You);
        QVERIFY2(failed.summary.contains(gone), qPrintable(failed.summary));
        QCOMPARE(server.secured(), 0);
    }

    // Certificate checks stay on everywhere, for loopback too: no source file
    // ignores TLS errors or stops verifying the peer.
    void nothingSwitchesCertificateChecksOff()
    {
        const QStringList forbidden { u"ignoreSslErrors"_s, u"VerifyNone"_s, u"QueryPeer"_s,
            u"setPeerVerifyMode"_s, u"setPeerVerifyName"_s };
        int scanned = 0;
        for (const QString &folder : { u"app"_s, u"ui"_s }) {
            QDirIterator files(QStringLiteral(DETOUR_SOURCE_DIR) + u'/' + folder,
                { u"*.cpp"_s, u"*.h"_s }, QDir::Files, QDirIterator::Subdirectories);
            while (files.hasNext()) {
                QFile file(files.next());
                QVERIFY(file.open(QIODevice::ReadOnly));
                const QString text = QString::fromUtf8(file.readAll());
                ++scanned;
                for (const QString &word : forbidden)
                    QVERIFY2(!text.contains(word), qPrintable(file.fileName() + u": "_s + word));
            }
        }
        QVERIFY(scanned > 50);
    }
};

QTEST_GUILESS_MAIN(TestTlsTrust)
#include "test_tls_trust.moc"
