// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "settings/KeyRing.h"
#include "settings/MemorySecretStore.h"
#include "settings/Redactor.h"
#include "settings/RouteLibrary.h"
#include "settings/Settings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

QStringList backupsIn(const QString &dir)
{
    return QDir(dir).entryList(
        { u"detour.ini.bad-*"_s }, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
}

RoutePlan sampleRoute(const QString &name)
{
    RoutePlan plan;
    plan.name = name;
    plan.endpoints = {
        { u"openrouter"_s, EndpointKind::OpenRouter, QUrl(u"https://openrouter.ai/api/v1"_s),
            u"OPENROUTER_API_KEY"_s },
        { u"groq"_s, EndpointKind::OpenAiCompatible, QUrl(u"https://api.groq.com/openai/v1"_s),
            u"GROQ_API_KEY"_s },
    };
    RouteStep first;
    first.endpointId = u"openrouter"_s;
    first.target.model = u"moonshotai/kimi-k2:free"_s;
    first.target.fallbackModels = { u"moonshotai/kimi-k2"_s };
    first.target.provider.order = { u"Groq"_s, u"Cerebras"_s };
    first.target.provider.allowFallbacks = true;
    first.target.provider.sort = u"throughput"_s;
    first.target.provider.maxPricePrompt = 1.5;
    RouteStep second;
    second.endpointId = u"groq"_s;
    second.target.model = u"moonshotai/kimi-k2-instruct"_s;
    second.enabled = false;
    RouteStep third;
    third.endpointId = u"openrouter"_s;
    third.target.model = u"openai/gpt-4o-mini"_s;
    plan.steps = { first, second, third };
    plan.policy.maxRetries = 4;
    plan.policy.cooldownDefault = std::chrono::milliseconds(12'345);
    return plan;
}

} // namespace

class TestSettings final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path() const { return m_dir.filePath(u"detour.ini"_s); }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QFile::remove(path());
        for (const QString &backup : backupsIn(m_dir.path())) {
            QFile::remove(m_dir.filePath(backup));
            QDir(m_dir.filePath(backup)).removeRecursively();
        }
        QDir(path()).removeRecursively();
    }

    void defaults()
    {
        const Settings settings(path());
        QCOMPARE(settings.file().status(), SettingsFile::Status::Ok);
        QVERIFY(settings.file().statusMessage().isEmpty());
        QVERIFY(settings.routeLibrary().routes().isEmpty());
        QVERIFY(settings.routeLibrary().defaultRouteName().isEmpty());
        QVERIFY(settings.routeLibrary().effectiveRouteName(u"c1"_s).isEmpty());
        QVERIFY(!settings.sendWithEnter());
        QVERIFY(settings.language().isEmpty());
        QCOMPARE(settings.simulatedMode(), Settings::SimulatedMode::Automatic);
        QVERIFY(settings.useSimulator(false));
        QVERIFY(!settings.useSimulator(true));
        QVERIFY(settings.windowGeometry().isEmpty());
        QVERIFY(settings.windowLayout(QSize(1280, 800)).isEmpty());
        // Reading defaults writes nothing.
        QVERIFY(!QFileInfo::exists(path()));
    }

    void defaultPathIsTheConfigLocation()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString expected =
            QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
                .filePath(u"detour.ini"_s);
        QCOMPARE(Settings::defaultFilePath(), expected);
        QVERIFY(expected.contains(u"qttest"_s)); // test mode: never the real home
        QStandardPaths::setTestModeEnabled(false);
    }

    void routesRoundTrip()
    {
        const RoutePlan free = sampleRoute(u"free first"_s);
        const RoutePlan paid = sampleRoute(u"paid"_s);
        {
            Settings settings(path());
            RouteLibrary &library = settings.routeLibrary();
            QSignalSpy routes(&library, &RouteLibrary::routesChanged);
            QSignalSpy defaultRoute(&library, &RouteLibrary::defaultRouteNameChanged);
            QVERIFY(library.setRoute(free));
            QVERIFY(library.setRoute(paid));
            QCOMPARE(routes.count(), 2);
            QVERIFY(library.setRoute(paid)); // unchanged
            QCOMPARE(routes.count(), 2);
            library.setDefaultRouteName(u"paid"_s);
            library.setDefaultRouteName(u"paid"_s);
            QCOMPARE(defaultRoute.count(), 1);
            QCOMPARE(defaultRoute.at(0).at(0).toString(), u"paid"_s);

            RoutePlan nameless = free;
            nameless.name.clear();
            const Result<> namelessSaved = library.setRoute(nameless);
            QVERIFY(!namelessSaved);
            QVERIFY(!namelessSaved.error().isEmpty());
            RoutePlan broken = free;
            broken.steps.clear();
            broken.name = u"broken"_s;
            const Result<> brokenSaved = library.setRoute(broken);
            QVERIFY(!brokenSaved);
            QCOMPARE(brokenSaved.error(), u"The route has no enabled step."_s);
            QCOMPARE(routes.count(), 2);
        }
        Settings reopened(path());
        QCOMPARE(
            reopened.routeLibrary().routeNames(), (QStringList { u"free first"_s, u"paid"_s }));
        QVERIFY(reopened.routeLibrary().route(u"free first"_s) == free);
        QVERIFY(reopened.routeLibrary().route(u"paid"_s) == paid);
        QCOMPARE(reopened.routeLibrary().defaultRouteName(), u"paid"_s);

        // The INI holds the route as route-file JSON.
        const QByteArray ini = readAll(path());
        QVERIFY(ini.contains("moonshotai/kimi-k2:free"));
        QVERIFY(ini.contains("steps"));

        QSignalSpy routes(&reopened.routeLibrary(), &RouteLibrary::routesChanged);
        QVERIFY(reopened.routeLibrary().removeRoute(u"free first"_s));
        QVERIFY(!reopened.routeLibrary().removeRoute(u"free first"_s));
        QCOMPARE(routes.count(), 1);
        QCOMPARE(Settings(path()).routeLibrary().routeNames(), QStringList { u"paid"_s });
    }

    // Route edits are kept as they are made (the window saves a named route on every
    // change): provider preferences set on a later step survive a restart.
    void providerPreferencesOfALaterStepSurviveARestart()
    {
        RoutePlan plan = sampleRoute(u"edited"_s);
        {
            Settings settings(path());
            QVERIFY(settings.routeLibrary().setRoute(plan));
            plan.steps[2].target.provider.order = { u"Groq"_s, u"DeepInfra"_s };
            plan.steps[2].target.provider.ignore = { u"Chutes"_s };
            plan.steps[2].target.provider.quantizations = { u"fp8"_s };
            QVERIFY(settings.routeLibrary().setRoute(plan)); // the edit, saved at once
        }
        const Settings restarted(path());
        const std::optional<RoutePlan> reread = restarted.routeLibrary().route(u"edited"_s);
        QVERIFY(reread);
        QCOMPARE(reread->steps[2].target.provider, plan.steps[2].target.provider);
        QCOMPARE(*reread, plan);
    }

    void conversationRoutes()
    {
        {
            Settings settings(path());
            RouteLibrary &library = settings.routeLibrary();
            QVERIFY(library.setRoute(sampleRoute(u"a"_s)));
            QVERIFY(library.setRoute(sampleRoute(u"b"_s)));
            library.setDefaultRouteName(u"a"_s);
            QSignalSpy changed(&library, &RouteLibrary::conversationRouteChanged);
            library.setConversationRoute(u"conv/1"_s, u"b"_s);
            library.setConversationRoute(u"conv/1"_s, u"b"_s);
            library.setConversationRoute(u"conv-2"_s, u"gone"_s);
            QCOMPARE(changed.count(), 2);
            QCOMPARE(changed.at(0).at(0).toString(), u"conv/1"_s);
            QCOMPARE(changed.at(0).at(1).toString(), u"b"_s);
            QCOMPARE(library.effectiveRouteName(u"conv/1"_s), u"b"_s);
            // A route that no longer exists falls back to the default route.
            QCOMPARE(library.effectiveRouteName(u"conv-2"_s), u"a"_s);
            QCOMPARE(library.effectiveRouteName(u"conv-3"_s), u"a"_s);
        }
        Settings settings(path());
        RouteLibrary &library = settings.routeLibrary();
        QCOMPARE(library.conversationRoute(u"conv/1"_s), u"b"_s);
        QCOMPARE(library.conversationRoute(u"conv-2"_s), u"gone"_s);

        // Renaming a route moves the conversations and the default that used it.
        QSignalSpy changed(&library, &RouteLibrary::conversationRouteChanged);
        QSignalSpy defaultRoute(&library, &RouteLibrary::defaultRouteNameChanged);
        const Result<> taken = library.renameRoute(u"b"_s, u"a"_s);
        QVERIFY(!taken);
        QCOMPARE(taken.error(), u"A route named \"a\" already exists."_s);
        QVERIFY(library.renameRoute(u"b"_s, u"bee"_s));
        QVERIFY(library.renameRoute(u"a"_s, u"ay"_s));
        QCOMPARE(library.conversationRoute(u"conv/1"_s), u"bee"_s);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(library.defaultRouteName(), u"ay"_s);
        QCOMPARE(defaultRoute.count(), 1);

        library.setConversationRoute(u"conv/1"_s, QString());
        QCOMPARE(library.effectiveRouteName(u"conv/1"_s), u"ay"_s);
        const Settings reopened(path());
        QVERIFY(reopened.routeLibrary().conversationRoute(u"conv/1"_s).isEmpty());
        QCOMPARE(reopened.routeLibrary().routeNames(), (QStringList { u"ay"_s, u"bee"_s }));
        QCOMPARE(reopened.routeLibrary().defaultRouteName(), u"ay"_s);
    }

    void uiPreferences()
    {
        const QByteArray geometry("\x01\xd9\xd0\xcb\x00\x03\x00\x00=\n[x]", 14);
        {
            Settings settings(path());
            QSignalSpy enter(&settings, &Settings::sendWithEnterChanged);
            QSignalSpy language(&settings, &Settings::languageChanged);
            QSignalSpy simulated(&settings, &Settings::simulatedModeChanged);
            settings.setSendWithEnter(true);
            settings.setSendWithEnter(true);
            settings.setLanguage(u" de "_s);
            settings.setSimulatedMode(Settings::SimulatedMode::Off);
            settings.setWindowGeometry(geometry);
            settings.setWindowLayout(QSize(1280, 800), QByteArray(64, '\0'));
            settings.setWindowLayout(QSize(800, 600), "small");
            QCOMPARE(enter.count(), 1);
            QCOMPARE(enter.at(0).at(0).toBool(), true);
            QCOMPARE(language.count(), 1);
            QCOMPARE(language.at(0).at(0).toString(), u"de"_s);
            QCOMPARE(simulated.count(), 1);
            QVERIFY(!settings.useSimulator(false));
        }
        Settings settings(path());
        QVERIFY(settings.sendWithEnter());
        QCOMPARE(settings.language(), u"de"_s);
        QCOMPARE(settings.simulatedMode(), Settings::SimulatedMode::Off);
        QCOMPARE(settings.windowGeometry(), geometry);
        QCOMPARE(settings.windowLayout(QSize(1280, 800)), QByteArray(64, '\0'));
        QCOMPARE(settings.windowLayout(QSize(800, 600)), QByteArray("small"));
        QVERIFY(settings.windowLayout(QSize(1920, 1080)).isEmpty());
        settings.setSimulatedMode(Settings::SimulatedMode::On);
        QVERIFY(Settings(path()).useSimulator(true));
        settings.setLanguage(QString()); // back to the system's language
        QVERIFY(Settings(path()).language().isEmpty());
    }

    void colorSchemeFromFile_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<Settings::ColorScheme>("expected");

        QTest::addRow("absent") << QByteArray("[ui]\n") << Settings::ColorScheme::System;
        QTest::addRow("system") << QByteArray("[ui]\ncolor_scheme=system\n")
                                << Settings::ColorScheme::System;
        QTest::addRow("light") << QByteArray("[ui]\ncolor_scheme=light\n")
                               << Settings::ColorScheme::Light;
        QTest::addRow("dark") << QByteArray("[ui]\ncolor_scheme=dark\n")
                              << Settings::ColorScheme::Dark;
        QTest::addRow("unknown") << QByteArray("[ui]\ncolor_scheme=purple\n")
                                 << Settings::ColorScheme::System;
    }

    void colorSchemeFromFile()
    {
        QFETCH(QByteArray, content);
        QFETCH(Settings::ColorScheme, expected);
        writeFile(path(), content);
        QCOMPARE(Settings(path()).colorScheme(), expected);
    }

    void colorSchemeRoundTrip()
    {
        {
            Settings settings(path());
            QSignalSpy changed(&settings, &Settings::colorSchemeChanged);
            settings.setColorScheme(Settings::ColorScheme::Dark);
            settings.setColorScheme(Settings::ColorScheme::Dark);
            QCOMPARE(changed.count(), 1);
            QCOMPARE(
                changed.at(0).at(0).value<Settings::ColorScheme>(), Settings::ColorScheme::Dark);
        }
        Settings settings(path());
        QCOMPARE(settings.colorScheme(), Settings::ColorScheme::Dark);
        settings.setColorScheme(Settings::ColorScheme::System);
        QCOMPARE(Settings(path()).colorScheme(), Settings::ColorScheme::System);
    }

    void malformedFile_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("mentions");

        QTest::addRow("not INI") << QByteArray(
            "this is not an ini file\n[ui]\nsend_with_enter=true\n")
                                 << u"line 1"_s;
        QTest::addRow("unterminated section")
            << QByteArray("[ui]\nsend_with_enter=true\n[policy\nmax_retries=3\n") << u"line 3"_s;
        QTest::addRow("binary") << QByteArray("\x7f"
                                              "ELF\x02\x01\x01\x00\x00\x00",
            10) << u"not a text file"_s;
        QTest::addRow("invalid UTF-8")
            << QByteArray("[ui]\nlanguage=\xff\xfe\n") << u"not a text file"_s;
        QTest::addRow("JSON instead of INI")
            << QByteArray("{\"ui\": {\"send_with_enter\": true}}\n") << u"line 1"_s;
    }

    void malformedFile()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, mentions);
        writeFile(path(), content);

        Settings settings(path());
        QCOMPARE(settings.file().status(), SettingsFile::Status::Malformed);
        QVERIFY2(settings.file().statusMessage().contains(QDir::toNativeSeparators(path())),
            qPrintable(settings.file().statusMessage()));
        QVERIFY2(settings.file().statusMessage().contains(mentions),
            qPrintable(settings.file().statusMessage()));
        QVERIFY(settings.file().statusMessage().endsWith(u'.'));
        // Defaults, and the file untouched.
        QVERIFY(!settings.sendWithEnter());
        QVERIFY(settings.routeLibrary().routes().isEmpty());
        QCOMPARE(readAll(path()), content);
        QVERIFY(backupsIn(m_dir.path()).isEmpty());

        // The first change keeps the old file, then writes a fresh one.
        QSignalSpy status(&settings.file(), &SettingsFile::statusChanged);
        settings.setLanguage(u"fr"_s);
        const QStringList backups = backupsIn(m_dir.path());
        QCOMPARE(backups.size(), 1);
        QCOMPARE(m_dir.filePath(backups.first()), settings.file().backupFilePath());
        QCOMPARE(readAll(settings.file().backupFilePath()), content);
        QVERIFY(settings.file().statusMessage().contains(backups.first()));
        QCOMPARE(status.count(), 1);

        const Settings reopened(path());
        QCOMPARE(reopened.file().status(), SettingsFile::Status::Ok);
        QCOMPARE(reopened.language(), u"fr"_s);
        QVERIFY(!reopened.sendWithEnter());
    }

    void unreadableFile()
    {
        // A directory where the file should be cannot be read, even as root.
        QVERIFY(QDir().mkpath(path()));
        writeFile(QDir(path()).filePath(u"inside"_s), "kept");

        Settings settings(path());
        QCOMPARE(settings.file().status(), SettingsFile::Status::Unreadable);
        QVERIFY2(settings.file().statusMessage().contains(u"could not read"_s),
            qPrintable(settings.file().statusMessage()));
        QCOMPARE(settings.simulatedMode(), Settings::SimulatedMode::Automatic);

        settings.setSendWithEnter(true);
        const QStringList backups = backupsIn(m_dir.path());
        QCOMPARE(backups.size(), 1);
        QCOMPARE(readAll(QDir(settings.file().backupFilePath()).filePath(u"inside"_s)),
            QByteArray("kept"));
        QVERIFY(QFileInfo(path()).isFile());
        QVERIFY(Settings(path()).sendWithEnter());
    }

    void unsavableDirectory()
    {
        // The settings file's directory is a file: nothing can be saved there.
        const QString blocker = m_dir.filePath(u"blocker"_s);
        writeFile(blocker, "not a directory");
        Settings settings(QDir(blocker).filePath(u"detour.ini"_s));
        QCOMPARE(settings.file().status(), SettingsFile::Status::Ok);
        QSignalSpy status(&settings.file(), &SettingsFile::statusChanged);
        settings.setSendWithEnter(true);
        QCOMPARE(settings.file().status(), SettingsFile::Status::NotSaved);
        QVERIFY(settings.file().statusMessage().contains(u"could not save"_s));
        QCOMPARE(status.count(), 1);
        QVERIFY(settings.sendWithEnter()); // kept for this session
        QFile::remove(blocker);
    }

    void noKeyInTheWrittenFile()
    {
        const QString key = u"sk-or-v1-0123456789abcdef0123456789abcdef"_s;
        const QString groqKey = u"gsk_ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"_s;
        const QString plainKey = u"plainlocalserverkey"_s;

        // The keys are in memory, as they are while Detour runs.
        MemorySecretStore keychain;
        keychain.write(u"openrouter"_s, key);
        keychain.write(u"local"_s, plainKey);
        KeyRing ring(&keychain);
        QSignalSpy loaded(&ring, &KeyRing::loaded);
        const QList<Endpoint> endpoints {
            { u"openrouter"_s, EndpointKind::OpenRouter, QUrl(u"https://openrouter.ai/api/v1"_s),
                u"OPENROUTER_API_KEY"_s },
            { u"local"_s, EndpointKind::OpenAiCompatible, QUrl(u"http://127.0.0.1:8080/v1"_s), {} },
        };
        ring.setEndpoints(endpoints);
        QVERIFY(loaded.wait());
        QCOMPARE(ring.keyFor(endpoints[1]), plainKey);

        // Everything that could smuggle a key into the settings file.
        QList<Endpoint> leaky = endpoints;
        leaky[0].keyEnv = key; // a key pasted as the variable name
        leaky[1].keyEnv = plainKey; // looks like a variable name, but it is a known key
        leaky.append({ u"groq"_s, EndpointKind::OpenAiCompatible,
            QUrl(u"https://user:"_s + groqKey + u"@api.groq.com/openai/v1?key="_s + plainKey),
            groqKey });
        Settings settings(path());
        RoutePlan plan = sampleRoute(u"leaky"_s);
        for (Endpoint &endpoint : leaky)
            endpoint.id += u"-leaky"_s;
        plan.endpoints += leaky;
        plan.steps[2].target.model = plainKey; // nonsense, but it must not reach the disk
        QVERIFY(settings.routeLibrary().setRoute(plan));
        settings.routeLibrary().setConversationRoute(plainKey, u"leaky"_s);
        settings.setLanguage(key);

        const QByteArray ini = readAll(path());
        QVERIFY(!ini.isEmpty());
        for (const QString &secret : { key, groqKey, plainKey }) {
            QVERIFY2(!ini.contains(secret.toUtf8()), qPrintable(secret));
            QVERIFY2(!ini.contains(QUrl::toPercentEncoding(secret)), qPrintable(secret));
        }
        QVERIFY(!ini.contains("user:"));
        QVERIFY(ini.contains("OPENROUTER_API_KEY")); // variable names are kept
        QVERIFY(ini.contains("GROQ_API_KEY"));

        // In memory too, the endpoints carry no key.
        const QList<Endpoint> stored =
            settings.routeLibrary().route(u"leaky"_s)->endpoints.mid(2); // the leaky ones
        QCOMPARE(stored.size(), 3);
        QVERIFY(stored[0].keyEnv.isEmpty());
        QVERIFY(stored[1].keyEnv.isEmpty());
        QVERIFY(stored[2].keyEnv.isEmpty());
        QCOMPARE(stored[2].baseUrl, QUrl(u"https://api.groq.com/openai/v1"_s));
    }
};

QTEST_GUILESS_MAIN(TestSettings)
#include "test_settings.moc"
