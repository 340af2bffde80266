// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "chat/ParameterSupport.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

// Which parameters the conversation settings offer: what the catalog says the route's first
// enabled step's model takes, or everything when nobody says.
class TestParameterSupport final : public QObject {
    Q_OBJECT

private:
    static RoutePlan plan(EndpointKind kind, bool firstEnabled = true)
    {
        RoutePlan plan;
        plan.endpoints = { { u"e"_s, kind, QUrl(u"https://e.example/v1"_s), {} } };
        plan.steps = { { u"e"_s, { u"a/first"_s, {}, {} }, firstEnabled },
            { u"e"_s, { u"b/second"_s, {}, {} }, true } };
        return plan;
    }

    static ModelInfo model(const QString &id, const QStringList &parameters)
    {
        ModelInfo info;
        info.id = id;
        info.supportedParameters = parameters;
        return info;
    }

private Q_SLOTS:
    void offers_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("firstEnabled");
        QTest::addColumn<QString>("catalogModel");
        QTest::addColumn<QStringList>("catalogParameters");
        QTest::addColumn<QString>("parameter");
        QTest::addColumn<QString>("refusal"); // empty: offered

        const int openRouter = int(EndpointKind::OpenRouter);
        const QStringList some { u"temperature"_s, u"max_tokens"_s, u"reasoning"_s };
        QTest::addRow("listed") << openRouter << true << u"a/first"_s << some << u"temperature"_s
                                << QString();
        QTest::addRow("not listed") << openRouter << true << u"a/first"_s << some << u"top_p"_s
                                    << u"a/first does not take top_p"_s;
        QTest::addRow("reasoning listed")
            << openRouter << true << u"a/first"_s << some << u"reasoning"_s << QString();
        QTest::addRow("the first enabled step decides")
            << openRouter << false << u"b/second"_s << some << u"seed"_s
            << u"b/second does not take seed"_s;
        QTest::addRow("unknown model offers all")
            << openRouter << true << QString() << QStringList() << u"top_p"_s << QString();
        QTest::addRow("catalog of another model offers all")
            << openRouter << true << u"z/other"_s << some << u"top_p"_s << QString();
        QTest::addRow("no parameters listed offers all")
            << openRouter << true << u"a/first"_s << QStringList() << u"top_p"_s << QString();
        QTest::addRow("plain endpoint offers all")
            << int(EndpointKind::OpenAiCompatible) << true << u"a/first"_s << some << u"top_p"_s
            << QString();
    }

    void offers()
    {
        QFETCH(int, kind);
        QFETCH(bool, firstEnabled);
        QFETCH(QString, catalogModel);
        QFETCH(QStringList, catalogParameters);
        QFETCH(QString, parameter);
        QFETCH(QString, refusal);
        const std::optional<ModelInfo> info = catalogModel.isEmpty()
            ? std::nullopt
            : std::optional(model(catalogModel, catalogParameters));
        const ParameterSupport support =
            ParameterSupport::of(plan(EndpointKind(kind), firstEnabled), info);
        QCOMPARE(support.takes(parameter), refusal.isEmpty());
        QCOMPARE(support.refusal(parameter), refusal);
    }

    void noCatalogOffersAll()
    {
        const ParameterSupport support = ParameterSupport::of(
            plan(EndpointKind::OpenRouter), static_cast<const Catalog *>(nullptr));
        QVERIFY(!support.isKnown());
        QCOMPARE(support.model(), u"a/first"_s);
        QVERIFY(support.takes(u"seed"_s));
        QVERIFY(ParameterSupport::of(RoutePlan(), std::nullopt).takes(u"seed"_s));
    }
};

QTEST_GUILESS_MAIN(TestParameterSupport)
#include "test_parameter_support.moc"
