// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "protocol/ConversationSettings.h"
#include "protocol/RequestBuilder.h"

#include <QTest>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;
using Json = nlohmann::json;

// The body fields each conversation parameter becomes, checked against
// OpenRouter's documented shape (API reference: temperature, top_p, max_tokens,
// seed; "Reasoning Tokens": reasoning {effort | max_tokens, exclude}), and what
// a plain OpenAI-compatible endpoint gets instead (only the standard fields).
class TestConversationSettings final : public QObject {
    Q_OBJECT

private:
    static Json bodyFor(EndpointKind kind, const ConversationSettings &settings)
    {
        ChatRequest request;
        request.stream = false;
        request.messages = { { u"user"_s, u"Hi"_s } };
        settings.applyTo(request);
        ModelTarget target;
        target.model = u"m"_s;
        target.provider.sort = u"price"_s;
        Json body = RequestBuilder::body(kind, target, request);
        for (const char *fixed : { "model", "messages", "stream" })
            body.erase(fixed);
        return body;
    }

private Q_SLOTS:
    void bodyShape_data()
    {
        QTest::addColumn<QStringList>("assignments"); // NAME=VALUE, as `--set` takes them
        QTest::addColumn<QByteArray>("openRouter");
        QTest::addColumn<QByteArray>("openAi");

        const QByteArray sortOnly = R"("provider":{"sort":"price"})";
        QTest::addRow("nothing set")
            << QStringList() << QByteArray("{" + sortOnly + "}") << QByteArray("{}");
        QTest::addRow("temperature") << QStringList { u"temperature=0.7"_s }
                                     << QByteArray("{" + sortOnly + R"(,"temperature":0.7})")
                                     << QByteArray(R"({"temperature":0.7})");
        QTest::addRow("top_p") << QStringList { u"top_p=0.9"_s }
                               << QByteArray("{" + sortOnly + R"(,"top_p":0.9})")
                               << QByteArray(R"({"top_p":0.9})");
        QTest::addRow("max_tokens") << QStringList { u"max_tokens=512"_s }
                                    << QByteArray(R"({"max_tokens":512,)" + sortOnly + "}")
                                    << QByteArray(R"({"max_tokens":512})");
        QTest::addRow("seed") << QStringList { u"seed=-7"_s }
                              << QByteArray("{" + sortOnly + R"(,"seed":-7})")
                              << QByteArray(R"({"seed":-7})");
        QTest::addRow("reasoning effort")
            << QStringList { u"reasoning_effort=high"_s }
            << QByteArray("{" + sortOnly + R"(,"reasoning":{"effort":"high"}})")
            << QByteArray("{}");
        QTest::addRow("reasoning budget and exclude")
            << QStringList { u"reasoning_max_tokens=2000"_s, u"reasoning_exclude=true"_s }
            << QByteArray("{" + sortOnly + R"(,"reasoning":{"exclude":true,"max_tokens":2000}})")
            << QByteArray("{}");
        // OpenRouter takes one of effort and max_tokens, never both.
        QTest::addRow("effort wins over a budget")
            << QStringList { u"reasoning_max_tokens=2000"_s, u"reasoning_effort=low"_s }
            << QByteArray("{" + sortOnly + R"(,"reasoning":{"effort":"low"}})") << QByteArray("{}");
    }

    void bodyShape()
    {
        QFETCH(QStringList, assignments);
        QFETCH(QByteArray, openRouter);
        QFETCH(QByteArray, openAi);
        ConversationSettings settings;
        for (const QString &assignment : assignments) {
            const Result<> set =
                settings.set(assignment.section(u'=', 0, 0), assignment.section(u'=', 1));
            QVERIFY2(set, qPrintable(set.error()));
        }
        QCOMPARE(QByteArray::fromStdString(bodyFor(EndpointKind::OpenRouter, settings).dump()),
            openRouter);
        QCOMPARE(
            QByteArray::fromStdString(bodyFor(EndpointKind::OpenAiCompatible, settings).dump()),
            openAi);
    }

    void systemPromptGoesFirst()
    {
        ConversationSettings settings;
        settings.systemPrompt = u"Answer in German."_s;
        ChatRequest request;
        request.messages = { { u"user"_s, u"Hi"_s }, { u"assistant"_s, u"Hallo"_s },
            { u"user"_s, u"More"_s } };
        settings.applyTo(request);
        QCOMPARE(request.messages.size(), 4);
        QCOMPARE(request.messages.first().role, u"system"_s);
        QCOMPARE(request.messages.first().content, u"Answer in German."_s);
        const Json body = RequestBuilder::body(EndpointKind::OpenAiCompatible, {}, request);
        QVERIFY(body["messages"][0]["role"] == "system");

        settings.systemPrompt = u"  \n"_s; // blank: no system message at all
        ChatRequest plain;
        plain.messages = { { u"user"_s, u"Hi"_s } };
        settings.applyTo(plain);
        QCOMPARE(plain.messages.size(), 1);
    }

    void badValues_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("mentions");

        QTest::addRow("unknown name") << u"temprature"_s << u"1"_s << u"temperature"_s;
        QTest::addRow("temperature too high") << u"temperature"_s << u"3"_s << u"2"_s;
        QTest::addRow("temperature not a number") << u"temperature"_s << u"warm"_s << u"warm"_s;
        QTest::addRow("top_p above 1") << u"top_p"_s << u"1.5"_s << u"1.5"_s;
        QTest::addRow("max_tokens zero") << u"max_tokens"_s << u"0"_s << u"1"_s;
        QTest::addRow("max_tokens fraction") << u"max_tokens"_s << u"1.5"_s << u"1.5"_s;
        QTest::addRow("seed not whole") << u"seed"_s << u"x"_s << u"x"_s;
        QTest::addRow("effort unknown") << u"reasoning_effort"_s << u"max"_s << u"medium"_s;
        QTest::addRow("exclude not boolean") << u"reasoning_exclude"_s << u"maybe"_s << u"true"_s;
    }

    void badValues()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(QString, mentions);
        ConversationSettings settings;
        const Result<> set = settings.set(name, value);
        QVERIFY(!set);
        QVERIFY2(set.error().contains(mentions), qPrintable(set.error()));
        QVERIFY(settings.isEmpty()); // nothing half-set
    }

    // A conversation's own settings over its route's defaults, field by field: each row
    // sets fields of both with `--set` assignments and names the merged request body.
    void overRouteDefaults_data()
    {
        QTest::addColumn<QString>("ownPrompt");
        QTest::addColumn<QStringList>("own");
        QTest::addColumn<QString>("routePrompt");
        QTest::addColumn<QStringList>("route");
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<QByteArray>("parameters");

        QTest::addRow("nothing anywhere") << QString() << QStringList() << QString()
                                          << QStringList() << QString() << QByteArray("{}");
        QTest::addRow("route only")
            << QString() << QStringList() << u"Be brief."_s
            << QStringList { u"temperature=0.3"_s, u"reasoning_effort=low"_s } << u"Be brief."_s
            << QByteArray(R"({"reasoning":{"effort":"low"},"temperature":0.3})");
        QTest::addRow("conversation only")
            << u"Mine."_s << QStringList { u"seed=5"_s } << QString() << QStringList() << u"Mine."_s
            << QByteArray(R"({"seed":5})");
        QTest::addRow("own value wins, others fall back")
            << QString() << QStringList { u"temperature=1"_s } << QString()
            << QStringList { u"temperature=0.3"_s, u"top_p=0.9"_s } << QString()
            << QByteArray(R"({"temperature":1.0,"top_p":0.9})");
        QTest::addRow("own prompt wins") << u"Mine."_s << QStringList() << u"Route's."_s
                                         << QStringList() << u"Mine."_s << QByteArray("{}");
        QTest::addRow("blank own prompt falls back")
            << u"  "_s << QStringList() << u"Route's."_s << QStringList() << u"Route's."_s
            << QByteArray("{}");
        QTest::addRow("every sampling field")
            << QString() << QStringList { u"max_tokens=10"_s, u"top_p=0.5"_s } << QString()
            << QStringList { u"max_tokens=99"_s, u"seed=1"_s, u"temperature=0.2"_s } << QString()
            << QByteArray(R"({"max_tokens":10,"seed":1,"temperature":0.2,"top_p":0.5})");
        QTest::addRow("own effort replaces the route's budget")
            << QString() << QStringList { u"reasoning_effort=high"_s } << QString()
            << QStringList { u"reasoning_max_tokens=2000"_s, u"reasoning_exclude=true"_s }
            << QString() << QByteArray(R"({"reasoning":{"effort":"high","exclude":true}})");
        QTest::addRow("own budget replaces the route's effort")
            << QString() << QStringList { u"reasoning_max_tokens=500"_s } << QString()
            << QStringList { u"reasoning_effort=low"_s } << QString()
            << QByteArray(R"({"reasoning":{"max_tokens":500}})");
        QTest::addRow("own exclude over the route's")
            << QString() << QStringList { u"reasoning_exclude=false"_s } << QString()
            << QStringList { u"reasoning_exclude=true"_s, u"reasoning_effort=medium"_s }
            << QString() << QByteArray(R"({"reasoning":{"effort":"medium","exclude":false}})");
    }

    void overRouteDefaults()
    {
        QFETCH(QString, ownPrompt);
        QFETCH(QStringList, own);
        QFETCH(QString, routePrompt);
        QFETCH(QStringList, route);
        QFETCH(QString, prompt);
        QFETCH(QByteArray, parameters);
        const auto settingsOf = [](const QString &systemPrompt, const QStringList &assignments) {
            ConversationSettings settings;
            settings.systemPrompt = systemPrompt;
            for (const QString &assignment : assignments) {
                if (!settings.set(assignment.section(u'=', 0, 0), assignment.section(u'=', 1)))
                    qFatal("bad row: %s", qPrintable(assignment));
            }
            return settings;
        };
        const ConversationSettings conversation = settingsOf(ownPrompt, own);
        const ConversationSettings defaults = settingsOf(routePrompt, route);
        const ConversationSettings merged = conversation.over(defaults);
        QCOMPARE(merged.systemPrompt, prompt);
        QCOMPARE(QByteArray::fromStdString(merged.parametersJson().dump()), parameters);
        // Nothing over nothing changes nothing, and the defaults over nothing are the defaults.
        QCOMPARE(conversation.over({}).sampling, conversation.sampling);
        QCOMPARE(conversation.over({}).reasoning, conversation.reasoning);
        QCOMPARE(ConversationSettings().over(defaults), defaults);
    }

    void parametersRoundTrip()
    {
        ConversationSettings settings;
        settings.sampling.temperature = 0.25;
        settings.sampling.topP = 0.5;
        settings.sampling.maxTokens = 100;
        settings.sampling.seed = 42;
        settings.reasoning.maxTokens = 3000;
        settings.reasoning.exclude = false;
        const Json stored = settings.parametersJson();
        QCOMPARE(QByteArray::fromStdString(stored.dump()),
            QByteArray(R"({"max_tokens":100,"reasoning":{"exclude":false,"max_tokens":3000},)"
                       R"("seed":42,"temperature":0.25,"top_p":0.5})"));
        ConversationSettings read;
        read.readParameters(stored);
        QCOMPARE(read.sampling, settings.sampling);
        QCOMPARE(read.reasoning, settings.reasoning);

        // Hand-edited or damaged values are skipped, not guessed.
        read.readParameters(Json::parse(
            R"({"temperature":"hot","seed":1.5,"reasoning":{"effort":"extreme"},"x":1})"));
        QVERIFY(read.isEmpty());
        read.readParameters(Json::array());
        QVERIFY(read.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestConversationSettings)
#include "test_conversation_settings.moc"
