// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// OpenRouter's model variants as slug suffixes, one at a time:
// https://openrouter.ai/docs/guides/routing/model-variants/overview
#include "protocol/ModelVariant.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

using Kind = ModelVariant::Kind;
Q_DECLARE_METATYPE(detour::ModelVariant::Kind)

class TestModelVariant final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("base");
        QTest::addRow("plain") << u"a/b"_s << Kind::None << u"a/b"_s;
        QTest::addRow("free") << u"a/b:free"_s << Kind::Free << u"a/b"_s;
        QTest::addRow("nitro") << u"a/b:nitro"_s << Kind::Nitro << u"a/b"_s;
        QTest::addRow("floor") << u"a/b:floor"_s << Kind::Floor << u"a/b"_s;
        QTest::addRow("exacto") << u"a/b:exacto"_s << Kind::Exacto << u"a/b"_s;
        QTest::addRow("other suffix stays") << u"a/b:thinking"_s << Kind::None << u"a/b:thinking"_s;
        QTest::addRow("variant after another suffix")
            << u"a/b:thinking:nitro"_s << Kind::Nitro << u"a/b:thinking"_s;
        QTest::addRow("preset is never a variant")
            << u"@preset/x:free"_s << Kind::None << u"@preset/x:free"_s;
        QTest::addRow("empty") << QString() << Kind::None << QString();
    }

    void parses()
    {
        QFETCH(QString, model);
        QFETCH(Kind, kind);
        QFETCH(QString, base);
        QCOMPARE(ModelVariant::of(model), kind);
        QCOMPARE(ModelVariant::base(model), base);
    }

    // Choosing a variant replaces the one there was: they are mutually exclusive.
    void replaces_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("expected");
        QTest::addRow("add") << u"a/b"_s << Kind::Nitro << u"a/b:nitro"_s;
        QTest::addRow("replace") << u"a/b:free"_s << Kind::Floor << u"a/b:floor"_s;
        QTest::addRow("remove") << u"a/b:exacto"_s << Kind::None << u"a/b"_s;
        QTest::addRow("same") << u"a/b:free"_s << Kind::Free << u"a/b:free"_s;
    }

    void replaces()
    {
        QFETCH(QString, model);
        QFETCH(Kind, kind);
        QFETCH(QString, expected);
        QCOMPARE(ModelVariant::withVariant(model, kind), expected);
    }

    void impliedSorts()
    {
        QCOMPARE(ModelVariant::impliedSort(Kind::Nitro), u"throughput"_s);
        QCOMPARE(ModelVariant::impliedSort(Kind::Floor), u"price"_s);
        QVERIFY(ModelVariant::impliedSort(Kind::Exacto).isEmpty());
        QVERIFY(ModelVariant::impliedSort(Kind::Free).isEmpty());
        QVERIFY(!ModelVariant::isRoutingVariant(Kind::Free));
        QVERIFY(ModelVariant::isRoutingVariant(Kind::Exacto));
        for (Kind kind : ModelVariant::kinds()) {
            QCOMPARE(ModelVariant::kindFromSuffix(ModelVariant::suffix(kind)).value_or(Kind::None),
                kind);
            QVERIFY(!ModelVariant::help(kind).isEmpty());
        }
    }

    void presets()
    {
        QVERIFY(ModelVariant::isPreset(u"@preset/fast"_s));
        QCOMPARE(ModelVariant::presetSlug(u"@preset/fast"_s), u"fast"_s);
        QVERIFY(!ModelVariant::isPreset(u"@preset/"_s));
        QVERIFY(!ModelVariant::isPreset(u"preset/fast"_s));
    }
};

QTEST_GUILESS_MAIN(TestModelVariant)
#include "test_model_variant.moc"
