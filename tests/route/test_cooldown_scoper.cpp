// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Which cooldown each diagnosed failure calls for: the scope its limit applies
// to and how long it lasts, from real-shaped responses and a fixed clock.
#include "Fixtures.h"
#include "protocol/ErrorClassifier.h"
#include "protocol/RawHttpResponse.h"
#include "route/CooldownScoper.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;
using fixtures::quoted;

namespace {

const QDateTime now = QDateTime(QDate(2026, 12, 7), QTime(12, 0), Qt::UTC);
const QByteArray nowText = "Mon, 07 Dec 2026 12:00:00 GMT";

// The body of a captured response in tests/fixtures.
QByteArray bodyOf(const char *fixture)
{
    const Result<RawHttpResponse> parsed =
        RawHttpResponse::parse(fixtures::read(QString::fromLatin1(fixture)));
    if (!parsed)
        qFatal("unreadable fixture %s", fixture);
    return parsed->body;
}

QByteArray resetIn(qint64 ms)
{
    return QByteArray::number(now.toMSecsSinceEpoch() + ms);
}

QByteArray freeLimitBody(const char *which)
{
    return quoted("{'error':{'message':'Rate limit exceeded: ") + which
        + quoted(". Add 10 credits to unlock 1000 free model requests per day','code':429,"
                 "'metadata':{'provider_name':null}},'user_id':'user_x'}");
}

QByteArray openAiBody(const char *message, const char *type)
{
    return quoted("{'error':{'message':'") + message + quoted("','type':'") + type
        + quoted("','code':'rate_limit_exceeded'}}");
}

} // namespace

class TestCooldownScoper final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cooldownFor_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<HttpHeaders>("headers");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("openRouter");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("scope"); // empty: no cooldown
        QTest::addColumn<qint64>("restMs"); // -1: no end

        const HttpHeaders none;
        const qint64 hour = 3600 * 1000;
        const QString kimiFree = u"moonshotai/kimi-k2:free"_s;
        QTest::addRow("upstream 429: the provider, for Retry-After")
            << 429 << HttpHeaders { { "Retry-After", "90" } }
            << bodyOf("upstream-429-cerebras.http") << true << kimiFree << u"provider_model"_s
            << qint64(90'000);
        QTest::addRow("upstream 429 beyond the cap: the cap")
            << 429 << HttpHeaders { { "Retry-After", "86400" } }
            << quoted("{'error':{'message':'Provider returned error','code':429,'metadata':"
                      "{'raw':'rate-limited upstream','provider_name':'Chutes'}}}")
            << true << kimiFree << u"provider_model"_s << qint64(600'000);
        QTest::addRow("free-models-per-day: until the reset, six hours away")
            << 429
            << HttpHeaders { { "X-RateLimit-Reset", resetIn(6 * hour) }, { "Date", nowText } }
            << freeLimitBody("free-models-per-day") << true << kimiFree << u"free_models"_s
            << 6 * hour;
        QTest::addRow("free-models-per-day, reset counted from Date, not from the clock")
            << 429
            << HttpHeaders { { "X-RateLimit-Reset", resetIn(6 * hour) },
                   { "Date", "Mon, 07 Dec 2026 11:00:00 GMT" } }
            << freeLimitBody("free-models-per-day") << true << kimiFree << u"free_models"_s
            << 7 * hour;
        QTest::addRow("free-models-per-day, a reset days away: a day at most")
            << 429
            << HttpHeaders { { "X-RateLimit-Reset", resetIn(72 * hour) }, { "Date", nowText } }
            << freeLimitBody("free-models-per-day") << true << kimiFree << u"free_models"_s
            << 24 * hour;
        QTest::addRow("free-models-per-day without a reset: the cap")
            << 429 << none << freeLimitBody("free-models-per-day") << true << kimiFree
            << u"free_models"_s << qint64(600'000);
        QTest::addRow("free-models-per-min, reset in 40 s")
            << 429 << HttpHeaders { { "X-RateLimit-Reset", resetIn(40'000) }, { "Date", nowText } }
            << freeLimitBody("free-models-per-min") << true << kimiFree << u"free_models"_s
            << qint64(40'000);
        QTest::addRow("free-models-per-min without a reset: the policy's cooldown")
            << 429 << none << freeLimitBody("free-models-per-min") << true << kimiFree
            << u"free_models"_s << qint64(30'000);
        QTest::addRow("direct, tokens per minute (OpenAI's words): that model")
            << 429 << none
            << openAiBody(
                   "Rate limit reached for gpt-4o in organization org-x on tokens per min "
                   "(TPM): Limit 30000, Used 30000, Requested 800. Please try again in 1.6s.",
                   "tokens")
            << false << u"gpt-4o"_s << u"endpoint_model"_s << qint64(1'600);
        QTest::addRow("direct, input tokens per minute (no model named): that model")
            << 429 << HttpHeaders { { "retry-after", "20" } }
            << openAiBody("This request would exceed the rate limit for your organization of "
                          "50,000 input tokens per minute.",
                   "rate_limit_error")
            << false << u"claude-sonnet-4"_s << u"endpoint_model"_s << qint64(20'000);
        QTest::addRow("direct, requests per minute naming the model (Groq): that model")
            << 429 << HttpHeaders { { "retry-after", "8" } }
            << bodyOf("openai-compatible-429-retry-after.http") << false
            << u"llama-3.1-8b-instant"_s << u"endpoint_model"_s << qint64(8'000);
        QTest::addRow("direct, requests with no model named: the endpoint")
            << 429 << HttpHeaders { { "retry-after", "8" } }
            << openAiBody("Too many requests from this key, slow down.", "requests") << false
            << u"llama-3.1-8b-instant"_s << u"endpoint"_s << qint64(8'000);
        QTest::addRow("direct, a bare 429: the endpoint, the policy's cooldown")
            << 429 << none << QByteArray("Too Many Requests") << false << u"local-model"_s
            << u"endpoint"_s << qint64(30'000);
        QTest::addRow("no credits (402): every paid model, no end")
            << 402 << none << bodyOf("no-credits-402.http") << true << u"openai/gpt-4o"_s
            << u"paid_models"_s << qint64(-1);
        QTest::addRow("a refused key (401): the key, no end")
            << 401 << none << bodyOf("auth-401-no-credentials.http") << true << kimiFree << u"key"_s
            << qint64(-1);
        QTest::addRow("forbidden (403) without words about the key: none")
            << 403 << none
            << quoted("{'error':{'message':'This model is not available in your region',"
                      "'code':403}}")
            << true << kimiFree << QString() << qint64(0);
        QTest::addRow("a server error: none")
            << 500 << none << quoted("{'error':{'message':'Internal Server Error','code':500}}")
            << true << kimiFree << QString() << qint64(0);
    }

    void cooldownFor()
    {
        QFETCH(int, status);
        QFETCH(HttpHeaders, headers);
        QFETCH(QByteArray, body);
        QFETCH(bool, openRouter);
        QFETCH(QString, model);
        QFETCH(QString, scope);
        QFETCH(qint64, restMs);
        const EndpointKind kind =
            openRouter ? EndpointKind::OpenRouter : EndpointKind::OpenAiCompatible;
        const Diagnosis diagnosis = ErrorClassifier::classify(status, headers, body, kind, now);
        const Endpoint endpoint { u"ep"_s, kind, QUrl(u"https://user:pw@api.example/v1/?x=1"_s),
            u"KEY"_s };
        const RouteStep step { u"ep"_s, { model, {}, {} }, true };

        const auto cooldown = CooldownScoper::cooldownFor(
            diagnosis, step, endpoint, u"sk-secret-key"_s, RoutePolicy {}, now);
        if (scope.isEmpty()) {
            QVERIFY2(!cooldown, qPrintable(diagnosis.summary));
            return;
        }
        QVERIFY2(cooldown, qPrintable(diagnosis.summary));
        QCOMPARE(Cooldown::scopeName(cooldown->scope), scope);
        QCOMPARE(cooldown->endpointId, u"ep"_s);
        QCOMPARE(cooldown->endpointUrl, u"https://api.example/v1"_s); // no user, no query
        QCOMPARE(cooldown->reason, diagnosis.outcome);
        if (restMs < 0)
            QVERIFY(!cooldown->until.isValid());
        else
            QCOMPARE(now.msecsTo(cooldown->until), restMs);
        const bool namesModel = cooldown->scope == Cooldown::Scope::ProviderModel
            || cooldown->scope == Cooldown::Scope::EndpointModel;
        QCOMPARE(cooldown->model, namesModel ? model : QString());
        if (cooldown->scope == Cooldown::Scope::Key) {
            QCOMPARE(cooldown->keyId, Cooldown::keyIdOf(u"sk-secret-key"_s));
            QVERIFY(!cooldown->keyId.contains(u"secret"_s));
        }
    }

    // What each scope covers, by the target's endpoint, URL, model and key.
    void covers_data()
    {
        QTest::addColumn<int>("scope");
        QTest::addColumn<QString>("model");
        QTest::addColumn<bool>("covered");

        using Scope = Cooldown::Scope;
        QTest::addRow("provider_model: the model") << int(Scope::ProviderModel) << u"m"_s << true;
        QTest::addRow("provider_model: not another")
            << int(Scope::ProviderModel) << u"n"_s << false;
        QTest::addRow("free_models: a :free one") << int(Scope::FreeModels) << u"x:free"_s << true;
        QTest::addRow("free_models: not a paid one") << int(Scope::FreeModels) << u"x"_s << false;
        QTest::addRow("paid_models: a paid one") << int(Scope::PaidModels) << u"x"_s << true;
        QTest::addRow("paid_models: not a :free one")
            << int(Scope::PaidModels) << u"x:FREE"_s << false;
        QTest::addRow("endpoint: any model") << int(Scope::Endpoint) << u"x:free"_s << true;
        QTest::addRow("key: any model with that key") << int(Scope::Key) << u"x"_s << true;
    }

    void covers()
    {
        QFETCH(int, scope);
        QFETCH(QString, model);
        QFETCH(bool, covered);
        Cooldown cooldown;
        cooldown.scope = Cooldown::Scope(scope);
        cooldown.endpointId = u"ep"_s;
        cooldown.endpointUrl = u"https://api.example/v1"_s;
        cooldown.model = u"m"_s;
        cooldown.keyId = Cooldown::keyIdOf(u"k1"_s);
        cooldown.until = now.addSecs(60);
        const QString key = Cooldown::keyIdOf(u"k1"_s);
        QCOMPARE(
            cooldown.covers({ u"ep"_s, u"https://api.example/v1"_s, model, key }, now), covered);
        // Never another endpoint, the same id somewhere else, or after its end.
        QVERIFY(!cooldown.covers({ u"other"_s, u"https://api.example/v1"_s, model, key }, now));
        QVERIFY(!cooldown.covers({ u"ep"_s, u"http://127.0.0.1:9/v1"_s, model, key }, now));
        QVERIFY(!cooldown.covers(
            { u"ep"_s, u"https://api.example/v1"_s, model, key }, now.addSecs(60)));
        if (cooldown.scope == Cooldown::Scope::Key) // another key is tried
            QVERIFY(!cooldown.covers(
                { u"ep"_s, u"https://api.example/v1"_s, model, Cooldown::keyIdOf(u"k2"_s) }, now));
    }

    // The scope in words, as the trace and the Cooldowns panel show it.
    void description_data()
    {
        QTest::addColumn<int>("scope");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<bool>("ends");
        QTest::addColumn<QString>("text");

        using Scope = Cooldown::Scope;
        QTest::addRow("free models") << int(Scope::FreeModels) << QString() << true
                                     << u"all :free models on openrouter until "_s;
        QTest::addRow("upstream provider") << int(Scope::ProviderModel) << u"Chutes"_s << true
                                           << u"m at Chutes on openrouter until "_s;
        QTest::addRow("paid models") << int(Scope::PaidModels) << QString() << false
                                     << u"all paid models on openrouter until you clear it"_s;
        QTest::addRow("key") << int(Scope::Key) << QString() << false
                             << u"the key of openrouter until its key changes"_s;
        QTest::addRow("endpoint") << int(Scope::Endpoint) << QString() << true
                                  << u"every model on openrouter until "_s;
    }

    void description()
    {
        QFETCH(int, scope);
        QFETCH(QString, provider);
        QFETCH(bool, ends);
        QFETCH(QString, text);
        Cooldown cooldown;
        cooldown.scope = Cooldown::Scope(scope);
        cooldown.endpointId = u"openrouter"_s;
        cooldown.model = u"m"_s;
        cooldown.provider = provider;
        if (ends)
            cooldown.until = now.addSecs(6 * 3600);
        const QString words = cooldown.description(now);
        QVERIFY2(words.startsWith(text), qPrintable(words));
        if (ends) // a six-hour rest ends at a minute: "18:00", no seconds
            QVERIFY2(
                words.endsWith(QLocale().toString(cooldown.until.toLocalTime().time(), u"HH:mm"_s)),
                qPrintable(words));
    }

    void namesBothWays()
    {
        using Scope = Cooldown::Scope;
        for (const Scope scope : { Scope::ProviderModel, Scope::EndpointModel, Scope::Endpoint,
                 Scope::FreeModels, Scope::PaidModels, Scope::Key }) {
            QVERIFY(!Cooldown::scopeName(scope).isEmpty());
            QCOMPARE(Cooldown::scopeFromName(Cooldown::scopeName(scope)), scope);
        }
        QVERIFY(!Cooldown::scopeFromName(u"galaxy"_s));
    }
};

QTEST_GUILESS_MAIN(TestCooldownScoper)
#include "test_cooldown_scoper.moc"
