// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "settings/KeyRing.h"
#include "settings/LocalServerPresets.h"
#include "settings/LocalServerProbe.h"

#include <QHostAddress>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

// A tiny HTTP server on 127.0.0.1 that answers every request with one canned
// response (or, with an empty response, never answers), and remembers what it got.
class CannedServer final : public QObject {
public:
    explicit CannedServer(QByteArray response, QObject *parent = nullptr)
        : QObject(parent)
        , m_response(std::move(response))
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                    m_received += socket->readAll();
                    if (!m_received.contains("\r\n\r\n") || m_response.isEmpty())
                        return;
                    socket->write(m_response);
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    QUrl baseUrl() const { return QUrl(u"http://127.0.0.1:%1/v1"_s.arg(m_server.serverPort())); }
    const QByteArray &received() const { return m_received; }

    static QByteArray http(int status, const QByteArray &contentType, const QByteArray &body)
    {
        return "HTTP/1.1 " + QByteArray::number(status) + " Whatever\r\nContent-Type: "
            + contentType + "\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\nConnection: close\r\n\r\n" + body;
    }

private:
    QTcpServer m_server;
    QByteArray m_response;
    QByteArray m_received;
};

Endpoint localEndpoint(const QString &id, const QUrl &url)
{
    return { id, EndpointKind::OpenAiCompatible, url, QString() };
}

// A loopback port with nothing listening on it.
QUrl closedPortUrl()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    const quint16 port = server.serverPort();
    server.close();
    return QUrl(u"http://127.0.0.1:%1/v1"_s.arg(port));
}

} // namespace

class TestLocalServerProbe final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void presets()
    {
        const QList<LocalServerPreset> presets = LocalServerPresets::all();
        QCOMPARE(presets.size(), 3);
        const QStringList urls { u"http://127.0.0.1:11434/v1"_s, u"http://127.0.0.1:8080/v1"_s,
            u"http://127.0.0.1:1234/v1"_s };
        const QStringList names { u"Ollama"_s, u"llama.cpp server"_s, u"LM Studio"_s };
        for (qsizetype i = 0; i < presets.size(); ++i) {
            const Endpoint &endpoint = presets[i].endpoint;
            QCOMPARE(presets[i].name, names[i]);
            QCOMPARE(endpoint.baseUrl.toString(), urls[i]);
            QCOMPARE(endpoint.kind, EndpointKind::OpenAiCompatible);
            QVERIFY(endpoint.keyEnv.isEmpty());
            QVERIFY(KeyRing::isLoopback(endpoint.baseUrl)); // fine over http
            QCOMPARE(LocalServerPresets::find(endpoint.id), presets[i]);
        }
        QCOMPARE(LocalServerPresets::endpoints().size(), 3);
        QVERIFY(!LocalServerPresets::find(u"openrouter"_s));
    }

    void probe_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::addColumn<bool>("answering");
        QTest::addColumn<QStringList>("models");
        QTest::addColumn<QString>("message");

        QTest::addRow("OpenAI model list")
            << CannedServer::http(200, "application/json",
                   "{\"object\":\"list\",\"data\":[{\"id\":\"llama3.2:3b\",\"object\":\"model\"},"
                   "{\"id\":\"qwen2.5:7b\"},{\"object\":\"model\"}]}")
            << true << QStringList { u"llama3.2:3b"_s, u"qwen2.5:7b"_s }
            << u"answered with its model list (2 models)"_s;
        QTest::addRow("empty model list")
            << CannedServer::http(200, "application/json", "{\"data\":[]}") << true << QStringList()
            << u"(0 models)"_s;
        QTest::addRow("HTML page")
            << CannedServer::http(200, "text/html", "<html><body>It works!</body></html>") << false
            << QStringList() << u"answered, but not with an OpenAI-compatible model list"_s;
        QTest::addRow("JSON without data")
            << CannedServer::http(200, "application/json", "{\"models\":[\"a\"]}") << false
            << QStringList() << u"not with an OpenAI-compatible model list"_s;
        QTest::addRow("data is not a list")
            << CannedServer::http(200, "application/json", "{\"data\":{\"id\":\"a\"}}") << false
            << QStringList() << u"not with an OpenAI-compatible model list"_s;
        QTest::addRow("not found")
            << CannedServer::http(404, "text/plain", "404 page not found") << false << QStringList()
            << u"answered with HTTP 404 instead of a model list"_s;
    }

    void probe()
    {
        QFETCH(QByteArray, response);
        QFETCH(bool, answering);
        QFETCH(QStringList, models);
        QFETCH(QString, message);

        CannedServer server(response);
        LocalServerProbe probe;
        QSignalSpy probed(&probe, &LocalServerProbe::probed);
        QSignalSpy finished(&probe, &LocalServerProbe::finished);
        probe.start({ localEndpoint(u"local"_s, server.baseUrl()) });
        QVERIFY(probe.isRunning());
        QVERIFY(finished.wait(30'000));
        QVERIFY(!probe.isRunning());
        QCOMPARE(probed.count(), 1);

        const LocalServerProbe::Result result = probe.results().value(0);
        QCOMPARE(result.endpoint.id, u"local"_s);
        QCOMPARE(result.answering, answering);
        QCOMPARE(result.models, models);
        QVERIFY2(result.message.contains(message), qPrintable(result.message));
        QVERIFY(result.message.endsWith(u'.'));

        // GET {base}/models, and no key.
        QVERIFY2(server.received().startsWith("GET /v1/models HTTP/1.1\r\n"),
            server.received().constData());
        QVERIFY(!server.received().toLower().contains("authorization"));
    }

    void closedPort()
    {
        LocalServerProbe probe;
        QSignalSpy finished(&probe, &LocalServerProbe::finished);
        probe.start({ localEndpoint(u"closed"_s, closedPortUrl()) });
        QVERIFY(finished.wait(30'000));
        const LocalServerProbe::Result result = probe.results().value(0);
        QVERIFY(!result.answering);
        QVERIFY(result.models.isEmpty());
        QVERIFY2(result.message.startsWith(u"Nothing is listening at http://127.0.0.1:"_s),
            qPrintable(result.message));
    }

    void silentServerTimesOut()
    {
        CannedServer silent(QByteArray {}); // accepts, never answers
        LocalServerProbe probe;
        probe.setTimeout(std::chrono::milliseconds(200));
        QSignalSpy finished(&probe, &LocalServerProbe::finished);
        probe.start({ localEndpoint(u"silent"_s, silent.baseUrl()) });
        QVERIFY(finished.wait(30'000));
        const LocalServerProbe::Result result = probe.results().value(0);
        QVERIFY(!result.answering);
        QVERIFY2(result.message.contains(u"within 200 ms"_s), qPrintable(result.message));
    }

    void severalAtOnceKeepTheirOrder()
    {
        CannedServer ollama(
            CannedServer::http(200, "application/json", "{\"data\":[{\"id\":\"m\"}]}"));
        CannedServer html(CannedServer::http(200, "text/html", "<html></html>"));
        LocalServerProbe probe;
        QSignalSpy probed(&probe, &LocalServerProbe::probed);
        QSignalSpy finished(&probe, &LocalServerProbe::finished);
        probe.start({ localEndpoint(u"answering"_s, ollama.baseUrl()),
            localEndpoint(u"closed"_s, closedPortUrl()),
            localEndpoint(u"html"_s, html.baseUrl()) });
        QVERIFY(finished.wait(30'000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(probed.count(), 3);
        const auto results = finished.at(0).at(0).value<QList<LocalServerProbe::Result>>();
        QCOMPARE(results.size(), 3);
        QCOMPARE(results[0].endpoint.id, u"answering"_s);
        QVERIFY(results[0].answering);
        QCOMPARE(results[0].models, QStringList { u"m"_s });
        QCOMPARE(results[1].endpoint.id, u"closed"_s);
        QVERIFY(!results[1].answering);
        QCOMPARE(results[2].endpoint.id, u"html"_s);
        QVERIFY(!results[2].answering);
    }

    void cancelStopsEverything()
    {
        CannedServer silent(QByteArray {});
        LocalServerProbe probe;
        QSignalSpy probed(&probe, &LocalServerProbe::probed);
        QSignalSpy finished(&probe, &LocalServerProbe::finished);
        probe.start({ localEndpoint(u"silent"_s, silent.baseUrl()) });
        probe.cancel();
        QVERIFY(!probe.isRunning());
        // A probe started afterwards still reports, and only for itself.
        CannedServer answering(CannedServer::http(200, "application/json", "{\"data\":[]}"));
        probe.start({ localEndpoint(u"again"_s, answering.baseUrl()) });
        QVERIFY(finished.wait(30'000));
        QCOMPARE(probed.count(), 1);
        QCOMPARE(probed.at(0).at(0).value<LocalServerProbe::Result>().endpoint.id, u"again"_s);
    }

    void nothingToProbe()
    {
        LocalServerProbe probe;
        QSignalSpy finished(&probe, &LocalServerProbe::finished);
        probe.start(QList<Endpoint> {});
        QCOMPARE(finished.count(), 0);
        QVERIFY(finished.wait());
        QVERIFY(probe.results().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLocalServerProbe)
#include "test_local_server_probe.moc"
