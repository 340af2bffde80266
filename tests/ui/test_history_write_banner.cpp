// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The banner that says the history is not being kept: it appears when the
// store refuses a write (here the store's connection is made read-only with
// `PRAGMA query_only`, a failure that comes at once and goes at once), says why,
// hands out the reply that could not be saved, and goes when writes succeed again.
#include "Fixtures.h"
#include "HistoryWriteBanner.h"
#include "route/RouteEngine.h"
#include "sim/SimServer.h"
#include "store/ConversationStore.h"
#include "store/Database.h"
#include "store/HistoryKeeper.h"
#include "store/TurnRecorder.h"

#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace detour;
using fixtures::quoted;

namespace {

constexpr int turnTimeoutMs = 30'000;
const QString reply = u"Kept on screen, and on the clipboard when asked."_s;

bool setQueryOnly(const QSqlDatabase &db, bool on)
{
    return QSqlQuery(db).exec(u"PRAGMA query_only = %1"_s.arg(on ? 1 : 0));
}

} // namespace

class TestHistoryWriteBanner final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void showsTheReasonOffersTheReplyAndGoesOnRecovery()
    {
        SimServer sim;
        QVERIFY(sim.listen());
        const QByteArray scenario = quoted("{'models':[{'id':'test/m','providers':['P']}],"
                                           "'providers':{'P':{'latency_ms':10,'tokens_per_second':"
                                           "50,'script':[{'kind':'serve'}]}},'reply':'")
            + reply.toUtf8() + quoted("'}");
        const Result<> set = sim.setScenario(scenario);
        QVERIFY2(set, qPrintable(set.error()));
        QTemporaryDir dir;
        Database db;
        const Result<> opened = db.open(dir.filePath(u"detour.sqlite3"_s));
        QVERIFY2(opened, qPrintable(opened.error()));
        ConversationStore store(db);
        const qint64 conversation = *store.createConversation(u"Banner"_s);
        const qint64 user = *store.addUserMessage(conversation, u"Hello?"_s);

        HistoryKeeper keeper(&store);
        QWidget window;
        auto *layout = new QVBoxLayout(&window);
        auto *banner = new HistoryWriteBanner(&keeper, &window);
        layout->addWidget(banner);
        auto *other = new QPushButton(u"Elsewhere"_s, &window);
        layout->addWidget(other);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!banner->isVisible());
        auto *text = banner->findChild<QLabel *>(u"historyWriteBannerText"_s);
        auto *copy = banner->findChild<QPushButton *>(u"copyUnsavedReplyButton"_s);
        auto *exportButton = banner->findChild<QPushButton *>(u"exportUnsavedReplyButton"_s);
        QVERIFY(text && copy && exportButton);
        QVERIFY(!banner->accessibleName().isEmpty());
        for (QPushButton *button : { copy, exportButton }) {
            QVERIFY(!button->accessibleName().isEmpty());
            QVERIFY(!button->accessibleDescription().isEmpty());
            QVERIFY(button->focusPolicy() & Qt::TabFocus);
        }

        // The store refuses every write: the banner comes at the first (the reply's row).
        QVERIFY(setQueryOnly(db.connection(), true));
        RouteEngine engine;
        RoutePlan plan;
        plan.endpoints.append({ u"sim"_s, EndpointKind::OpenRouter, sim.baseUrl(), QString() });
        plan.steps.append({ u"sim"_s, { u"test/m"_s, {}, {} }, true });
        ChatRequest request;
        request.messages.append({ u"user"_s, u"Hello?"_s });
        TurnRunner *runner = engine.startTurn(plan, request);
        QSignalSpy finished(runner, &TurnRunner::finished);
        QSignalSpy recovered(&keeper, &HistoryKeeper::writeRecovered);
        keeper.record(conversation, user, runner);
        QVERIFY(banner->isVisible());
        QVERIFY(!banner->reason().isEmpty());
        QVERIFY2(text->text().contains(banner->reason()), qPrintable(text->text()));
        QCOMPARE(banner->accessibleDescription(), text->text());

        // The reply arrives regardless; Copy reply (from the keyboard) and Export hand it out.
        QVERIFY(finished.wait(turnTimeoutMs));
        QVERIFY(banner->isVisible());
        QGuiApplication::clipboard()->clear();
        copy->setFocus();
        QVERIFY(copy->hasFocus());
        QTest::keyClick(copy, Qt::Key_Space);
        QCOMPARE(QGuiApplication::clipboard()->text(), reply);
        QGuiApplication::clipboard()->clear();
        QTest::mouseClick(copy, Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), reply);
        const QString exported = dir.filePath(u"reply.md"_s);
        QString error;
        QVERIFY2(banner->exportReply(exported, &error), qPrintable(error));
        QFile file(exported);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), reply);

        // Writes succeed again: the retry saves the turn and the banner goes.
        QVERIFY(setQueryOnly(db.connection(), false));
        QVERIFY(recovered.wait(turnTimeoutMs));
        QVERIFY(!banner->isVisible());
        QVERIFY(banner->reason().isEmpty());
        const ConversationRecord record = *store.load(conversation);
        QCOMPARE(record.messages.constLast().content, reply);
    }
};

QTEST_MAIN(TestHistoryWriteBanner)
#include "test_history_write_banner.moc"
