// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// What a request to an endpoint carries besides its key: the endpoint's headers
// and query parameters, secrets resolved per request and refused with a reason
// when missing or when they would travel unencrypted; the simulator, standing in
// for an endpoint, hears that a secret is there but never the secret.
#include "protocol/RequestBuilder.h"
#include "route/EndpointRequest.h"
#include "route/SimulatorRedirect.h"

#include <QNetworkRequest>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

Endpoint gateway(const QString &baseUrl)
{
    Endpoint endpoint { u"gw"_s, EndpointKind::OpenAiCompatible, QUrl(baseUrl), QString() };
    endpoint.headers = { { u"x-portkey-provider"_s, EndpointParam::Source::Value, u"openrouter"_s },
        { u"x-portkey-api-key"_s, EndpointParam::Source::Environment, u"TEST_PORTKEY_KEY"_s } };
    endpoint.query = { { u"api-version"_s, EndpointParam::Source::Value, u"2024-10-21"_s },
        { u"sig"_s, EndpointParam::Source::Keyring, u"sig-entry"_s } };
    return endpoint;
}

// Stands in for KeyRing: a value for exactly the secrets it knows.
QString resolve(const Endpoint &, const EndpointParam &param)
{
    if (param.source == EndpointParam::Source::Environment && param.value == "TEST_PORTKEY_KEY"_L1)
        return u"pk-secret-123456"_s;
    if (param.source == EndpointParam::Source::Keyring && param.value == "sig-entry"_L1)
        return u"a b&c=d"_s; // needs percent-encoding
    return {};
}

} // namespace

class TestEndpointRequest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void addsHeadersAndQuery()
    {
        const Endpoint endpoint = gateway(u"https://api.portkey.ai/v1?team=7"_s);
        QNetworkRequest request =
            RequestBuilder::networkRequest(endpoint.kind, endpoint.baseUrl, u"sk-provider"_s);
        QVERIFY(!EndpointRequest::addParams(request, endpoint, &resolve));
        QCOMPARE(request.rawHeader("x-portkey-provider"), QByteArrayLiteral("openrouter"));
        QCOMPARE(request.rawHeader("x-portkey-api-key"), QByteArrayLiteral("pk-secret-123456"));
        QCOMPARE(request.rawHeader("Authorization"),
            QByteArrayLiteral("Bearer sk-provider")); // untouched
        QCOMPARE(request.url().path(), u"/v1/chat/completions"_s);
        const QUrlQuery query(request.url());
        QCOMPARE(query.queryItemValue(u"team"_s), u"7"_s); // the base URL's own stays
        QCOMPARE(query.queryItemValue(u"api-version"_s), u"2024-10-21"_s);
        QCOMPARE(query.queryItemValue(u"sig"_s, QUrl::FullyDecoded), u"a b&c=d"_s);
        QCOMPARE(query.queryItems().size(), qsizetype(3));
        // Redirects are never followed, so nothing of this goes to another origin.
        QCOMPARE(request.attribute(QNetworkRequest::RedirectPolicyAttribute).toInt(),
            int(QNetworkRequest::ManualRedirectPolicy));
    }

    void missingSecretSendsNothing_data()
    {
        QTest::addColumn<QString>("unknown"); // which secret the resolver does not know
        QTest::addColumn<QString>("said");
        QTest::addRow("environment variable not set")
            << u"TEST_PORTKEY_KEY"_s << u"the environment variable TEST_PORTKEY_KEY"_s;
        QTest::addRow("keyring entry not saved")
            << u"sig-entry"_s << u"keyring entry \"sig-entry\""_s;
    }

    void missingSecretSendsNothing()
    {
        QFETCH(QString, unknown);
        QFETCH(QString, said);
        const Endpoint endpoint = gateway(u"https://api.portkey.ai/v1"_s);
        QNetworkRequest request =
            RequestBuilder::networkRequest(endpoint.kind, endpoint.baseUrl, QString());
        const QUrl before = request.url();
        const auto refused = EndpointRequest::addParams(
            request, endpoint, [&](const Endpoint &e, const EndpointParam &param) {
                return param.value == unknown ? QString() : resolve(e, param);
            });
        QVERIFY(refused);
        QCOMPARE(refused->outcome, Outcome::Auth);
        QCOMPARE(refused->party, Party::You);
        QVERIFY2(refused->summary.contains(said), qPrintable(refused->summary));
        // Nothing was added, not even the values that were there.
        QVERIFY(!request.hasRawHeader("x-portkey-provider"));
        QCOMPARE(request.url(), before);
    }

    void noSecretOverPlainHttpToAnotherComputer()
    {
        const Endpoint endpoint = gateway(u"http://gateway.office.example:4000/v1"_s);
        QNetworkRequest request =
            RequestBuilder::networkRequest(endpoint.kind, endpoint.baseUrl, QString());
        int asked = 0;
        const auto refused = EndpointRequest::addParams(
            request, endpoint, [&](const Endpoint &e, const EndpointParam &param) {
                ++asked;
                return resolve(e, param);
            });
        QVERIFY(refused);
        QVERIFY(refused->summary.contains(u"http://"_s));
        QCOMPARE(asked, 0); // the secret was never even looked up
        QVERIFY(!request.hasRawHeader("x-portkey-api-key"));

        // On this computer, plain http is fine (nothing leaves it).
        const Endpoint local = gateway(u"http://127.0.0.1:8787/v1"_s);
        QNetworkRequest localRequest =
            RequestBuilder::networkRequest(local.kind, local.baseUrl, QString());
        QVERIFY(!EndpointRequest::addParams(localRequest, local, &resolve));
        QCOMPARE(
            localRequest.rawHeader("x-portkey-api-key"), QByteArrayLiteral("pk-secret-123456"));
    }

    void plainValuesNeedNoResolver()
    {
        Endpoint endpoint { u"azure"_s, EndpointKind::OpenAiCompatible,
            QUrl(u"https://r.openai.azure.com/openai/deployments/d"_s), QString() };
        endpoint.query = { { u"api-version"_s, EndpointParam::Source::Value, u"2024-10-21"_s } };
        QNetworkRequest request =
            RequestBuilder::networkRequest(endpoint.kind, endpoint.baseUrl, QString());
        QVERIFY(!EndpointRequest::addParams(request, endpoint, {}));
        QCOMPARE(request.url().toString(),
            u"https://r.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-10-21"_s);
    }

    void environmentResolver()
    {
        qputenv("TEST_GATEWAY_VALUE", "  from-env-42  ");
        const EndpointParam param { u"x-a"_s, EndpointParam::Source::Environment,
            u"TEST_GATEWAY_VALUE"_s };
        QCOMPARE(EndpointRequest::paramFromEnvironment({}, param), u"from-env-42"_s);
        qunsetenv("TEST_GATEWAY_VALUE");
        QCOMPARE(EndpointRequest::paramFromEnvironment({}, param), QString());
        // A keyring entry is not the environment's.
        const EndpointParam entry { u"x-a"_s, EndpointParam::Source::Keyring, u"HOME"_s };
        QCOMPARE(EndpointRequest::paramFromEnvironment({}, entry), QString());
    }

    void simulatorHearsNoSecret()
    {
        RoutePlan plan;
        plan.endpoints.append(gateway(u"https://api.portkey.ai/v1"_s));
        plan.steps.append({ u"gw"_s, { u"m"_s, {}, {} }, true });
        const RoutePlan redirected =
            SimulatorRedirect(QUrl(u"http://127.0.0.1:9/api/v1"_s)).applied(plan);
        const Endpoint &endpoint = redirected.endpoints.first();
        QCOMPARE(endpoint.headers[0].value, u"openrouter"_s); // plain values stay
        QCOMPARE(endpoint.headers[1].source, EndpointParam::Source::Value);
        QCOMPARE(endpoint.headers[1].value, u"[simulated]"_s);
        QCOMPARE(endpoint.query[1].value, u"[simulated]"_s);
        // Even a resolver that knows the secrets has nothing to say.
        QNetworkRequest request =
            RequestBuilder::networkRequest(endpoint.kind, endpoint.baseUrl, QString());
        QVERIFY(!EndpointRequest::addParams(request, endpoint, &resolve));
        QCOMPARE(request.rawHeader("x-portkey-api-key"), QByteArrayLiteral("[simulated]"));
    }
};

QTEST_GUILESS_MAIN(TestEndpointRequest)
#include "test_endpoint_request.moc"
