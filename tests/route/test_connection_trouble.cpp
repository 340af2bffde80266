// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Trouble on the way to an endpoint is named as such, never blamed on the endpoint:
// each kind of finished reply goes to its own diagnosis, and a request that must not
// go out is stopped before it does.
#include "protocol/ErrorClassifier.h"
#include "route/ConnectionTrouble.h"

#include <QNetworkRequest>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

enum class Expected { None, Proxy, ProxyCredentials, Insecure, Untrusted, Offline, Network };

std::optional<Diagnosis> expectedDiagnosis(Expected expected, const ConnectionTrouble::Reply &r)
{
    const EndpointKind kind = EndpointKind::OpenRouter;
    switch (expected) {
    case Expected::None:
        return std::nullopt;
    case Expected::Proxy:
        return ErrorClassifier::proxyRefused(r.proxy, r.errorText, false, kind);
    case Expected::ProxyCredentials:
        return ErrorClassifier::proxyRefused(r.proxy, r.errorText, true, kind);
    case Expected::Insecure:
        return ErrorClassifier::insecureConnection(r.errorText, false, kind);
    case Expected::Untrusted:
        return ErrorClassifier::insecureConnection(r.certificateProblems.join(u"; "_s), true, kind);
    case Expected::Offline:
        return ErrorClassifier::offline(kind);
    case Expected::Network:
        return ErrorClassifier::network(r.errorText, kind);
    }
    return std::nullopt;
}

} // namespace

class TestConnectionTrouble final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void afterReply_data()
    {
        QTest::addColumn<int>("error");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<QString>("proxy");
        QTest::addColumn<QStringList>("certificateProblems");
        QTest::addColumn<bool>("offline");
        QTest::addColumn<Expected>("expected");
        const QString proxy = u"127.0.0.1:3128"_s;
        const int none = QNetworkReply::NoError;
        QTest::newRow("an answer decides itself")
            << none << 429 << QString() << QStringList() << false << Expected::None;
        QTest::newRow("an answer through a proxy")
            << none << 200 << proxy << QStringList() << false << Expected::None;
        QTest::newRow("the proxy asks for credentials (407)")
            << int(QNetworkReply::ProxyAuthenticationRequiredError) << 407 << proxy << QStringList()
            << false << Expected::ProxyCredentials;
        QTest::newRow("the proxy asks for credentials (error)")
            << int(QNetworkReply::ProxyAuthenticationRequiredError) << 0 << proxy << QStringList()
            << false << Expected::ProxyCredentials;
        QTest::newRow("the proxy refuses") << int(QNetworkReply::ProxyConnectionRefusedError) << 0
                                           << proxy << QStringList() << false << Expected::Proxy;
        QTest::newRow("refused through a proxy is the proxy's")
            << int(QNetworkReply::ConnectionRefusedError) << 0 << proxy << QStringList() << false
            << Expected::Proxy;
        QTest::newRow("refused directly is the network's")
            << int(QNetworkReply::ConnectionRefusedError) << 0 << QString() << QStringList()
            << false << Expected::Network;
        QTest::newRow("a certificate not trusted")
            << int(QNetworkReply::SslHandshakeFailedError) << 0 << QString()
            << QStringList { u"The issuer certificate could not be found"_s } << false
            << Expected::Untrusted;
        QTest::newRow("a handshake that failed")
            << int(QNetworkReply::SslHandshakeFailedError) << 0 << QString() << QStringList()
            << false << Expected::Insecure;
        QTest::newRow("the network went while waiting")
            << int(QNetworkReply::RemoteHostClosedError) << 0 << QString() << QStringList() << true
            << Expected::Offline;
    }

    void afterReply()
    {
        QFETCH(int, error);
        QFETCH(int, httpStatus);
        QFETCH(QString, proxy);
        QFETCH(QStringList, certificateProblems);
        QFETCH(bool, offline);
        QFETCH(Expected, expected);
        const ConnectionTrouble::Reply reply { QNetworkReply::NetworkError(error),
            u"Connection refused"_s, httpStatus, proxy, certificateProblems, offline };
        const std::optional<Diagnosis> found =
            ConnectionTrouble::afterReply(reply, EndpointKind::OpenRouter);
        const std::optional<Diagnosis> wanted = expectedDiagnosis(expected, reply);
        QCOMPARE(found.has_value(), wanted.has_value());
        if (!wanted)
            return;
        QCOMPARE(found->outcome, wanted->outcome);
        QCOMPARE(found->party, wanted->party);
        QCOMPARE(found->summary, wanted->summary);
        QVERIFY2(found->party != Party::Endpoint, qPrintable(found->summary));
    }

    void beforeSending_data()
    {
        QTest::addColumn<bool>("offline");
        QTest::addColumn<QString>("caFileContent"); // empty: the endpoint names no file
        QTest::addColumn<bool>("refused");
        QTest::newRow("online, no authority file") << false << QString() << false;
        QTest::newRow("offline") << true << QString() << true;
        QTest::newRow("an authority file that holds no certificate")
            << false << u"not a certificate"_s << true;
    }

    void beforeSending()
    {
        QFETCH(bool, offline);
        QFETCH(QString, caFileContent);
        QFETCH(bool, refused);
        QTemporaryDir dir;
        Endpoint endpoint { u"office"_s, EndpointKind::OpenAiCompatible,
            QUrl(u"https://llm.example.com/v1"_s), QString() };
        if (!caFileContent.isEmpty()) {
            endpoint.caFile = dir.filePath(u"ca.pem"_s);
            QFile file(endpoint.caFile);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(caFileContent.toUtf8());
        }
        QNetworkRequest request(endpoint.baseUrl);
        const std::optional<Diagnosis> stopped =
            ConnectionTrouble::beforeSending(endpoint, offline, request);
        QCOMPARE(stopped.has_value(), refused);
        if (offline)
            QCOMPARE(stopped->summary, ErrorClassifier::offline(endpoint.kind).summary);
        if (!caFileContent.isEmpty())
            QVERIFY2(stopped->summary.contains(endpoint.caFile), qPrintable(stopped->summary));
    }

    void aMissingAuthorityFileStopsTheRequest()
    {
        Endpoint endpoint { u"office"_s, EndpointKind::OpenAiCompatible,
            QUrl(u"https://llm.example.com/v1"_s), QString(), u"/nonexistent/ca.pem"_s };
        QNetworkRequest request(endpoint.baseUrl);
        const std::optional<Diagnosis> stopped =
            ConnectionTrouble::beforeSending(endpoint, false, request);
        QVERIFY(stopped);
        QCOMPARE(stopped->party, Party::You);
    }
};

QTEST_GUILESS_MAIN(TestConnectionTrouble)
#include "test_connection_trouble.moc"
