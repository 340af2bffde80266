// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// ProviderEndpointModel: the providers of one model as a table — values shown,
// raw values in roles, following the catalog for the chosen model, sorting.
#include "Fixtures.h"
#include "endpoints/Catalog.h"
#include "endpoints/CatalogCache.h"
#include "endpoints/ProviderEndpointModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;
using fixtures::quoted;
using Json = nlohmann::json;

namespace {

ProviderEndpointInfo endpoint(const QString &provider, std::optional<double> uptime,
    std::optional<double> latency, std::optional<double> throughput, qint64 context,
    std::optional<double> promptPerMillion, const QString &quantization)
{
    ProviderEndpointInfo info;
    info.providerName = provider;
    info.name = provider + u" | moonshotai/kimi-k2"_s;
    info.uptimeLast30m = uptime;
    info.latencyLast30m = latency;
    info.throughputLast30m = throughput;
    info.contextLength = context;
    if (promptPerMillion) {
        info.promptPrice = *promptPerMillion / 1e6;
        info.completionPrice = *promptPerMillion * 4 / 1e6;
    }
    info.quantization = quantization;
    return info;
}

QList<ProviderEndpointInfo> sampleEndpoints()
{
    return {
        endpoint(u"Cerebras"_s, 88.2, 120, 1800, 131072, 0.6, u"fp8"_s),
        endpoint(u"Groq"_s, 99.6, 250, 120, 131072, 1.0, u"fp8"_s),
        endpoint(u"Together"_s, 99.1, 1450, 80, 65536, 0.5, u"bf16"_s),
        endpoint(u"NewHost"_s, std::nullopt, std::nullopt, std::nullopt, 0, std::nullopt, {}),
    };
}

QStringList providers(const QAbstractItemModel &model)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(); ++row)
        names.append(model.index(row, 0).data(ProviderEndpointModel::ProviderNameRole).toString());
    return names;
}

} // namespace

class TestProviderEndpointModel final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void showsValues_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("shown");
        using M = ProviderEndpointModel;
        QTest::addRow("provider") << 1 << int(M::ProviderColumn) << u"Groq"_s;
        QTest::addRow("uptime") << 1 << int(M::UptimeColumn) << u"99.6 %"_s;
        QTest::addRow("latency ms") << 1 << int(M::LatencyColumn) << u"250 ms"_s;
        QTest::addRow("latency s") << 2 << int(M::LatencyColumn) << u"1.4 s"_s;
        QTest::addRow("throughput") << 0 << int(M::ThroughputColumn) << u"1800 tok/s"_s;
        QTest::addRow("context") << 2 << int(M::ContextColumn) << u"66K"_s;
        QTest::addRow("prompt price") << 1 << int(M::PromptPriceColumn) << u"$1.00"_s;
        QTest::addRow("completion price") << 1 << int(M::CompletionPriceColumn) << u"$4.00"_s;
        QTest::addRow("quantization") << 2 << int(M::QuantizationColumn) << u"bf16"_s;
        QTest::addRow("unknown uptime") << 3 << int(M::UptimeColumn) << u"\u2014"_s;
        QTest::addRow("unknown latency") << 3 << int(M::LatencyColumn) << u"\u2014"_s;
        QTest::addRow("unknown throughput") << 3 << int(M::ThroughputColumn) << u"\u2014"_s;
        QTest::addRow("unknown context") << 3 << int(M::ContextColumn) << u"\u2014"_s;
        QTest::addRow("unknown price") << 3 << int(M::PromptPriceColumn) << u"\u2014"_s;
        QTest::addRow("unknown quantization") << 3 << int(M::QuantizationColumn) << u"\u2014"_s;
    }

    void showsValues()
    {
        QFETCH(int, row);
        QFETCH(int, column);
        QFETCH(QString, shown);
        ProviderEndpointModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEndpoints(sampleEndpoints());
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), int(ProviderEndpointModel::ColumnCount));
        QCOMPARE(model.index(row, column).data().toString(), shown);
    }

    void rawValuesInRoles()
    {
        ProviderEndpointModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEndpoints(sampleEndpoints());
        const QModelIndex groq = model.index(1, ProviderEndpointModel::QuantizationColumn);
        QCOMPARE(groq.data(ProviderEndpointModel::ProviderNameRole).toString(), u"Groq"_s);
        QCOMPARE(groq.data(ProviderEndpointModel::EndpointNameRole).toString(),
            u"Groq | moonshotai/kimi-k2"_s);
        QCOMPARE(groq.data(ProviderEndpointModel::UptimeRole).toDouble(), 99.6);
        QCOMPARE(groq.data(ProviderEndpointModel::LatencyRole).toDouble(), 250.0);
        QCOMPARE(groq.data(ProviderEndpointModel::ThroughputRole).toDouble(), 120.0);
        QCOMPARE(groq.data(ProviderEndpointModel::ContextLengthRole).toLongLong(), 131072);
        QVERIFY(qFuzzyCompare(groq.data(ProviderEndpointModel::PromptPriceRole).toDouble(), 1.0));
        QVERIFY(
            qFuzzyCompare(groq.data(ProviderEndpointModel::CompletionPriceRole).toDouble(), 4.0));
        QCOMPARE(groq.data(ProviderEndpointModel::QuantizationRole).toString(), u"fp8"_s);
        const QModelIndex unknown = model.index(3, 0);
        QVERIFY(!unknown.data(ProviderEndpointModel::UptimeRole).isValid());
        QVERIFY(!unknown.data(ProviderEndpointModel::LatencyRole).isValid());
        QVERIFY(!unknown.data(ProviderEndpointModel::ThroughputRole).isValid());
        QVERIFY(!unknown.data(ProviderEndpointModel::PromptPriceRole).isValid());
        QCOMPARE(
            model.headerData(ProviderEndpointModel::ThroughputColumn, Qt::Horizontal).toString(),
            u"Throughput"_s);
        QCOMPARE(model.endpointAt(2)->providerName, u"Together"_s);
        QVERIFY(!model.endpointAt(4));
    }

    void followsTheCatalogForItsModel()
    {
        QTemporaryDir dir;
        const QUrl base(u"http://127.0.0.1:1/api/v1"_s); // never contacted
        const CatalogCache cache(dir.path());
        const auto write = [&](const QString &modelId, const char *body) {
            return cache.write(base, CatalogCache::endpointsResource(modelId),
                Json::parse(quoted(body).toStdString()), QDateTime::currentDateTimeUtc());
        };
        QVERIFY(write(u"moonshotai/kimi-k2"_s,
            "{'data':{'id':'moonshotai/kimi-k2','endpoints':[{'provider_name':'Cerebras',"
            "'uptime_last_30m':88.2},{'provider_name':'Groq','uptime_last_30m':99.6}]}}"));
        QVERIFY(write(u"moonshotai/kimi-k2:free"_s,
            "{'data':{'id':'moonshotai/kimi-k2:free','endpoints':[{'provider_name':'Chutes'}]}}"));

        Catalog catalog(nullptr, base, {}, dir.path());
        ProviderEndpointModel model(&catalog);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setModelId(u"moonshotai/kimi-k2"_s);
        QCOMPARE(model.rowCount(), 0); // nothing loaded yet
        catalog.load();
        QCOMPARE(providers(model), (QStringList { u"Cerebras"_s, u"Groq"_s }));
        QCOMPARE(
            model.index(1, ProviderEndpointModel::UptimeColumn).data().toString(), u"99.6 %"_s);

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setModelId(u"moonshotai/kimi-k2:free"_s);
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.modelId(), u"moonshotai/kimi-k2:free"_s);
        QCOMPARE(providers(model), QStringList { u"Chutes"_s });

        model.setModelId(u"nobody/knows"_s);
        QCOMPARE(model.rowCount(), 0);
    }

    void sorts_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::addColumn<QStringList>("expected");
        using M = ProviderEndpointModel;
        QTest::addRow("uptime, best first")
            << int(M::UptimeColumn) << Qt::DescendingOrder
            << QStringList { u"Groq"_s, u"Together"_s, u"Cerebras"_s, u"NewHost"_s };
        QTest::addRow("latency, fastest first")
            << int(M::LatencyColumn) << Qt::AscendingOrder
            << QStringList { u"Cerebras"_s, u"Groq"_s, u"Together"_s, u"NewHost"_s };
        QTest::addRow("throughput, fastest first")
            << int(M::ThroughputColumn) << Qt::DescendingOrder
            << QStringList { u"Cerebras"_s, u"Groq"_s, u"Together"_s, u"NewHost"_s };
        QTest::addRow("price, cheapest first")
            << int(M::PromptPriceColumn) << Qt::AscendingOrder
            << QStringList { u"Together"_s, u"Cerebras"_s, u"Groq"_s, u"NewHost"_s };
    }

    void sorts()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        QFETCH(QStringList, expected);
        ProviderEndpointModel model;
        model.setEndpoints(sampleEndpoints());
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(ProviderEndpointModel::SortRole);
        QAbstractItemModelTester tester(
            &proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(column, order);
        QCOMPARE(providers(proxy), expected);
    }
};

QTEST_GUILESS_MAIN(TestProviderEndpointModel)
#include "test_provider_endpoint_model.moc"
