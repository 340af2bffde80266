// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The provider health table over a temporary database filled through the store API.
#include "HealthHistory.h"
#include "health/ProviderHealthModel.h"
#include "store/ConversationStore.h"
#include "store/Database.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

Q_DECLARE_METATYPE(detour::HealthWindow)

class TestProviderHealthModel final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    Database m_db;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<ProviderHealthQuery> m_query;

    QString cell(const ProviderHealthModel &model, const QString &provider, int column) const
    {
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.index(row, ProviderHealthModel::Provider).data().toString() == provider)
                return model.index(row, column).data().toString();
        }
        return u"(no row)"_s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const Result<> opened = m_db.open(m_dir.filePath(u"detour.sqlite3"_s));
        QVERIFY2(opened, qPrintable(opened.error()));
        m_store = std::make_unique<ConversationStore>(m_db);
        m_query = std::make_unique<ProviderHealthQuery>(m_db);
    }

    void cleanupTestCase()
    {
        m_query.reset();
        m_store.reset();
    }

    void emptyHistorySaysWhatToDo()
    {
        ProviderHealthModel model(m_query.get());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.emptyText().startsWith(u"No attempts recorded yet"_s));
        QVERIFY(model.emptyText().contains(u"rehearse a route"_s));

        // A turn recorded later shows after a refresh.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        healthtest::fill(*m_store, QDateTime::currentDateTimeUtc());
        model.refresh();
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.emptyText().isEmpty());
    }

    void cells_data()
    {
        QTest::addColumn<HealthWindow>("window");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("text");

        const auto day = HealthWindow::LastDay;
        QTest::addRow("tries") << day << u"Groq"_s << int(ProviderHealthModel::Tries) << u"3"_s;
        QTest::addRow("lost races")
            << day << u"Groq"_s << int(ProviderHealthModel::LostRaces) << u"0"_s;
        QTest::addRow("success") << day << u"Groq"_s << int(ProviderHealthModel::SuccessRate)
                                 << u"100 %"_s;
        QTest::addRow("no success")
            << day << u"Chutes"_s << int(ProviderHealthModel::SuccessRate) << u"0 %"_s;
        QTest::addRow("429s") << day << u"Chutes"_s << int(ProviderHealthModel::RateLimited)
                              << u"1"_s;
        QTest::addRow("p50 in ms")
            << day << u"Groq"_s << int(ProviderHealthModel::FirstTokenP50) << u"400 ms"_s;
        QTest::addRow("p90") << day << u"Groq"_s << int(ProviderHealthModel::FirstTokenP90)
                             << u"800 ms"_s;
        QTest::addRow("tokens per second")
            << day << u"Groq"_s << int(ProviderHealthModel::TokensPerSecond) << u"133"_s;
        QTest::addRow("cost") << day << u"Groq"_s << int(ProviderHealthModel::CostPer1k)
                              << u"$0.0016"_s;
        QTest::addRow("no figure is a dash")
            << day << u"Cerebras"_s << int(ProviderHealthModel::FirstTokenP50) << u"—"_s;
        QTest::addRow("hour leaves out 3 h ago")
            << HealthWindow::LastHour << u"Groq"_s << int(ProviderHealthModel::Tries) << u"2"_s;
        QTest::addRow("week adds the local server")
            << HealthWindow::LastWeek << u"local"_s << int(ProviderHealthModel::FirstTokenP50)
            << u"50 ms"_s;
    }

    void cells()
    {
        QFETCH(HealthWindow, window);
        QFETCH(QString, provider);
        QFETCH(int, column);
        ProviderHealthModel model(m_query.get());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setWindow(window);
        QTEST(cell(model, provider, column), "text");
    }

    void groupingByModel()
    {
        ProviderHealthModel model(m_query.get());
        model.setWindow(HealthWindow::LastHour);
        model.setGrouping(HealthGrouping::ProviderModel);
        QStringList labels;
        for (int row = 0; row < model.rowCount(); ++row)
            labels << ProviderHealthModel::rowLabel(model.health(row));
        QCOMPARE(labels,
            (QStringList { u"Groq · moonshotai/kimi-k2"_s, u"Cerebras · moonshotai/kimi-k2"_s,
                u"Chutes · moonshotai/kimi-k2:free"_s }));
        model.setGrouping(HealthGrouping::Step); // not a table grouping: ignored
        QCOMPARE(model.grouping(), HealthGrouping::ProviderModel);
    }

    // A view that is not on screen at start reads nothing until its first refresh(),
    // then follows its window and grouping as before.
    void loadingAtFirstRefreshReadsNothingBefore()
    {
        ProviderHealthModel model(
            m_query.get(), nullptr, ProviderHealthModel::Load::AtFirstRefresh);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setWindow(HealthWindow::LastHour);
        model.setGrouping(HealthGrouping::ProviderModel);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.emptyText().isEmpty());
        QVERIFY(model.refresh());
        QCOMPARE(resets.count(), 1);
        QCOMPARE(model.rowCount(), 3); // as groupingByModel: the settings made before count
        model.setWindow(HealthWindow::LastDay);
        QCOMPARE(resets.count(), 2);
    }

    void sortRoleIsNumeric()
    {
        ProviderHealthModel model(m_query.get());
        model.setWindow(HealthWindow::LastDay);
        const QModelIndex groqSuccess = model.index(0, ProviderHealthModel::SuccessRate);
        QCOMPARE(groqSuccess.data(ProviderHealthModel::SortRole).toDouble(), 1.0);
        QCOMPARE(model.index(2, ProviderHealthModel::TokensPerSecond)
                     .data(ProviderHealthModel::SortRole)
                     .toDouble(),
            -1.0);
        QVERIFY(groqSuccess.data(Qt::ToolTipRole).toString().contains(u"3 of 3 tries served"_s));
    }

    void quietWindowSaysSo()
    {
        // Another database whose only try is three days old.
        QTemporaryDir dir;
        Database db;
        QVERIFY(db.open(dir.filePath(u"old.sqlite3"_s)));
        ConversationStore store(db);
        ConversationRecord record;
        record.turns.append(healthtest::turnAt(QDateTime::currentDateTimeUtc().addDays(-3),
            { healthtest::attemptAt(
                u"openrouter"_s, u"m"_s, u"Groq"_s, Outcome::Served, 200, 0, 10, 20) }));
        QVERIFY(store.importRecord(record));
        ProviderHealthQuery query(db);
        ProviderHealthModel model(&query);
        model.setWindow(HealthWindow::LastHour);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.emptyText(), u"No attempts in the last hour — choose a longer window."_s);
        model.setWindow(HealthWindow::LastWeek);
        QCOMPARE(model.rowCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestProviderHealthModel)
#include "test_provider_health_model.moc"
