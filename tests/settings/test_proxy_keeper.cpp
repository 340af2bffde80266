// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The proxy of Connection settings: type, host, port and user in the settings file,
// the password in the keychain only, and both applied to the engine's NetworkAccess,
// again after a restart.
#include "route/NetworkAccess.h"
#include "settings/MemorySecretStore.h"
#include "settings/ProxyKeeper.h"
#include "settings/Settings.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

class TestProxyKeeper final : public QObject {
    Q_OBJECT

    static ProxyChoice office()
    {
        ProxyChoice choice;
        choice.mode = ProxyChoice::Mode::Manual;
        choice.type = ProxyChoice::Type::Socks5;
        choice.host = u"10.0.0.1"_s;
        choice.port = 1080;
        choice.user = u"alice"_s;
        choice.password = u"pr0xy-Secret-42"_s;
        return choice;
    }

private Q_SLOTS:
    void passwordOnlyInTheKeychain()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"detour.ini"_s);
        MemorySecretStore keychain;
        {
            Settings settings(path);
            NetworkAccess network;
            ProxyKeeper keeper(&settings, &keychain, &network);
            QSignalSpy applied(&keeper, &ProxyKeeper::applied);
            keeper.change(office());
            QCOMPARE(applied.size(), 1);
            QCOMPARE(network.proxy(), office());
            QCOMPARE(keeper.current().password, office().password);
            QTRY_COMPARE(keychain.contents().value(ProxyKeeper::account()), office().password);
            QCOMPARE(settings.proxy().password, QString());
            QCOMPARE(settings.proxy().host, u"10.0.0.1"_s);
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        QVERIFY(written.contains("10.0.0.1"));
        QVERIFY(written.contains("socks5"));
        QVERIFY(!written.contains("pr0xy-Secret-42"));

        // The next start: the choice from the file, the password from the keychain.
        Settings settings(path);
        NetworkAccess network;
        ProxyKeeper keeper(&settings, &keychain, &network);
        QSignalSpy applied(&keeper, &ProxyKeeper::applied);
        keeper.apply();
        QVERIFY(applied.wait());
        QCOMPARE(network.proxy(), office());
        QCOMPARE(network.shared()->proxyFactory() != nullptr, true);
    }

    // Back to the system's: the password leaves the keychain.
    void systemForgetsThePassword()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Settings settings(dir.filePath(u"detour.ini"_s));
        MemorySecretStore keychain;
        NetworkAccess network;
        ProxyKeeper keeper(&settings, &keychain, &network);
        keeper.change(office());
        QTRY_VERIFY(keychain.contents().contains(ProxyKeeper::account()));
        keeper.change(ProxyChoice());
        QTRY_VERIFY(!keychain.contents().contains(ProxyKeeper::account()));
        QCOMPARE(network.proxy().mode, ProxyChoice::Mode::System);
        QCOMPARE(network.shared()->proxy().type(), QNetworkProxy::DefaultProxy);
    }

    // A keychain that fails: the proxy is still used, without the password, and said so.
    void keychainFailureIsSaid()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Settings settings(dir.filePath(u"detour.ini"_s));
        settings.setProxy(office());
        MemorySecretStore keychain;
        keychain.setFailure({ SecretError::Kind::Unavailable, u"No keyring is running."_s });
        NetworkAccess network;
        ProxyKeeper keeper(&settings, &keychain, &network);
        QSignalSpy problem(&keeper, &ProxyKeeper::problem);
        QSignalSpy applied(&keeper, &ProxyKeeper::applied);
        keeper.apply();
        QVERIFY(applied.wait());
        QCOMPARE(problem.size(), 1);
        QVERIFY(problem.first().first().toString().contains(u"No keyring is running."_s));
        QCOMPARE(network.proxy().host, u"10.0.0.1"_s);
        QVERIFY(network.proxy().password.isEmpty());
    }

    // What the inspector says of each way out.
    void routeText_data()
    {
        QTest::addColumn<ProxyChoice>("choice");
        QTest::addColumn<bool>("direct");
        QTest::addColumn<QString>("text");
        ProxyChoice none;
        none.mode = ProxyChoice::Mode::None;
        ProxyChoice http = office();
        http.type = ProxyChoice::Type::Http;
        http.port = 3128;
        QTest::addRow("SOCKS5") << office() << false << u"SOCKS5 proxy 10.0.0.1:1080"_s;
        QTest::addRow("HTTP") << http << false << u"HTTP proxy 10.0.0.1:3128"_s;
        QTest::addRow("endpoint direct") << office() << true << u"direct"_s;
        QTest::addRow("no proxy") << none << false << u"direct"_s;
    }

    void routeText()
    {
        QFETCH(ProxyChoice, choice);
        QFETCH(bool, direct);
        QFETCH(QString, text);
        NetworkAccess network;
        network.setProxy(choice);
        Endpoint endpoint { u"e"_s, EndpointKind::OpenAiCompatible,
            QUrl(u"https://llm.corp.example/v1"_s), QString() };
        endpoint.direct = direct;
        QCOMPARE(network.routeText(endpoint), text);
        QVERIFY(!network.routeText(endpoint).contains(u"pr0xy"_s));
    }
};

Q_DECLARE_METATYPE(detour::ProxyChoice)

QTEST_GUILESS_MAIN(TestProxyKeeper)
#include "test_proxy_keeper.moc"
