// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The provider health dock's content, offscreen: empty state, chart and table
// from a recorded history, window choice, cooldowns with Clear and Clear all.
#include "HealthChart.h"
#include "HealthHistory.h"
#include "ProviderHealthWidget.h"
#include "health/CooldownModel.h"
#include "health/ProviderHealthModel.h"
#include "route/CooldownTable.h"
#include "store/ConversationStore.h"
#include "store/Database.h"
#include "store/ProviderHealthQuery.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

// How many distinct colours a widget shows: a blank area has one or two.
int colourCount(QWidget *widget)
{
    const QImage image = widget->grab().toImage();
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2)
            colours.insert(image.pixel(x, y));
    }
    return int(colours.size());
}

} // namespace

class TestProviderHealthWidget final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    Database m_db;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<ProviderHealthQuery> m_query;
    CooldownTable m_cooldowns;

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

    void emptyStateThenHistory()
    {
        ProviderHealthWidget widget(m_query.get(), &m_cooldowns);
        widget.resize(800, 600);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        auto *empty = widget.findChild<QLabel *>(u"healthEmpty"_s);
        auto *table = widget.findChild<QTableView *>(u"healthTable"_s);
        auto *chart = widget.findChild<HealthChart *>(u"healthChart"_s);
        QVERIFY(empty && table && chart);
        QVERIFY(empty->isVisible());
        QCOMPARE(
            empty->text(), u"No attempts recorded yet — send a message, or rehearse a route."_s);
        QVERIFY(!table->isVisible());
        QVERIFY(!chart->isVisible());

        healthtest::fill(*m_store, QDateTime::currentDateTimeUtc());
        QTest::mouseClick(widget.findChild<QPushButton *>(u"healthRefresh"_s), Qt::LeftButton);
        QVERIFY(!empty->isVisible());
        QVERIFY(table->isVisible());
        QVERIFY(chart->isVisible());
        QCOMPARE(table->model()->rowCount(), 3); // last 24 hours: Groq, Chutes, Cerebras
        QVERIFY(colourCount(chart) > 4);
        // Every figure the chart draws is also said in words.
        QCOMPARE(chart->rowSummary(0),
            u"Groq: 100 % of 3 tries served, 0 answered 429; first token in 0.40 s (median), 0.80 s (90th percentile)."_s);
        QVERIFY(chart->rowSummary(2).contains(u"1 answered 429"_s));
    }

    void windowAndGrouping()
    {
        ProviderHealthWidget widget(m_query.get(), &m_cooldowns);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        auto *window = widget.findChild<QComboBox *>(u"healthWindow"_s);
        auto *table = widget.findChild<QTableView *>(u"healthTable"_s);
        window->setFocus();
        // Last 24 hours -> Last 7 days: the local server called directly appears.
        QTest::keyClick(window, Qt::Key_Down);
        QCOMPARE(widget.healthModel()->window(), HealthWindow::LastWeek);
        QCOMPARE(table->model()->rowCount(), 4);
        QVERIFY(table->isColumnHidden(ProviderHealthModel::Model));
        QTest::mouseClick(widget.findChild<QCheckBox *>(u"healthPerModel"_s), Qt::LeftButton);
        QCOMPARE(widget.healthModel()->grouping(), HealthGrouping::ProviderModel);
        QVERIFY(!table->isColumnHidden(ProviderHealthModel::Model));
        QCOMPARE(table->model()->rowCount(), 5); // Chutes twice: kimi-k2:free and kimi-k2
    }

    void cooldownsClearPerRowAndAll()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        m_cooldowns.coolDown(u"openrouter"_s, u"moonshotai/kimi-k2:free"_s, u"Chutes"_s,
            now.addSecs(300), Outcome::RateLimitedUpstream);
        m_cooldowns.coolDown(
            u"groq"_s, u"kimi-k2"_s, QString(), now.addSecs(600), Outcome::RateLimitedKey);
        ProviderHealthWidget widget(m_query.get(), &m_cooldowns);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        auto *table = widget.findChild<QTableView *>(u"cooldownTable"_s);
        auto *none = widget.findChild<QLabel *>(u"noCooldowns"_s);
        auto *clearAll = widget.findChild<QPushButton *>(u"clearAllCooldowns"_s);
        QVERIFY(table->isVisible());
        QVERIFY(!none->isVisible());
        QCOMPARE(table->model()->rowCount(), 2);
        QVERIFY(table->model()
                    ->index(0, CooldownModel::Remaining)
                    .data()
                    .toString()
                    .contains(u"min"_s));

        auto *clearFirst = qobject_cast<QPushButton *>(
            table->indexWidget(table->model()->index(0, CooldownModel::Action)));
        QVERIFY(clearFirst);
        QTest::mouseClick(clearFirst, Qt::LeftButton);
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(m_cooldowns.active(now).size(), 1);
        QCOMPARE(m_cooldowns.active(now).first().endpointId, u"groq"_s);
        // The remaining row has its own button again after the reload.
        QVERIFY(table->indexWidget(table->model()->index(0, CooldownModel::Action)));

        QTest::mouseClick(clearAll, Qt::LeftButton);
        QVERIFY(m_cooldowns.active(now).isEmpty());
        QVERIFY(none->isVisible());
        QVERIFY(!table->isVisible());
        QVERIFY(!clearAll->isEnabled());
    }

    void darkPaletteStillDraws()
    {
        ProviderHealthWidget widget(m_query.get(), &m_cooldowns);
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(30, 30, 30));
        dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
        dark.setColor(QPalette::Base, QColor(20, 20, 20));
        dark.setColor(QPalette::AlternateBase, QColor(40, 40, 40));
        dark.setColor(QPalette::Highlight, QColor(60, 140, 220));
        widget.setPalette(dark);
        widget.resize(800, 600);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        auto *chart = widget.findChild<HealthChart *>(u"healthChart"_s);
        const QImage image = chart->grab().toImage();
        bool lightText = false;
        for (int y = 0; y < image.height() && !lightText; ++y) {
            for (int x = 0; x < image.width() && !lightText; ++x)
                lightText = qGray(image.pixel(x, y)) > 200;
        }
        QVERIFY(lightText); // text in the palette's light WindowText, not a fixed black
        QCOMPARE(qGray(image.pixel(1, image.height() - 1)), qGray(QColor(30, 30, 30).rgb()));
    }
};

QTEST_MAIN(TestProviderHealthWidget)
#include "test_provider_health_widget.moc"
