// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The flags on a step whose model and routing settings cannot work as written.
#include "route/RoutingProblems.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

Q_DECLARE_METATYPE(detour::ModelTarget)

class TestRoutingProblems final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void flags_data()
    {
        QTest::addColumn<ModelTarget>("target");
        QTest::addColumn<QStringList>("catalog"); // empty: unknown
        QTest::addColumn<QString>("problem"); // a part of the one expected; empty: none

        const QStringList catalog { u"a/b"_s, u"c/d"_s, u"c/d:free"_s, u"openrouter/auto"_s };
        const auto target = [](const QString &model, auto change) {
            ModelTarget t { model, {}, {} };
            change(t);
            return t;
        };
        const auto none = [](ModelTarget &) {};
        const auto sortBy = [](const QString &sort) {
            return [sort](ModelTarget &t) { t.provider.sort = sort; };
        };
        QTest::addRow("plain model") << target(u"a/b"_s, none) << catalog << QString();
        QTest::addRow("routing variant of a known model")
            << target(u"a/b:nitro"_s, none) << catalog << QString();
        QTest::addRow("free variant the catalog lists")
            << target(u"c/d:free"_s, none) << catalog << QString();
        QTest::addRow("free variant the catalog does not list")
            << target(u"a/b:free"_s, none) << catalog
            << u"a/b:free is not in the model catalog: it lists no free variant of a/b."_s;
        QTest::addRow("free variant, catalog unknown")
            << target(u"a/b:free"_s, none) << QStringList() << QString();
        QTest::addRow("unknown model") << target(u"x/y:floor"_s, none) << catalog
                                       << u"x/y:floor is not in the model catalog"_s;
        QTest::addRow("routers and presets are never missing")
            << target(u"@preset/fast"_s, none) << catalog << QString();
        QTest::addRow("free router missing from the catalog is fine")
            << target(u"openrouter/free"_s, none) << catalog << QString();
        QTest::addRow("variant on a router") << target(u"openrouter/auto:nitro"_s,
            none) << catalog << u"openrouter/auto is a router, not a model: the :nitro variant"_s;
        QTest::addRow("nitro with its own sort")
            << target(u"a/b:nitro"_s, sortBy(u"throughput"_s)) << catalog << QString();
        QTest::addRow("nitro sorted by price")
            << target(u"a/b:nitro"_s, sortBy(u"price"_s)) << catalog
            << u":nitro already sorts providers by throughput; "
               "sorting by price contradicts it."_s;
        QTest::addRow("floor sorted by throughput") << target(u"a/b:floor"_s,
            sortBy(u"throughput"_s)) << catalog << u":floor already sorts providers by price"_s;
        QTest::addRow("exacto with a sort") << target(u"a/b:exacto"_s, sortBy(u"latency"_s))
                                            << catalog << u":exacto sorts providers by tool"_s;
        QTest::addRow("free with a price sort is fine")
            << target(u"c/d:free"_s, sortBy(u"price"_s)) << catalog << QString();
        QTest::addRow("partition without sort")
            << target(u"a/b"_s, [](ModelTarget &t) { t.provider.sortPartition = u"none"_s; })
            << catalog << u"partition has no effect without a sort"_s;
        QTest::addRow("partition none without fallbacks") << target(u"a/b"_s, [](ModelTarget &t) {
            t.provider.sort = u"price"_s;
            t.provider.sortPartition = u"none"_s;
        }) << catalog << u"needs server-side fallback models"_s;
        QTest::addRow("partition none with fallbacks") << target(u"a/b"_s, [](ModelTarget &t) {
            t.provider.sort = u"price"_s;
            t.provider.sortPartition = u"none"_s;
            t.fallbackModels = { u"c/d"_s };
        }) << catalog << QString();
        QTest::addRow("explicit order defeats cache stickiness")
            << target(u"a/b"_s, [](ModelTarget &t) { t.provider.order = { u"Groq"_s }; }) << catalog
            << u"turns off OpenRouter's sticky routing for prompt caching"_s;
    }

    void flags()
    {
        QFETCH(ModelTarget, target);
        QFETCH(QStringList, catalog);
        QFETCH(QString, problem);
        const QStringList problems = RoutingProblems::of(target, catalog);
        if (problem.isEmpty()) {
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u" | "_s)));
        } else {
            QCOMPARE(problems.size(), 1);
            QVERIFY2(problems.first().contains(problem), qPrintable(problems.first()));
        }
    }
};

QTEST_GUILESS_MAIN(TestRoutingProblems)
#include "test_routing_problems.moc"
