// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Provider health from a temporary database filled through the store's own API.
#include "HealthHistory.h"
#include "route/HedgeDelay.h"
#include "store/ConversationStore.h"
#include "store/Database.h"
#include "store/ProviderHealthQuery.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

Q_DECLARE_METATYPE(detour::HealthWindow)
Q_DECLARE_METATYPE(detour::HealthGrouping)

namespace {

QString keyOf(HealthGrouping grouping, const ProviderHealth &row)
{
    switch (grouping) {
    case HealthGrouping::Provider:
        return row.provider;
    case HealthGrouping::ProviderModel:
        return row.provider + u' ' + row.model;
    case HealthGrouping::Step:
        return row.endpointId + u' ' + row.model;
    }
    return {};
}

double orMinusOne(const std::optional<double> &value)
{
    return value.value_or(-1.0);
}

} // namespace

class TestProviderHealthQuery final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    Database m_db;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<ProviderHealthQuery> m_query;
    QDateTime m_now;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const Result<> opened = m_db.open(m_dir.filePath(u"detour.sqlite3"_s));
        QVERIFY2(opened, qPrintable(opened.error()));
        m_store = std::make_unique<ConversationStore>(m_db);
        m_query = std::make_unique<ProviderHealthQuery>(m_db);
        m_now = QDateTime::currentDateTimeUtc();
    }

    void cleanupTestCase()
    {
        m_query.reset();
        m_store.reset();
    }

    void emptyDatabaseHasNoRows()
    {
        const auto rows = m_query->run(HealthWindow::All, HealthGrouping::Provider, m_now);
        QVERIFY2(rows, qPrintable(rows.error()));
        QVERIFY(rows->isEmpty());
        QVERIFY(!m_query->record(u"openrouter"_s, u"moonshotai/kimi-k2"_s));
        healthtest::fill(*m_store, m_now); // for the tests below
    }

    void figures_data()
    {
        QTest::addColumn<HealthWindow>("window");
        QTest::addColumn<HealthGrouping>("grouping");
        QTest::addColumn<QString>("key");
        QTest::addColumn<int>("tries");
        QTest::addColumn<int>("served");
        QTest::addColumn<int>("rateLimited");
        QTest::addColumn<double>("p50");
        QTest::addColumn<double>("p90");
        QTest::addColumn<double>("tokensPerSecond");
        QTest::addColumn<double>("costPer1k");

        const auto provider = HealthGrouping::Provider;
        QTest::addRow("hour: Groq") << HealthWindow::LastHour << provider << u"Groq"_s << 2 << 2
                                    << 0 << 200.0 << 400.0 << 200.0 / 1.5 << 0.0016;
        QTest::addRow("hour: Chutes 429") << HealthWindow::LastHour << provider << u"Chutes"_s << 1
                                          << 0 << 1 << -1.0 << -1.0 << -1.0 << -1.0;
        QTest::addRow("hour: Cerebras inside OpenRouter")
            << HealthWindow::LastHour << provider << u"Cerebras"_s << 1 << 0 << 1 << -1.0 << -1.0
            << -1.0 << -1.0;
        QTest::addRow("day: Groq, cancelled left out")
            << HealthWindow::LastDay << provider << u"Groq"_s << 3 << 3 << 0 << 400.0 << 800.0
            << 200.0 / 1.5 << 0.0016;
        QTest::addRow("day: Chutes interrupted is no success")
            << HealthWindow::LastDay << provider << u"Chutes"_s << 2 << 0 << 1 << 300.0 << 300.0
            << -1.0 << -1.0;
        QTest::addRow("week: direct server is its endpoint")
            << HealthWindow::LastWeek << provider << u"local"_s << 1 << 1 << 0 << 50.0 << 50.0
            << -1.0 << -1.0;
        QTest::addRow("all: old 429 counts") << HealthWindow::All << provider << u"Cerebras"_s << 2
                                             << 0 << 2 << -1.0 << -1.0 << -1.0 << -1.0;
        QTest::addRow("hour: Groq per model")
            << HealthWindow::LastHour << HealthGrouping::ProviderModel
            << u"Groq moonshotai/kimi-k2"_s << 2 << 2 << 0 << 200.0 << 400.0 << 200.0 / 1.5
            << 0.0016;
        QTest::addRow("hour: refused model by request")
            << HealthWindow::LastHour << HealthGrouping::ProviderModel
            << u"Chutes moonshotai/kimi-k2:free"_s << 1 << 0 << 1 << -1.0 << -1.0 << -1.0 << -1.0;
        QTest::addRow("day: step, all providers")
            << HealthWindow::LastDay << HealthGrouping::Step << u"openrouter moonshotai/kimi-k2"_s
            << 4 << 3 << 0 << 300.0 << 800.0 << 200.0 / 1.5 << 0.0016;
        QTest::addRow("day: step, skipped left out")
            << HealthWindow::LastDay << HealthGrouping::Step
            << u"openrouter moonshotai/kimi-k2:free"_s << 1 << 0 << 1 << -1.0 << -1.0 << -1.0
            << -1.0;
    }

    void figures()
    {
        QFETCH(HealthWindow, window);
        QFETCH(HealthGrouping, grouping);
        QFETCH(QString, key);
        const auto rows = m_query->run(window, grouping, m_now);
        QVERIFY2(rows, qPrintable(rows.error()));
        const auto row = std::find_if(rows->cbegin(), rows->cend(),
            [&](const ProviderHealth &candidate) { return keyOf(grouping, candidate) == key; });
        QVERIFY2(row != rows->cend(), qPrintable(key));
        QTEST(row->tries, "tries");
        QTEST(row->served, "served");
        QTEST(row->rateLimited, "rateLimited");
        QTEST(orMinusOne(row->timeToFirstTokenP50Ms), "p50");
        QTEST(orMinusOne(row->timeToFirstTokenP90Ms), "p90");
        QTEST(orMinusOne(row->tokensPerSecond), "tokensPerSecond");
        QTEST(orMinusOne(row->costPer1kTokens), "costPer1k");
    }

    void windowsLeaveOutOlderTries_data()
    {
        QTest::addColumn<HealthWindow>("window");
        QTest::addColumn<QStringList>("providers");
        QTest::addRow("hour") << HealthWindow::LastHour
                              << QStringList { u"Groq"_s, u"Cerebras"_s, u"Chutes"_s };
        QTest::addRow("day") << HealthWindow::LastDay
                             << QStringList { u"Groq"_s, u"Chutes"_s, u"Cerebras"_s };
        QTest::addRow("week") << HealthWindow::LastWeek
                              << QStringList { u"Groq"_s, u"Chutes"_s, u"Cerebras"_s, u"local"_s };
        QTest::addRow("all") << HealthWindow::All
                             << QStringList { u"Groq"_s, u"Cerebras"_s, u"Chutes"_s, u"local"_s };
    }

    void windowsLeaveOutOlderTries()
    {
        QFETCH(HealthWindow, window);
        QStringList providers;
        const auto rows = m_query->run(window, HealthGrouping::Provider, m_now);
        QVERIFY(rows);
        for (const ProviderHealth &row : *rows)
            providers << row.provider;
        QTEST(providers, "providers"); // most tries first, then by name
    }

    void trendSlicesTheWindow()
    {
        const auto rows = m_query->run(HealthWindow::LastHour, HealthGrouping::Provider, m_now);
        const ProviderHealth &groq = rows->first();
        QCOMPARE(groq.provider, u"Groq"_s);
        QCOMPARE(groq.trend.size(), ProviderHealthQuery::trendSlices);
        // Five-minute slices: 30 min ago is slice 6, 10 min ago slice 10.
        for (int i = 0; i < groq.trend.size(); ++i) {
            const HealthSlice expected = i == 6 || i == 10 ? HealthSlice { 1, 1 } : HealthSlice {};
            QCOMPARE(groq.trend[i], expected);
        }
    }

    void stepHistoryForSorting()
    {
        const std::optional<StepRecord> paid =
            m_query->record(u"openrouter"_s, u"moonshotai/kimi-k2"_s);
        QVERIFY(paid);
        QCOMPARE(paid->tries, 4);
        QCOMPARE(paid->served, 3);
        QCOMPARE(paid->medianTimeToFirstTokenMs, std::optional(300.0));
        QVERIFY(!m_query->record(u"groq"_s, u"moonshotai/kimi-k2"_s));
        m_query->setStepWindow(HealthWindow::LastHour);
        QCOMPARE(m_query->record(u"openrouter"_s, u"moonshotai/kimi-k2"_s)->tries, 2);
        m_query->setStepWindow(HealthWindow::LastWeek);
    }

    void percentile_data()
    {
        QTest::addColumn<QList<qint64>>("values");
        QTest::addColumn<double>("p");
        QTest::addColumn<double>("expected");
        QTest::addRow("one value") << QList<qint64> { 7 } << 0.9 << 7.0;
        QTest::addRow("median of four, nearest rank")
            << QList<qint64> { 40, 10, 30, 20 } << 0.5 << 20.0;
        QTest::addRow("p90 of ten")
            << QList<qint64> { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 } << 0.9 << 9.0;
        QTest::addRow("p90 of eleven")
            << QList<qint64> { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 } << 0.9 << 10.0;
    }

    void percentile()
    {
        QFETCH(QList<qint64>, values);
        QFETCH(double, p);
        QTEST(*ProviderHealthQuery::percentile(values, p), "expected");
        QVERIFY(!ProviderHealthQuery::percentile({}, 0.5));
    }

    // Requests that lost a hedged race count on their own, neither tries nor failures; the
    // winner's times to first token over the last week are what hedge_after_ms "auto" uses.
    // (Last: it adds its own endpoint and providers to the shared history.)
    void lostRacesAndHedgeHistory()
    {
        using healthtest::attemptAt;
        ConversationRecord record;
        record.conversation.title = u"Hedged"_s;
        const auto hedged = [](qint64 firstTokenMs) {
            Attempt loser = attemptAt(
                u"hedge"_s, u"slow/m"_s, u"Slowpoke"_s, Outcome::Cancelled, 200, 0, -1, -1);
            loser.errorCode = Attempt::lostRaceCode;
            loser.timings.finishedMs = 500 + firstTokenMs;
            const Attempt winner = attemptAt(u"hedge"_s, u"quick/m"_s, u"Quickie"_s,
                Outcome::Served, 200, 500, 500 + firstTokenMs, 600 + firstTokenMs);
            return QList<Attempt> { loser, winner };
        };
        for (int day = 0; day < 6; ++day)
            record.turns.append(healthtest::turnAt(m_now.addDays(-day).addSecs(-60),
                hedged(1100 + 100 * day))); // 1.1 s to 1.6 s
        record.turns.append(healthtest::turnAt(m_now.addDays(-8), hedged(9000))); // too old
        Attempt cancelled = attemptAt(u"hedge"_s, u"slow/m"_s, u"Slowpoke"_s, Outcome::Cancelled, 0,
            0, -1, 100); // stopped by the person: not a lost race
        record.turns.append(healthtest::turnAt(m_now.addSecs(-30), { cancelled }));
        const auto imported = m_store->importRecord(record);
        QVERIFY2(imported, qPrintable(imported.error()));

        const auto rows = m_query->run(HealthWindow::LastWeek, HealthGrouping::Provider, m_now);
        QVERIFY2(rows, qPrintable(rows.error()));
        const auto row = [&rows](const QString &provider) {
            for (const ProviderHealth &health : *rows) {
                if (health.provider == provider)
                    return health;
            }
            return ProviderHealth();
        };
        QCOMPARE(row(u"Slowpoke"_s).provider, u"Slowpoke"_s);
        QCOMPARE(row(u"Slowpoke"_s).lostRaces, 6);
        QCOMPARE(row(u"Slowpoke"_s).tries, 0);
        QCOMPARE(row(u"Slowpoke"_s).served, 0);
        QCOMPARE(row(u"Quickie"_s).tries, 6);
        QCOMPARE(row(u"Quickie"_s).lostRaces, 0);
        QCOMPARE(row(u"Groq"_s).lostRaces, 0);
        const auto all = m_query->run(HealthWindow::All, HealthGrouping::Provider, m_now);
        QVERIFY(all);
        for (const ProviderHealth &health : *all) {
            if (health.provider == u"Slowpoke"_s)
                QCOMPARE(health.lostRaces, 7);
        }

        const std::optional<StepRecord> quick = m_query->record(u"hedge"_s, u"quick/m"_s);
        QVERIFY(quick);
        QCOMPARE(quick->firstTokens, 6);
        QCOMPARE(quick->p90TimeToFirstTokenMs, std::optional(1600.0));

        // "auto" from that history: the step's p90, within the floor and the cap.
        RoutePolicy policy;
        policy.hedgeAuto = true;
        const RouteStep step { u"hedge"_s, { u"quick/m"_s, {}, {} }, true };
        const auto delay = HedgeDelay::forStep(policy, step, m_query.get());
        QVERIFY(delay);
        QCOMPARE(delay->after.count(), 1600);
        QVERIFY(delay->fromHistory);
        const RouteStep unknown { u"hedge"_s, { u"never/m"_s, {}, {} }, true };
        QCOMPARE(HedgeDelay::forStep(policy, unknown, m_query.get())->after,
            HedgeDelay::autoWithoutHistory);
    }
};

QTEST_GUILESS_MAIN(TestProviderHealthQuery)
#include "test_provider_health_query.moc"
