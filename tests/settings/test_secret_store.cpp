// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "settings/EnvironmentSecretStore.h"
#include "settings/KeyRing.h"
#include "settings/KeychainSecretStore.h"
#include "settings/MemorySecretStore.h"
#include "settings/Redactor.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

// Before main(): a private home with its own XDG directories and no D-Bus
// session, so the keychain cannot reach any real keyring and anything it
// might write lands where the test can see it.
QTemporaryDir &sandbox()
{
    static QTemporaryDir dir;
    return dir;
}

void isolateEnvironment()
{
    const QDir root(sandbox().path());
    const auto useDir = [&root](const char *variable, const QString &name) {
        root.mkpath(name);
        QFile::setPermissions(root.filePath(name),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        qputenv(variable, QFile::encodeName(root.filePath(name)));
    };
    useDir("HOME", u"home"_s);
    useDir("XDG_CONFIG_HOME", u"config"_s);
    useDir("XDG_DATA_HOME", u"data"_s);
    useDir("XDG_CACHE_HOME", u"cache"_s);
    useDir("XDG_STATE_HOME", u"state"_s);
    useDir("XDG_RUNTIME_DIR", u"runtime"_s);
    for (const char *variable : { "DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY",
             "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION",
             "GNOME_DESKTOP_SESSION_ID", "OPENROUTER_API_KEY" })
        qunsetenv(variable);
}
Q_CONSTRUCTOR_FUNCTION(isolateEnvironment)

QStringList filesUnder(const QString &path)
{
    QStringList files;
    QDirIterator it(path, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    return files;
}

Endpoint endpoint(
    const QString &id, EndpointKind kind, const QString &url, const QString &keyEnv = {})
{
    return { id, kind, QUrl(url), keyEnv };
}

} // namespace

class TestSecretStore final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        for (const char *variable :
            { "OPENROUTER_API_KEY", "DETOUR_TEST_OWN_KEY", "DETOUR_TEST_UNSET" })
            qunsetenv(variable);
    }

    void memoryRoundTrip()
    {
        MemorySecretStore store;
        QVERIFY(!store.isPersistent());
        QSignalSpy written(&store, &SecretStore::writeFinished);
        QSignalSpy read(&store, &SecretStore::readFinished);
        QSignalSpy removed(&store, &SecretStore::removeFinished);

        store.write(u"groq"_s, u"gsk-memory-secret"_s);
        QCOMPARE(written.count(), 0); // never answered before the call returns
        QVERIFY(written.wait());
        QCOMPARE(written.at(0).at(0).toString(), u"groq"_s);
        QVERIFY(!written.at(0).at(1).value<SecretError>().isError());

        store.read(u"groq"_s);
        QVERIFY(read.wait());
        QCOMPARE(read.at(0).at(1).toString(), u"gsk-memory-secret"_s);

        store.remove(u"groq"_s);
        QVERIFY(removed.wait());
        store.read(u"groq"_s);
        QVERIFY(read.wait());
        QCOMPARE(read.at(1).at(0).toString(), u"groq"_s);
        QVERIFY(read.at(1).at(1).toString().isEmpty());
        QVERIFY(!read.at(1).at(2).value<SecretError>().isError());

        store.setFailure({ SecretError::Kind::Unavailable, u"No keyring."_s });
        store.read(u"groq"_s);
        QVERIFY(read.wait());
        QCOMPARE(read.at(2).at(2).value<SecretError>().kind, SecretError::Kind::Unavailable);
    }

    void environmentPerEndpoint_data()
    {
        QTest::addColumn<Endpoint>("endpoint");
        QTest::addColumn<QString>("openRouterKey");
        QTest::addColumn<QString>("ownKey");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("variable");

        const QString own = u"DETOUR_TEST_OWN_KEY"_s;
        const QString openRouter = u"https://openrouter.ai/api/v1"_s;
        QTest::addRow("own variable") << endpoint(
            u"groq"_s, EndpointKind::OpenAiCompatible, u"https://api.groq.com/openai/v1"_s, own)
                                      << QString() << u"gsk-own"_s << u"gsk-own"_s << own;
        QTest::addRow("OPENROUTER_API_KEY for openrouter.ai")
            << endpoint(u"openrouter"_s, EndpointKind::OpenRouter, openRouter) << u"sk-or-v1-env"_s
            << QString() << u"sk-or-v1-env"_s << u"OPENROUTER_API_KEY"_s;
        QTest::addRow("own variable wins over OPENROUTER_API_KEY")
            << endpoint(u"openrouter"_s, EndpointKind::OpenRouter, openRouter, own)
            << u"sk-or-v1-env"_s << u"sk-or-v1-own"_s << u"sk-or-v1-own"_s << own;
        QTest::addRow("unset own variable falls back for openrouter.ai")
            << endpoint(
                   u"openrouter"_s, EndpointKind::OpenRouter, openRouter, u"DETOUR_TEST_UNSET"_s)
            << u"sk-or-v1-env"_s << QString() << u"sk-or-v1-env"_s << u"OPENROUTER_API_KEY"_s;
        QTest::addRow("no OpenRouter key for the simulator")
            << endpoint(u"simulated"_s, EndpointKind::OpenRouter, u"http://127.0.0.1:8080/api/v1"_s)
            << u"sk-or-v1-env"_s << QString() << QString() << QString();
        QTest::addRow("no OpenRouter key for another server")
            << endpoint(
                   u"groq"_s, EndpointKind::OpenAiCompatible, u"https://api.groq.com/openai/v1"_s)
            << u"sk-or-v1-env"_s << QString() << QString() << QString();
        QTest::addRow("no OpenRouter key over http")
            << endpoint(u"openrouter"_s, EndpointKind::OpenRouter, u"http://openrouter.ai/api/v1"_s)
            << u"sk-or-v1-env"_s << QString() << QString() << QString();
        QTest::addRow("nothing set") << endpoint(
            u"groq"_s, EndpointKind::OpenAiCompatible, u"https://api.groq.com/openai/v1"_s, own)
                                     << QString() << QString() << QString() << QString();
    }

    void environmentPerEndpoint()
    {
        QFETCH(Endpoint, endpoint);
        QFETCH(QString, openRouterKey);
        QFETCH(QString, ownKey);
        QFETCH(QString, expected);
        QFETCH(QString, variable);
        if (!openRouterKey.isEmpty())
            qputenv("OPENROUTER_API_KEY", openRouterKey.toUtf8());
        if (!ownKey.isEmpty())
            qputenv("DETOUR_TEST_OWN_KEY", ownKey.toUtf8());

        QCOMPARE(EnvironmentSecretStore::keyFor(endpoint), expected);
        QCOMPARE(EnvironmentSecretStore::variableFor(endpoint), variable);

        EnvironmentSecretStore store;
        store.setEndpoints({ endpoint });
        QSignalSpy read(&store, &SecretStore::readFinished);
        store.read(endpoint.id);
        QVERIFY(read.wait());
        QCOMPARE(read.at(0).at(1).toString(), expected);
        store.read(u"unknown"_s);
        QVERIFY(read.wait());
        QVERIFY(read.at(1).at(1).toString().isEmpty());
    }

    void environmentIsReadOnly()
    {
        EnvironmentSecretStore store;
        QVERIFY(!store.isWritable());
        QSignalSpy written(&store, &SecretStore::writeFinished);
        store.write(u"openrouter"_s, u"sk-or-v1-nope"_s);
        QVERIFY(written.wait());
        const auto error = written.at(0).at(1).value<SecretError>();
        QCOMPARE(error.kind, SecretError::Kind::ReadOnly);
        QVERIFY(!error.message.isEmpty());
        QVERIFY(qEnvironmentVariableIsEmpty("OPENROUTER_API_KEY"));
    }

    void keychainWithoutKeyringFailsClearlyAndWritesNothing()
    {
        QVERIFY(filesUnder(sandbox().path()).isEmpty());
        const QString secret = u"sk-or-v1-keychain-must-not-land-on-disk"_s;
        const QString sentence =
            u"No system keyring is running, so Detour cannot store keys; set "
            "OPENROUTER_API_KEY (or the variable the endpoint names) instead."_s;
        QCOMPARE(KeychainSecretStore::unavailableMessage(), sentence);

        KeychainSecretStore store;
        QVERIFY(store.isPersistent());
        QCOMPARE(store.service(), u"Detour"_s);
        QSignalSpy written(&store, &SecretStore::writeFinished);
        QSignalSpy read(&store, &SecretStore::readFinished);
        QSignalSpy removed(&store, &SecretStore::removeFinished);

        store.write(u"openrouter"_s, secret);
        QVERIFY(written.wait(60'000));
        QCOMPARE(written.count(), 1);
        QCOMPARE(written.at(0).at(0).toString(), u"openrouter"_s);
        const auto writeError = written.at(0).at(1).value<SecretError>();
        QCOMPARE(writeError.kind, SecretError::Kind::Unavailable);
        QCOMPARE(writeError.message, sentence);

        store.read(u"openrouter"_s);
        QVERIFY(read.wait(60'000));
        QVERIFY(read.at(0).at(1).toString().isEmpty());
        QCOMPARE(read.at(0).at(2).value<SecretError>().message, sentence);

        store.remove(u"openrouter"_s);
        QVERIFY(removed.wait(60'000));
        QCOMPARE(removed.at(0).at(1).value<SecretError>().kind, SecretError::Kind::Unavailable);

        // No plain-text fallback: nothing at all under HOME / XDG_*, and the
        // secret in no file there.
        const QStringList files = filesUnder(sandbox().path());
        QVERIFY2(files.isEmpty(), qPrintable(files.join(u", "_s)));
        QCOMPARE(written.count(), 1);
    }

    void keyRingResolvesOnlyItsOwnEndpoint()
    {
        MemorySecretStore keychain;
        keychain.write(u"groq"_s, u"gsk-keychain-groq-key"_s);
        keychain.write(u"cerebras"_s, u"csk-keychain-cerebras-key"_s);
        const Endpoint groq = endpoint(
            u"groq"_s, EndpointKind::OpenAiCompatible, u"https://api.groq.com/openai/v1"_s);
        const Endpoint cerebras = endpoint(
            u"cerebras"_s, EndpointKind::OpenAiCompatible, u"https://api.cerebras.ai/v1"_s);
        const Endpoint local =
            endpoint(u"local"_s, EndpointKind::OpenAiCompatible, u"http://127.0.0.1:11434/v1"_s);

        KeyRing ring(&keychain);
        QSignalSpy loaded(&ring, &KeyRing::loaded);
        ring.setEndpoints({ groq, cerebras, local });
        QVERIFY(!ring.isLoaded());
        QCOMPARE(ring.status(u"groq"_s), KeyRing::KeyStatus::Loading);
        QVERIFY(loaded.wait());
        QVERIFY(ring.isLoaded());

        const KeyResolver resolve = ring.resolver();
        QCOMPARE(resolve(groq), u"gsk-keychain-groq-key"_s);
        QCOMPARE(resolve(cerebras), u"csk-keychain-cerebras-key"_s);
        QCOMPARE(resolve(local), QString());
        QCOMPARE(ring.status(u"groq"_s), KeyRing::KeyStatus::Keychain);
        QCOMPARE(ring.status(u"local"_s), KeyRing::KeyStatus::None);

        // The same id on another server is not this key's endpoint.
        Endpoint impostor = groq;
        impostor.baseUrl = QUrl(u"https://collector.example.net/openai/v1"_s);
        QCOMPARE(resolve(impostor), QString());
        impostor.baseUrl = QUrl(u"https://api.groq.com:8443/openai/v1"_s);
        QCOMPARE(resolve(impostor), QString());
        // Another path on the same origin is still the endpoint.
        Endpoint samePlace = groq;
        samePlace.baseUrl = QUrl(u"https://API.groq.com/openai/v1/"_s);
        QCOMPARE(resolve(samePlace), u"gsk-keychain-groq-key"_s);
        // Unknown ids get nothing.
        QCOMPARE(resolve(endpoint(u"mistral"_s, EndpointKind::OpenAiCompatible,
                     u"https://api.groq.com/openai/v1"_s)),
            QString());

        // Every key learned is redacted from logs from now on.
        QCOMPARE(Redactor::global().redact(u"key gsk-keychain-groq-key"_s), u"key [redacted]"_s);

        // Dropping an endpoint drops its key; the resolver outlives the ring safely.
        ring.setEndpoints({ cerebras });
        QCOMPARE(resolve(groq), QString());
        KeyResolver orphan;
        {
            MemorySecretStore other;
            KeyRing shortLived(&other);
            orphan = shortLived.resolver();
        }
        QCOMPARE(orphan(groq), QString());
    }

    void keyRingEnvironmentWins()
    {
        qputenv("DETOUR_TEST_OWN_KEY", "gsk-from-environment");
        MemorySecretStore keychain;
        keychain.write(u"groq"_s, u"gsk-from-keychain"_s);
        const Endpoint groq = endpoint(u"groq"_s, EndpointKind::OpenAiCompatible,
            u"https://api.groq.com/openai/v1"_s, u"DETOUR_TEST_OWN_KEY"_s);

        KeyRing ring(&keychain);
        QSignalSpy loaded(&ring, &KeyRing::loaded);
        ring.setEndpoints({ groq });
        QVERIFY(loaded.wait());
        QCOMPARE(ring.status(u"groq"_s), KeyRing::KeyStatus::Environment);
        QCOMPARE(ring.environmentVariable(u"groq"_s), u"DETOUR_TEST_OWN_KEY"_s);
        QCOMPARE(ring.resolver()(groq), u"gsk-from-environment"_s);
        QVERIFY(ring.statusMessage(u"groq"_s).contains(u"DETOUR_TEST_OWN_KEY"_s));

        // Saving a key in the keychain does not displace the environment's.
        QSignalSpy stored(&ring, &KeyRing::keyStored);
        ring.storeKey(u"groq"_s, u"gsk-new-keychain-key"_s);
        QVERIFY(stored.wait());
        QVERIFY(!stored.at(0).at(1).value<SecretError>().isError());
        QCOMPARE(keychain.contents().value(u"groq"_s), u"gsk-new-keychain-key"_s);
        QCOMPARE(ring.resolver()(groq), u"gsk-from-environment"_s);

        // Without the variable, the keychain's key is used.
        qunsetenv("DETOUR_TEST_OWN_KEY");
        ring.reload();
        QVERIFY(loaded.wait());
        QCOMPARE(ring.status(u"groq"_s), KeyRing::KeyStatus::Keychain);
        QCOMPARE(ring.resolver()(groq), u"gsk-new-keychain-key"_s);
    }

    void keyRingStoresAndRemoves()
    {
        MemorySecretStore keychain;
        const Endpoint groq = endpoint(
            u"groq"_s, EndpointKind::OpenAiCompatible, u"https://api.groq.com/openai/v1"_s);
        KeyRing ring(&keychain);
        QSignalSpy loaded(&ring, &KeyRing::loaded);
        QSignalSpy statuses(&ring, &KeyRing::statusChanged);
        ring.setEndpoints({ groq });
        QVERIFY(loaded.wait());
        QCOMPARE(ring.status(u"groq"_s), KeyRing::KeyStatus::None);
        QCOMPARE(ring.resolver()(groq), QString());

        QSignalSpy stored(&ring, &KeyRing::keyStored);
        ring.storeKey(u"groq"_s, u"  gsk-pasted-with-spaces\n"_s);
        QVERIFY(stored.wait());
        QCOMPARE(ring.status(u"groq"_s), KeyRing::KeyStatus::Keychain);
        QCOMPARE(ring.resolver()(groq), u"gsk-pasted-with-spaces"_s);
        QCOMPARE(statuses.last().at(1).value<KeyRing::KeyStatus>(), KeyRing::KeyStatus::Keychain);

        QSignalSpy removed(&ring, &KeyRing::keyRemoved);
        ring.removeKey(u"groq"_s);
        QVERIFY(removed.wait());
        QCOMPARE(ring.status(u"groq"_s), KeyRing::KeyStatus::None);
        QCOMPARE(ring.resolver()(groq), QString());
        QVERIFY(keychain.contents().isEmpty());
    }

    void keyRingReportsUnavailableKeychain()
    {
        qputenv("OPENROUTER_API_KEY", "sk-or-v1-environment-still-works");
        KeychainSecretStore keychain; // no keyring here
        const Endpoint openRouter = endpoint(u"openrouter"_s, EndpointKind::OpenRouter,
            u"https://openrouter.ai/api/v1"_s, u"OPENROUTER_API_KEY"_s);
        const Endpoint groq = endpoint(u"groq"_s, EndpointKind::OpenAiCompatible,
            u"https://api.groq.com/openai/v1"_s, u"DETOUR_TEST_UNSET"_s);
        KeyRing ring(&keychain);
        QSignalSpy loaded(&ring, &KeyRing::loaded);
        ring.setEndpoints({ openRouter, groq });
        QVERIFY(loaded.wait(60'000));
        QCOMPARE(ring.status(u"openrouter"_s), KeyRing::KeyStatus::Environment);
        QCOMPARE(ring.resolver()(openRouter), u"sk-or-v1-environment-still-works"_s);
        QCOMPARE(ring.status(u"groq"_s), KeyRing::KeyStatus::KeychainUnavailable);
        QCOMPARE(ring.statusMessage(u"groq"_s), KeychainSecretStore::unavailableMessage());
        QCOMPARE(ring.resolver()(groq), QString());

        QSignalSpy stored(&ring, &KeyRing::keyStored);
        ring.storeKey(u"groq"_s, u"gsk-cannot-be-saved"_s);
        QVERIFY(stored.wait(60'000));
        QCOMPARE(stored.at(0).at(1).value<SecretError>().message,
            KeychainSecretStore::unavailableMessage());
        QCOMPARE(ring.resolver()(groq), QString());
        QVERIFY(filesUnder(sandbox().path()).isEmpty());
    }

    void insecureHttp_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("withheld");

        QTest::addRow("https remote") << u"https://api.example.com/v1"_s << false;
        QTest::addRow("http remote") << u"http://api.example.com/v1"_s << true;
        QTest::addRow("http LAN address") << u"http://192.168.1.20:11434/v1"_s << true;
        QTest::addRow("http 127.0.0.1") << u"http://127.0.0.1:8080/v1"_s << false;
        QTest::addRow("http 127.8.9.10") << u"http://127.8.9.10:8080/v1"_s << false;
        QTest::addRow("http localhost") << u"http://localhost:1234/v1"_s << false;
        QTest::addRow("http LOCALHOST.") << u"http://LOCALHOST.:1234/v1"_s << false;
        QTest::addRow("http [::1]") << u"http://[::1]:11434/v1"_s << false;
        QTest::addRow("http localhost lookalike") << u"http://localhost.example.com/v1"_s << true;
    }

    void insecureHttp()
    {
        QFETCH(QString, url);
        QFETCH(bool, withheld);
        MemorySecretStore keychain;
        keychain.write(u"server"_s, u"server-secret-key"_s);
        const Endpoint server = endpoint(u"server"_s, EndpointKind::OpenAiCompatible, url);
        KeyRing ring(&keychain);
        QSignalSpy loaded(&ring, &KeyRing::loaded);
        ring.setEndpoints({ server });
        QVERIFY(loaded.wait());

        QCOMPARE(KeyRing::isInsecure(server.baseUrl), withheld);
        QCOMPARE(ring.needsInsecureConfirmation(server), withheld);
        QSignalSpy withheldSpy(&ring, &KeyRing::keyWithheld);
        const KeyResolver resolve = ring.resolver();
        QCOMPARE(resolve(server), withheld ? QString() : u"server-secret-key"_s);
        if (!withheld) {
            QCOMPARE(ring.keyFor(server), u"server-secret-key"_s);
            return;
        }
        QVERIFY(withheldSpy.wait());
        QCOMPARE(withheldSpy.at(0).at(0).toString(), u"server"_s);

        QVERIFY(!ring.confirmInsecure(u"unknown"_s));
        QVERIFY(ring.confirmInsecure(u"server"_s));
        QVERIFY(!ring.needsInsecureConfirmation(server));
        QCOMPARE(resolve(server), u"server-secret-key"_s);

        // The confirmation was for that server: moving the endpoint withdraws it.
        Endpoint moved = server;
        moved.baseUrl = QUrl(u"http://elsewhere.example.org/v1"_s);
        ring.setEndpoints({ moved });
        QVERIFY(loaded.wait());
        QVERIFY(ring.needsInsecureConfirmation(moved));
        QCOMPARE(resolve(moved), QString());
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "test_secret_store.moc"
