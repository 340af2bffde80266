// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The gateway presets: each is a valid endpoint the route file keeps as it is, takes
// every credential from the environment (none is written into a route), cites the
// vendor's page it follows, and is recognised as its gateway in the trace.
#include "route/GatewayPreset.h"
#include "route/RouteFile.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

class TestGatewayPreset final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void presets_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("header"); // one it must send; empty: none
        QTest::addColumn<QString>("recognisedAs");
        QTest::addRow("Portkey") << u"portkey"_s << u"api.portkey.ai"_s << u"x-portkey-api-key"_s
                                 << u"Portkey"_s;
        QTest::addRow("Helicone") << u"helicone"_s << u"oai.helicone.ai"_s << u"Helicone-Auth"_s
                                  << u"Helicone"_s;
        QTest::addRow("Cloudflare") << u"cloudflare"_s << u"gateway.ai.cloudflare.com"_s
                                    << u"cf-aig-authorization"_s << u"Cloudflare AI Gateway"_s;
        QTest::addRow("Azure") << u"azure"_s << u"resource.openai.azure.com"_s << u"api-key"_s
                               << u"Azure OpenAI"_s;
        QTest::addRow("LiteLLM") << u"litellm"_s << u"localhost"_s << QString() << QString();
    }

    void presets()
    {
        QFETCH(QString, id);
        QFETCH(QString, host);
        QFETCH(QString, header);
        QFETCH(QString, recognisedAs);
        const auto preset = GatewayPreset::find(id);
        QVERIFY(preset);
        const Endpoint &endpoint = preset->endpoint;
        QCOMPARE(endpoint.id, id);
        QCOMPARE(endpoint.kind, EndpointKind::OpenAiCompatible);
        QCOMPARE(endpoint.baseUrl.host(), host);
        QVERIFY(preset->documentation.startsWith(u"https://"_s));
        QVERIFY(!preset->name.isEmpty() && !preset->hint.isEmpty());
        for (const EndpointParam &param : endpoint.headers + endpoint.query) {
            if (EndpointParam::looksLikeCredential(param.name))
                QCOMPARE(param.source, EndpointParam::Source::Environment);
        }
        if (!header.isEmpty()) {
            bool found = false;
            for (const EndpointParam &param : endpoint.headers)
                found = found || param.name == header;
            QVERIFY2(found, qPrintable(header));
        }
        QCOMPARE(GatewayPreset::recognize(endpoint), recognisedAs);

        // A route on it is valid, and the route file keeps it whole.
        RoutePlan plan;
        plan.endpoints.append(endpoint);
        plan.steps.append({ id, { u"gpt-4o-mini"_s, {}, {} }, true });
        QVERIFY2(plan.validate().isEmpty(), qPrintable(plan.validate().join(u' ')));
        const Result<RoutePlan> read = RouteFile::read(RouteFile::write(plan));
        QVERIFY2(read, qPrintable(read.error()));
        Endpoint expected = endpoint;
        std::sort(expected.headers.begin(), expected.headers.end(),
            [](const EndpointParam &a, const EndpointParam &b) { return a.name < b.name; });
        QCOMPARE(read->endpoints.first(), expected);
    }

    void azureSendsItsApiVersion()
    {
        const auto azure = GatewayPreset::find(u"azure"_s);
        QVERIFY(azure);
        QCOMPARE(azure->endpoint.query.size(), qsizetype(1));
        QCOMPARE(azure->endpoint.query.first().name, u"api-version"_s);
        QVERIFY(azure->endpoint.keyEnv.isEmpty()); // its key goes in api-key, not Authorization
    }

    void everyPresetIsListedOnce()
    {
        QStringList ids;
        for (const GatewayPreset &preset : GatewayPreset::all())
            ids << preset.id;
        QCOMPARE(ids,
            (QStringList {
                u"portkey"_s, u"helicone"_s, u"cloudflare"_s, u"azure"_s, u"litellm"_s }));
        QVERIFY(!GatewayPreset::find(u"nonesuch"_s));
    }

    void recognisesByHeaderToo()
    {
        Endpoint selfHosted { u"pk"_s, EndpointKind::OpenAiCompatible,
            QUrl(u"http://127.0.0.1:8787/v1"_s), QString() };
        QCOMPARE(GatewayPreset::recognize(selfHosted), QString());
        selfHosted.headers = { { u"x-portkey-provider"_s, EndpointParam::Source::Value,
            u"openai"_s } };
        QCOMPARE(GatewayPreset::recognize(selfHosted), u"Portkey"_s);
    }
};

QTEST_GUILESS_MAIN(TestGatewayPreset)
#include "test_gateway_preset.moc"
