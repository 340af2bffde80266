// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// An endpoint's "headers" and "query" in the route file: read, written back the
// same, and refused (with the reason) where a header would break the request,
// contradict Detour, or put a credential into the file.
#include "route/RouteFile.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

// JSON written with single quotes, so it reads well inside C++ strings.
QByteArray quoted(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

QByteArray routeWith(const QByteArray &endpointExtra, const QByteArray &keyEnv = "")
{
    return "{\"endpoints\": [{\"id\": \"gw\", \"kind\": \"openai\", \"base_url\": "
           "\"https://gateway.example/v1\", \"key_env\": \""
        + keyEnv + "\"" + endpointExtra
        + "}], \"steps\": [{\"endpoint\": \"gw\", \"model\": \"m\"}]}";
}

} // namespace

Q_DECLARE_METATYPE(detour::EndpointParam::Place)
Q_DECLARE_METATYPE(detour::EndpointParam::Source)

class TestEndpointParam final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsEveryKindOfValue()
    {
        const Result<RoutePlan> plan = RouteFile::read(routeWith(
            quoted(", 'headers': {'x-portkey-provider': 'openrouter', 'x-portkey-api-key': {'env': "
                   "'PORTKEY_API_KEY'}, 'Helicone-Auth': {'keyring': 'helicone'}}, 'query': "
                   "{'api-version': '2024-10-21', 'sig': {'env': 'AZURE_SIG'}}")));
        QVERIFY2(plan, qPrintable(plan.error()));
        const Endpoint &endpoint = plan->endpoints.first();
        // nlohmann's objects keep names sorted: that is the order they come back in.
        const EndpointParams headers {
            { u"Helicone-Auth"_s, EndpointParam::Source::Keyring, u"helicone"_s },
            { u"x-portkey-api-key"_s, EndpointParam::Source::Environment, u"PORTKEY_API_KEY"_s },
            { u"x-portkey-provider"_s, EndpointParam::Source::Value, u"openrouter"_s },
        };
        QCOMPARE(endpoint.headers, headers);
        const EndpointParams query {
            { u"api-version"_s, EndpointParam::Source::Value, u"2024-10-21"_s },
            { u"sig"_s, EndpointParam::Source::Environment, u"AZURE_SIG"_s },
        };
        QCOMPARE(endpoint.query, query);
        QVERIFY(!endpoint.headers[0].value.contains(u"Bearer"_s)); // the entry's name, no secret

        // Written and read again: the same endpoint, secrets still references.
        const QByteArray written = RouteFile::write(*plan);
        QVERIFY(
            written.contains(quoted("'x-portkey-api-key': {\n          'env': 'PORTKEY_API_KEY'")));
        QVERIFY(written.contains(quoted("'Helicone-Auth': {\n          'keyring': 'helicone'")));
        const Result<RoutePlan> again = RouteFile::read(written);
        QVERIFY2(again, qPrintable(again.error()));
        QCOMPARE(again->endpoints, plan->endpoints);
        QCOMPARE(RouteFile::write(*again), written);
    }

    void endpointWithoutThemWritesNeither()
    {
        const Result<RoutePlan> plan = RouteFile::read(routeWith({}));
        QVERIFY(plan);
        QVERIFY(plan->endpoints.first().headers.isEmpty());
        const QByteArray written = RouteFile::write(*plan);
        QVERIFY(!written.contains("\"headers\""));
        QVERIFY(!written.contains("\"query\""));
    }

    void refusesMalformedValues_data()
    {
        QTest::addColumn<QByteArray>("extra");
        QTest::addColumn<QString>("expected");
        QTest::addRow("headers not an object")
            << quoted(", 'headers': ['a']") << u"endpoints[0].headers must be a JSON object"_s;
        QTest::addRow("a number") << quoted(", 'headers': {'x-a': 5}")
                                  << u"endpoints[0].headers.x-a must be a string"_s;
        QTest::addRow("an unknown source") << quoted(", 'query': {'a': {'file': 'x'}}")
                                           << u"endpoints[0].query.a must be a string"_s;
        QTest::addRow("two sources") << quoted(", 'headers': {'x-a': {'env': 'A', 'keyring': 'b'}}")
                                     << u"endpoints[0].headers.x-a must be a string"_s;
        QTest::addRow("a variable that is no name")
            << quoted(", 'headers': {'x-a': {'env': 'MY VAR'}}")
            << u"\"MY VAR\" is not an environment variable's name"_s;
    }

    void refusesMalformedValues()
    {
        QFETCH(QByteArray, extra);
        QFETCH(QString, expected);
        const Result<RoutePlan> plan = RouteFile::read(routeWith(extra));
        QVERIFY(!plan);
        QVERIFY2(plan.error().contains(expected), qPrintable(plan.error()));
    }

    void rules_data()
    {
        QTest::addColumn<EndpointParam::Place>("place");
        QTest::addColumn<QString>("name");
        QTest::addColumn<EndpointParam::Source>("source");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("keyEnv");
        QTest::addColumn<QString>("problem"); // a part of the sentence; empty: allowed
        const auto header = EndpointParam::Place::Header;
        const auto query = EndpointParam::Place::Query;
        const auto plain = EndpointParam::Source::Value;
        const auto env = EndpointParam::Source::Environment;
        const auto keyring = EndpointParam::Source::Keyring;
        QTest::addRow("a gateway's header") << header << u"x-portkey-provider"_s << plain
                                            << u"openrouter"_s << QString() << QString();
        QTest::addRow("a credential from the environment")
            << header << u"Helicone-Auth"_s << env << u"HELICONE_AUTH"_s << QString() << QString();
        QTest::addRow("a credential from the keyring")
            << header << u"api-key"_s << keyring << u"azure.key-1"_s << QString() << QString();
        QTest::addRow("a credential written in the file")
            << header << u"x-portkey-api-key"_s << plain << u"pk-123456"_s << QString()
            << u"looks like a credential"_s;
        QTest::addRow("Authorization in the file")
            << header << u"Authorization"_s << plain << u"Bearer x"_s << QString()
            << u"looks like a credential"_s;
        QTest::addRow("a credential query parameter in the file")
            << query << u"key"_s << plain << u"AIza123456"_s << QString()
            << u"looks like a credential"_s;
        QTest::addRow("plural tokens are no credential")
            << header << u"x-max-tokens"_s << plain << u"100"_s << QString() << QString();
        QTest::addRow("Authorization beside the endpoint's key")
            << header << u"Authorization"_s << env << u"TOKEN"_s << u"OPENAI_API_KEY"_s
            << u"the endpoint's key already goes in this header"_s;
        QTest::addRow("Authorization without a key")
            << header << u"Authorization"_s << env << u"TOKEN"_s << QString() << QString();
        QTest::addRow("Host") << header << u"Host"_s << plain << u"evil.example"_s << QString()
                              << u"Detour sets this header itself"_s;
        QTest::addRow("Content-Length") << header << u"content-length"_s << plain << u"1"_s
                                        << QString() << u"Detour sets this header itself"_s;
        QTest::addRow("User-Agent") << header << u"User-Agent"_s << plain << u"curl"_s << QString()
                                    << u"Detour sets this header itself"_s;
        QTest::addRow("a space in the name")
            << header << u"x portkey"_s << plain << u"a"_s << QString() << u"a header name is"_s;
        QTest::addRow("a colon in the name")
            << header << u"x-a:"_s << plain << u"a"_s << QString() << u"a header name is"_s;
        QTest::addRow("a line break in the value")
            << header << u"x-a"_s << plain << u"a\r\nHost: evil"_s << QString() << u"line break"_s;
        QTest::addRow("no name") << query << QString() << plain << u"a"_s << QString()
                                 << u"without a name"_s;
        QTest::addRow("Azure's api-version")
            << query << u"api-version"_s << plain << u"2024-10-21"_s << QString() << QString();
        QTest::addRow("a keyring entry with a slash")
            << query << u"sig"_s << keyring << u"a/b"_s << QString() << u"keyring entry"_s;
    }

    void rules()
    {
        QFETCH(EndpointParam::Place, place);
        QFETCH(QString, name);
        QFETCH(EndpointParam::Source, source);
        QFETCH(QString, value);
        QFETCH(QString, keyEnv);
        QFETCH(QString, problem);
        Endpoint endpoint { u"gw"_s, EndpointKind::OpenAiCompatible,
            QUrl(u"https://gateway.example/v1"_s), keyEnv };
        const EndpointParam param { name, source, value };
        (place == EndpointParam::Place::Header ? endpoint.headers : endpoint.query).append(param);
        const QString said = EndpointParam::problemOf(endpoint);
        if (problem.isEmpty())
            QVERIFY2(said.isEmpty(), qPrintable(said));
        else
            QVERIFY2(said.contains(problem), qPrintable(said));
        // The route's own check says the same, so the editor marks it too.
        RoutePlan plan;
        plan.endpoints.append(endpoint);
        plan.steps.append({ u"gw"_s, { u"m"_s, {}, {} }, true });
        QCOMPARE(plan.validate().contains(said), !problem.isEmpty());
    }

    void headerNamesRepeatedInAnotherCase()
    {
        Endpoint endpoint { u"gw"_s, EndpointKind::OpenAiCompatible,
            QUrl(u"https://gateway.example/v1"_s), QString() };
        endpoint.headers = { { u"X-Portkey-Provider"_s, EndpointParam::Source::Value, u"a"_s },
            { u"x-portkey-provider"_s, EndpointParam::Source::Value, u"b"_s } };
        QVERIFY(EndpointParam::problemOf(endpoint).contains(u"twice"_s));
        // Query parameter names are case-sensitive.
        endpoint.headers.clear();
        endpoint.query = { { u"Region"_s, EndpointParam::Source::Value, u"a"_s },
            { u"region"_s, EndpointParam::Source::Value, u"b"_s } };
        QVERIFY(EndpointParam::problemOf(endpoint).isEmpty());
    }

    void keyringEntriesLiveApartFromEndpointKeys()
    {
        // An endpoint's key is kept under its id ("openrouter"): a route naming
        // {"keyring": "openrouter"} must not reach it.
        QCOMPARE(EndpointParam::keychainAccount(u"openrouter"_s), u"secret:openrouter"_s);
    }
};

QTEST_GUILESS_MAIN(TestEndpointParam)
#include "test_endpoint_param.moc"
