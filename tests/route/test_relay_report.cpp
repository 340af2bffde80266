// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Who relayed what: real relayed errors (tests/fixtures/corpus) and Portkey's
// envelope around OpenRouter's stringified error (tests/fixtures/gateway) name the
// gateway, the server it relayed from and the provider behind that; an error the
// endpoint answers for itself names no relay.
#include "Fixtures.h"
#include "protocol/ErrorClassifier.h"
#include "protocol/RawHttpResponse.h"
#include "route/GatewayPreset.h"
#include "route/RelayReport.h"
#include "route/TraceJson.h"

#include <QTest>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

Attempt attemptFor(const QString &fixture, const Endpoint &endpoint)
{
    const Result<RawHttpResponse> response = RawHttpResponse::parse(fixtures::read(fixture));
    if (!response)
        qFatal("unreadable fixture %s", qPrintable(fixture));
    const Diagnosis diagnosis = ErrorClassifier::classify(response->status, response->headers,
        response->body, endpoint.kind, QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC));
    Attempt attempt;
    attempt.endpointId = endpoint.id;
    attempt.endpointKind = endpoint.kind;
    attempt.outcome = diagnosis.outcome;
    attempt.summary = diagnosis.summary;
    attempt.provider = diagnosis.provider;
    attempt.message = diagnosis.error.message;
    RelayReport::apply(attempt, diagnosis, endpoint);
    return attempt;
}

Endpoint endpointAt(const QString &id, EndpointKind kind, const QString &baseUrl)
{
    return { id, kind, QUrl(baseUrl), QString() };
}

} // namespace

Q_DECLARE_METATYPE(detour::Endpoint)

class TestRelayReport final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void relays_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<Endpoint>("endpoint");
        QTest::addColumn<QString>("relayedBy");
        QTest::addColumn<QString>("upstream");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("sentence");

        const Endpoint portkey = GatewayPreset::find(u"portkey"_s)->endpoint;
        QTest::addRow("Portkey relays OpenRouter's stringified 429 from Chutes")
            << u"gateway/portkey-429-relayed-openrouter-chutes.http"_s << portkey << u"Portkey"_s
            << u"openrouter"_s << u"Chutes"_s
            << u"Portkey relayed openrouter's error (provider Chutes)"_s;
        Endpoint proxy =
            endpointAt(u"office"_s, EndpointKind::OpenAiCompatible, u"http://127.0.0.1:4000/v1"_s);
        QTest::addRow("LiteLLM relays Azure's token limit")
            << u"corpus/litellm-429-relayed-azure-token-rate-limit.http"_s << proxy << u"LiteLLM"_s
            << u"Azure"_s << u"Azure"_s << u"LiteLLM relayed Azure's error"_s;
        QTest::addRow("an unknown gateway is named by its endpoint id")
            << u"gateway/portkey-429-relayed-openrouter-chutes.http"_s << proxy << u"office"_s
            << u"openrouter"_s << u"Chutes"_s
            << u"office relayed openrouter's error (provider Chutes)"_s;
        const Endpoint openRouter = endpointAt(
            u"openrouter"_s, EndpointKind::OpenRouter, u"https://openrouter.ai/api/v1"_s);
        QTest::addRow("OpenRouter's own upstream 429 is no relay")
            << u"corpus/openrouter-429-baseten-upstream-shared-pool.http"_s << openRouter
            << QString() << QString() << u"BaseTen"_s << QString();
        QTest::addRow("a server's own refusal is no relay")
            << u"corpus/portkey-400-provider-header-required.http"_s << portkey << QString()
            << QString() << QString() << QString();
    }

    void relays()
    {
        QFETCH(QString, fixture);
        QFETCH(Endpoint, endpoint);
        QFETCH(QString, relayedBy);
        QFETCH(QString, upstream);
        QFETCH(QString, provider);
        QFETCH(QString, sentence);
        const Attempt attempt = attemptFor(fixture, endpoint);
        QCOMPARE(attempt.relayedBy, relayedBy);
        QCOMPARE(attempt.upstream, upstream);
        QCOMPARE(attempt.provider, provider);
        QCOMPARE(RelayReport::sentence(attempt), sentence);
        // The explanation says it first, then why; the trace carries all three.
        if (!sentence.isEmpty())
            QVERIFY2(attempt.summary.startsWith(sentence + u": "_s), qPrintable(attempt.summary));
        const nlohmann::json trace = TraceJson::attempt(attempt);
        QCOMPARE(trace["relayed_by"].is_null(), relayedBy.isEmpty());
        if (!sentence.isEmpty()) {
            QCOMPARE(QString::fromStdString(trace["relay"].get<std::string>()), sentence);
            QCOMPARE(QString::fromStdString(trace["upstream"].get<std::string>()), upstream);
        }
    }

    void relayedRateLimitIsTheUpstreams()
    {
        const Endpoint portkey = GatewayPreset::find(u"portkey"_s)->endpoint;
        const Attempt attempt =
            attemptFor(u"gateway/portkey-429-relayed-openrouter-chutes.http"_s, portkey);
        // Not "your key at Portkey": the upstream is limited.
        QCOMPARE(attempt.outcome, Outcome::RateLimitedUpstream);
        QVERIFY2(attempt.summary.contains(u"openrouter"_s), qPrintable(attempt.summary));
    }
};

QTEST_GUILESS_MAIN(TestRelayReport)
#include "test_relay_report.moc"
