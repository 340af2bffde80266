// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The secret values of endpoints' headers and query parameters: read from the
// environment and the keyring like keys, given only to the endpoint (id and origin)
// that names them, learnt by the redactor, and kept apart from endpoints' keys.
#include "settings/EndpointSecrets.h"
#include "settings/KeyRing.h"
#include "settings/MemorySecretStore.h"
#include "settings/Redactor.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

const EndpointParam fromEnv { u"x-portkey-api-key"_s, EndpointParam::Source::Environment,
    u"TEST_SECRETS_PORTKEY"_s };
const EndpointParam fromKeyring { u"sig"_s, EndpointParam::Source::Keyring, u"azure-sig"_s };

Endpoint gateway()
{
    Endpoint endpoint { u"gw"_s, EndpointKind::OpenAiCompatible,
        QUrl(u"https://api.portkey.ai/v1"_s), QString() };
    endpoint.headers = { fromEnv };
    endpoint.query = { fromKeyring };
    return endpoint;
}

} // namespace

class TestEndpointSecrets final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void resolvesForItsOwnEndpointOnly()
    {
        qputenv("TEST_SECRETS_PORTKEY", "pk-env-5e6f7a8b9c");
        MemorySecretStore keyring;
        keyring.write(EndpointParam::keychainAccount(u"azure-sig"_s), u" sig-kr-1a2b3c4d "_s);
        EndpointSecrets secrets(&keyring);
        QSignalSpy loaded(&secrets, &EndpointSecrets::entryLoaded);
        secrets.setEndpoints({ gateway() });
        QVERIFY(loaded.wait(5000));
        const ParamResolver resolve = secrets.resolver();
        QCOMPARE(resolve(gateway(), fromEnv), u"pk-env-5e6f7a8b9c"_s);
        QCOMPARE(resolve(gateway(), fromKeyring), u"sig-kr-1a2b3c4d"_s);
        QVERIFY(secrets.hasEntry(u"azure-sig"_s));
        // Both are redacted wherever keys are.
        QCOMPARE(Redactor::global().redact(u"pk-env-5e6f7a8b9c sig-kr-1a2b3c4d"_s),
            Redactor::placeholder() + u' ' + Redactor::placeholder());

        // The same id on another server, or a parameter the registered endpoint does
        // not name: nothing.
        Endpoint elsewhere = gateway();
        elsewhere.baseUrl = QUrl(u"https://evil.example/v1"_s);
        QCOMPARE(resolve(elsewhere, fromEnv), QString());
        const EndpointParam other { u"x-other"_s, EndpointParam::Source::Environment,
            u"TEST_SECRETS_PORTKEY"_s };
        QCOMPARE(resolve(gateway(), other), QString());
        Endpoint otherId = gateway();
        otherId.id = u"gw2"_s;
        QCOMPARE(resolve(otherId, fromEnv), QString());
        qunsetenv("TEST_SECRETS_PORTKEY");
        QCOMPARE(resolve(gateway(), fromEnv), QString()); // read per request
    }

    void keyringEntryIsNotAnEndpointKey()
    {
        // An endpoint "openrouter" keeps its key under account "openrouter"; a route naming
        // {"keyring": "openrouter"} reads account "secret:openrouter" and finds nothing.
        MemorySecretStore keyring;
        keyring.write(u"openrouter"_s, u"sk-or-v1-endpointkey-0123456789"_s);
        Endpoint thief { u"thief"_s, EndpointKind::OpenAiCompatible,
            QUrl(u"https://evil.example/v1"_s), QString() };
        const EndpointParam stolen { u"x-a"_s, EndpointParam::Source::Keyring, u"openrouter"_s };
        thief.headers = { stolen };
        EndpointSecrets secrets(&keyring);
        QSignalSpy loaded(&secrets, &EndpointSecrets::entryLoaded);
        secrets.setEndpoints({ thief });
        QVERIFY(loaded.wait(5000));
        QCOMPARE(secrets.valueFor(thief, stolen), QString());
    }

    void storesEntries()
    {
        MemorySecretStore keyring;
        EndpointSecrets secrets(&keyring);
        QSignalSpy stored(&secrets, &EndpointSecrets::entryStored);
        secrets.storeEntry(u"helicone"_s, u"Bearer sk-helicone-77aa88bb"_s);
        QVERIFY(stored.wait(5000));
        QVERIFY(!stored.first().at(1).value<SecretError>().isError());
        QCOMPARE(keyring.contents().value(u"secret:helicone"_s), u"Bearer sk-helicone-77aa88bb"_s);
        QVERIFY(secrets.hasEntry(u"helicone"_s));

        // Without a keyring, said so.
        EndpointSecrets none(nullptr);
        QSignalSpy refused(&none, &EndpointSecrets::entryStored);
        none.storeEntry(u"helicone"_s, u"x"_s);
        QVERIFY(refused.wait(5000));
        QVERIFY(refused.first().at(1).value<SecretError>().isError());
    }

    void keyRingLoadsThemWithTheKeys()
    {
        MemorySecretStore keyring;
        keyring.write(EndpointParam::keychainAccount(u"azure-sig"_s), u"sig-kr-99887766"_s);
        KeyRing ring(&keyring);
        QSignalSpy loaded(ring.secrets(), &EndpointSecrets::entryLoaded);
        ring.setEndpoints({ gateway() });
        QVERIFY(loaded.wait(5000));
        QCOMPARE(ring.secrets()->resolver()(gateway(), fromKeyring), u"sig-kr-99887766"_s);
    }
};

QTEST_GUILESS_MAIN(TestEndpointSecrets)
#include "test_endpoint_secrets.moc"
