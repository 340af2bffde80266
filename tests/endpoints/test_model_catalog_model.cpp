// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// ModelCatalogModel and ModelFilterModel: the model picker's table — values
// shown, following the catalog, filtering (text, free only, minimum context,
// maximum price) and numeric sorting.
#include "Fixtures.h"
#include "endpoints/Catalog.h"
#include "endpoints/CatalogCache.h"
#include "endpoints/ModelCatalogModel.h"
#include "endpoints/ModelFilterModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;
using fixtures::quoted;
using Json = nlohmann::json;

namespace {

ModelInfo model(const QString &id, const QString &name, qint64 context,
    std::optional<double> promptPerMillion, std::optional<double> completionPerMillion)
{
    ModelInfo info;
    info.id = id;
    info.name = name;
    info.contextLength = context;
    if (promptPerMillion)
        info.promptPrice = *promptPerMillion / 1e6;
    if (completionPerMillion)
        info.completionPrice = *completionPerMillion / 1e6;
    return info;
}

// The demo catalog plus a router with a variable price and a tiny model.
QList<ModelInfo> sampleModels()
{
    return {
        model(u"moonshotai/kimi-k2:free"_s, u"MoonshotAI: Kimi K2 (free)"_s, 65536, 0, 0),
        model(u"moonshotai/kimi-k2"_s, u"MoonshotAI: Kimi K2"_s, 131072, 0.6, 2.5),
        model(u"qwen/qwen3-235b-a22b-thinking-2507"_s, u"Qwen: Qwen3 235B A22B Thinking 2507"_s,
            262144, 0.13, 0.6),
        model(u"meta-llama/llama-3.3-70b-instruct"_s, u"Meta: Llama 3.3 70B Instruct"_s, 131072,
            0.13, 0.4),
        model(u"openrouter/auto"_s, u"Auto Router"_s, 2000000, std::nullopt, std::nullopt),
        model(u"tiny/model"_s, u"tiny model"_s, 512, 0.0015, 0.002),
    };
}

QStringList column(const QAbstractItemModel &model, int col, int role = Qt::DisplayRole)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values.append(model.index(row, col).data(role).toString());
    return values;
}

QStringList ids(const QAbstractItemModel &model)
{
    return column(model, ModelCatalogModel::IdColumn, ModelCatalogModel::IdRole);
}

} // namespace

class TestModelCatalogModel final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void showsTheModels()
    {
        ModelCatalogModel source;
        QAbstractItemModelTester tester(
            &source, QAbstractItemModelTester::FailureReportingMode::QtTest);
        source.setModels(sampleModels());
        QCOMPARE(source.rowCount(), 6);
        QCOMPARE(source.columnCount(), int(ModelCatalogModel::ColumnCount));
        QCOMPARE(source.headerData(ModelCatalogModel::PromptPriceColumn, Qt::Horizontal).toString(),
            u"Prompt $/M"_s);

        const auto at = [&source](int row, int col, int role = Qt::DisplayRole) {
            return source.index(row, col).data(role);
        };
        QCOMPARE(at(1, ModelCatalogModel::IdColumn).toString(), u"moonshotai/kimi-k2"_s);
        QCOMPARE(at(1, ModelCatalogModel::NameColumn).toString(), u"MoonshotAI: Kimi K2"_s);
        QCOMPARE(at(1, ModelCatalogModel::ContextColumn).toString(), u"131K"_s);
        QCOMPARE(at(1, ModelCatalogModel::PromptPriceColumn).toString(), u"$0.60"_s);
        QCOMPARE(at(1, ModelCatalogModel::CompletionPriceColumn).toString(), u"$2.50"_s);
        QCOMPARE(at(1, ModelCatalogModel::FreeColumn).toString(), QString());
        QCOMPARE(at(0, ModelCatalogModel::FreeColumn).toString(), u"free"_s);
        QCOMPARE(at(0, ModelCatalogModel::PromptPriceColumn).toString(), u"$0"_s);
        QCOMPARE(at(4, ModelCatalogModel::ContextColumn).toString(), u"2M"_s);
        QCOMPARE(at(4, ModelCatalogModel::PromptPriceColumn).toString(), u"\u2014"_s);
        QCOMPARE(at(5, ModelCatalogModel::ContextColumn).toString(), u"512"_s);
        QCOMPARE(at(5, ModelCatalogModel::PromptPriceColumn).toString(), u"$0.0015"_s);

        // Raw values in every column.
        QCOMPARE(
            at(1, ModelCatalogModel::FreeColumn, ModelCatalogModel::ContextLengthRole).toLongLong(),
            131072);
        QVERIFY(qFuzzyCompare(
            at(1, ModelCatalogModel::IdColumn, ModelCatalogModel::PromptPriceRole).toDouble(),
            0.6));
        QVERIFY(qFuzzyCompare(
            at(1, ModelCatalogModel::IdColumn, ModelCatalogModel::CompletionPriceRole).toDouble(),
            2.5));
        QVERIFY(!at(4, ModelCatalogModel::IdColumn, ModelCatalogModel::PromptPriceRole).isValid());
        QCOMPARE(at(0, ModelCatalogModel::IdColumn, ModelCatalogModel::IsFreeRole).toBool(), true);
        QCOMPARE(at(1, ModelCatalogModel::IdColumn, ModelCatalogModel::IsFreeRole).toBool(), false);
        QCOMPARE(at(1, ModelCatalogModel::NameColumn, ModelCatalogModel::IdRole).toString(),
            u"moonshotai/kimi-k2"_s);
        QCOMPARE(source.rowOf(u"openrouter/auto"_s), 4);
        QCOMPARE(source.rowOf(u"missing/model"_s), -1);
        QCOMPARE(source.modelAt(2)->id, u"qwen/qwen3-235b-a22b-thinking-2507"_s);
        QVERIFY(!source.modelAt(6));
        QVERIFY(source.roleNames().contains(ModelCatalogModel::PromptPriceRole));
    }

    void formatting_data()
    {
        QTest::addColumn<double>("perMillion"); // negative: unknown
        QTest::addColumn<QString>("price");
        QTest::addRow("zero") << 0.0 << u"$0"_s;
        QTest::addRow("cents") << 0.13 << u"$0.13"_s;
        QTest::addRow("dollars") << 15.0 << u"$15.00"_s;
        QTest::addRow("fractions of a cent") << 0.0015 << u"$0.0015"_s;
        QTest::addRow("unknown") << -1.0 << u"\u2014"_s;
    }

    void formatting()
    {
        QFETCH(double, perMillion);
        QFETCH(QString, price);
        const std::optional<double> value =
            perMillion < 0 ? std::nullopt : std::optional<double>(perMillion);
        QCOMPARE(ModelCatalogModel::formatPrice(value), price);
    }

    void refreshKeepsRowsWhenOnlyValuesChange()
    {
        ModelCatalogModel source;
        QAbstractItemModelTester tester(
            &source, QAbstractItemModelTester::FailureReportingMode::QtTest);
        source.setModels(sampleModels());
        QSignalSpy reset(&source, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&source, &QAbstractItemModel::dataChanged);

        QList<ModelInfo> cheaper = sampleModels();
        cheaper[1].promptPrice = 0.5 / 1e6;
        source.setModels(cheaper);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(
            source.index(1, ModelCatalogModel::PromptPriceColumn).data().toString(), u"$0.50"_s);

        source.setModels(cheaper); // nothing changed: no signal
        QCOMPARE(changed.count(), 1);

        cheaper.removeAt(0);
        source.setModels(cheaper);
        QCOMPARE(reset.count(), 1);
        QCOMPARE(source.rowCount(), 5);
    }

    void followsTheCatalog()
    {
        QTemporaryDir dir;
        const QUrl base(u"http://127.0.0.1:1/api/v1"_s); // never contacted
        const CatalogCache cache(dir.path());
        QVERIFY(cache.write(base, CatalogCache::modelsResource(),
            Json::parse(quoted("{'data':[{'id':'a/one','pricing':{'prompt':'0','completion':'0'}},"
                               "{'id':'b/two','context_length':4096}]}")
                            .toStdString()),
            QDateTime::currentDateTimeUtc()));

        Catalog catalog(nullptr, base, {}, dir.path());
        ModelCatalogModel source(&catalog);
        QAbstractItemModelTester tester(
            &source, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(source.rowCount(), 0);
        QSignalSpy reset(&source, &QAbstractItemModel::modelReset);
        catalog.load();
        QCOMPARE(reset.count(), 1);
        QCOMPARE(ids(source), (QStringList { u"a/one"_s, u"b/two"_s }));
        QVERIFY(source.index(0, 0).data(ModelCatalogModel::IsFreeRole).toBool());
        QCOMPARE(source.index(1, ModelCatalogModel::ContextColumn).data().toString(), u"4K"_s);
    }

    void filters_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("freeOnly");
        QTest::addColumn<qint64>("minContext");
        QTest::addColumn<double>("maxPromptPrice"); // negative: no maximum
        QTest::addColumn<QStringList>("expected"); // in source order
        QTest::addRow("nothing") << QString() << false << qint64(0) << -1.0
                                 << QStringList { u"moonshotai/kimi-k2:free"_s,
                                        u"moonshotai/kimi-k2"_s,
                                        u"qwen/qwen3-235b-a22b-thinking-2507"_s,
                                        u"meta-llama/llama-3.3-70b-instruct"_s,
                                        u"openrouter/auto"_s, u"tiny/model"_s };
        QTest::addRow("id text") << u"kimi"_s << false << qint64(0) << -1.0
                                 << QStringList { u"moonshotai/kimi-k2:free"_s,
                                        u"moonshotai/kimi-k2"_s };
        QTest::addRow("name text, other case")
            << u"LLAMA 70b"_s << false << qint64(0) << -1.0
            << QStringList { u"meta-llama/llama-3.3-70b-instruct"_s };
        QTest::addRow("name only") << u"auto router"_s << false << qint64(0) << -1.0
                                   << QStringList { u"openrouter/auto"_s };
        QTest::addRow("no match") << u"gpt"_s << false << qint64(0) << -1.0 << QStringList {};
        QTest::addRow("free only") << QString() << true << qint64(0) << -1.0
                                   << QStringList { u"moonshotai/kimi-k2:free"_s };
        QTest::addRow("min context")
            << QString() << false << qint64(131072) << -1.0
            << QStringList { u"moonshotai/kimi-k2"_s, u"qwen/qwen3-235b-a22b-thinking-2507"_s,
                   u"meta-llama/llama-3.3-70b-instruct"_s, u"openrouter/auto"_s };
        QTest::addRow("max price")
            << QString() << false << qint64(0) << 0.13
            << QStringList { u"moonshotai/kimi-k2:free"_s, u"qwen/qwen3-235b-a22b-thinking-2507"_s,
                   u"meta-llama/llama-3.3-70b-instruct"_s, u"tiny/model"_s };
        QTest::addRow("max price zero") << QString() << false << qint64(0) << 0.0
                                        << QStringList { u"moonshotai/kimi-k2:free"_s };
        QTest::addRow("combined") << u"moonshot"_s << false << qint64(100000) << 1.0
                                  << QStringList { u"moonshotai/kimi-k2"_s };
        QTest::addRow("combined, free only")
            << u"moonshot"_s << true << qint64(100000) << -1.0 << QStringList {};
    }

    void filters()
    {
        QFETCH(QString, text);
        QFETCH(bool, freeOnly);
        QFETCH(qint64, minContext);
        QFETCH(double, maxPromptPrice);
        QFETCH(QStringList, expected);
        ModelCatalogModel source;
        source.setModels(sampleModels());
        ModelFilterModel filter;
        filter.setSourceModel(&source);
        QAbstractItemModelTester tester(
            &filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setFilterText(text);
        filter.setFreeOnly(freeOnly);
        filter.setMinContextLength(minContext);
        filter.setMaxPromptPricePerMillion(
            maxPromptPrice < 0 ? std::nullopt : std::optional<double>(maxPromptPrice));
        QCOMPARE(ids(filter), expected);
        QCOMPARE(filter.filterText(), text);
        QCOMPARE(filter.freeOnly(), freeOnly);
        QCOMPARE(filter.minContextLength(), minContext);

        // Clearing every filter brings every model back.
        filter.setFilterText({});
        filter.setFreeOnly(false);
        filter.setMinContextLength(0);
        filter.setMaxPromptPricePerMillion(std::nullopt);
        QCOMPARE(filter.rowCount(), source.rowCount());
    }

    void filterChangedIsEmittedOnlyOnChange()
    {
        ModelFilterModel filter;
        QSignalSpy changed(&filter, &ModelFilterModel::filterChanged);
        filter.setFilterText(u"kimi"_s);
        filter.setFilterText(u"kimi"_s);
        filter.setFreeOnly(true);
        filter.setFreeOnly(true);
        filter.setMinContextLength(1000);
        filter.setMinContextLength(1000);
        filter.setMaxPromptPricePerMillion(1.0);
        filter.setMaxPromptPricePerMillion(1.0);
        QCOMPARE(changed.count(), 4);
        filter.setMaxPromptPricePerMillion(-3.0); // negative: no maximum
        QCOMPARE(changed.count(), 5);
        QVERIFY(!filter.maxPromptPricePerMillion());
    }

    void filterFollowsSourceChanges()
    {
        ModelCatalogModel source;
        ModelFilterModel filter;
        filter.setSourceModel(&source);
        QAbstractItemModelTester tester(
            &filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setFreeOnly(true);
        QCOMPARE(filter.rowCount(), 0);
        source.setModels(sampleModels());
        QCOMPARE(ids(filter), QStringList { u"moonshotai/kimi-k2:free"_s });
        QList<ModelInfo> models = sampleModels();
        models[1].promptPrice = 0; // kimi-k2 becomes free of charge
        models[1].completionPrice = 0;
        source.setModels(models);
        QCOMPARE(
            ids(filter), (QStringList { u"moonshotai/kimi-k2:free"_s, u"moonshotai/kimi-k2"_s }));
    }

    void sortsNumerically_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("context ascending")
            << int(ModelCatalogModel::ContextColumn) << Qt::AscendingOrder
            << QStringList { u"tiny/model"_s, u"moonshotai/kimi-k2:free"_s,
                   u"meta-llama/llama-3.3-70b-instruct"_s, u"moonshotai/kimi-k2"_s,
                   u"qwen/qwen3-235b-a22b-thinking-2507"_s, u"openrouter/auto"_s };
        QTest::addRow("context descending")
            << int(ModelCatalogModel::ContextColumn) << Qt::DescendingOrder
            << QStringList { u"openrouter/auto"_s, u"qwen/qwen3-235b-a22b-thinking-2507"_s,
                   u"moonshotai/kimi-k2"_s, u"meta-llama/llama-3.3-70b-instruct"_s,
                   u"moonshotai/kimi-k2:free"_s, u"tiny/model"_s };
        // 0 < 0.0015 < 0.13 (ties by id) < 0.6 < unknown (last).
        QTest::addRow("prompt price ascending")
            << int(ModelCatalogModel::PromptPriceColumn) << Qt::AscendingOrder
            << QStringList { u"moonshotai/kimi-k2:free"_s, u"tiny/model"_s,
                   u"meta-llama/llama-3.3-70b-instruct"_s, u"qwen/qwen3-235b-a22b-thinking-2507"_s,
                   u"moonshotai/kimi-k2"_s, u"openrouter/auto"_s };
        QTest::addRow("completion price ascending")
            << int(ModelCatalogModel::CompletionPriceColumn) << Qt::AscendingOrder
            << QStringList { u"moonshotai/kimi-k2:free"_s, u"tiny/model"_s,
                   u"meta-llama/llama-3.3-70b-instruct"_s, u"qwen/qwen3-235b-a22b-thinking-2507"_s,
                   u"moonshotai/kimi-k2"_s, u"openrouter/auto"_s };
        QTest::addRow("name ascending, case-insensitive")
            << int(ModelCatalogModel::NameColumn) << Qt::AscendingOrder
            << QStringList { u"openrouter/auto"_s, u"meta-llama/llama-3.3-70b-instruct"_s,
                   u"moonshotai/kimi-k2"_s, u"moonshotai/kimi-k2:free"_s,
                   u"qwen/qwen3-235b-a22b-thinking-2507"_s, u"tiny/model"_s };
        QTest::addRow("id ascending")
            << int(ModelCatalogModel::IdColumn) << Qt::AscendingOrder
            << QStringList { u"meta-llama/llama-3.3-70b-instruct"_s, u"moonshotai/kimi-k2"_s,
                   u"moonshotai/kimi-k2:free"_s, u"openrouter/auto"_s,
                   u"qwen/qwen3-235b-a22b-thinking-2507"_s, u"tiny/model"_s };
        QTest::addRow("free descending")
            << int(ModelCatalogModel::FreeColumn) << Qt::DescendingOrder
            << QStringList { u"moonshotai/kimi-k2:free"_s, u"tiny/model"_s,
                   u"qwen/qwen3-235b-a22b-thinking-2507"_s, u"openrouter/auto"_s,
                   u"moonshotai/kimi-k2"_s, u"meta-llama/llama-3.3-70b-instruct"_s };
    }

    void sortsNumerically()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        QFETCH(QStringList, expected);
        ModelCatalogModel source;
        source.setModels(sampleModels());
        ModelFilterModel filter;
        filter.setSourceModel(&source);
        QAbstractItemModelTester tester(
            &filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.sort(column, order);
        QCOMPARE(ids(filter), expected);
    }
};

QTEST_GUILESS_MAIN(TestModelCatalogModel)
#include "test_model_catalog_model.moc"
