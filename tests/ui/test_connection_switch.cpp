// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The window switching between its simulator and the "real" OpenRouter (here a
// second simulator on loopback, so that nothing leaves the machine): the
// conversation stays, keys go only to the real side, and a rehearsal in live
// mode still talks to the simulator only.
#include "ConnectionPanel.h"
#include "MainWindow.h"
#include "RehearsalDock.h"
#include "SimulatorBanner.h"
#include "rehearsal/RehearsalRunner.h"
#include "settings/MemorySecretStore.h"
#include "sim/SimServer.h"

#include <QAction>
#include <QDialog>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

const QString key = u"sk-or-v1-SWITCHTEST-0123456789abcdef0123456789"_s;

int chatRequests(const SimServer &server)
{
    int count = 0;
    for (const SimRequest &request : server.requests())
        count += request.path().endsWith("/chat/completions") ? 1 : 0;
    return count;
}

} // namespace

class TestConnectionSwitch final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    MemorySecretStore m_store;
    std::unique_ptr<SimServer> m_real; // stands in for openrouter.ai
    std::unique_ptr<MainWindow> m_window;

    void send(const QString &text)
    {
        QSignalSpy finished(m_window->session(), &ChatSession::turnFinished);
        QVERIFY(m_window->session()->send(text));
        QVERIFY(finished.wait(15'000));
        QTRY_VERIFY(!m_window->session()->isBusy());
    }

    QAction *simulatedAction() { return m_window->findChild<QAction *>(u"simulatedAction"_s); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qunsetenv("OPENROUTER_API_KEY");
        m_real = std::make_unique<SimServer>();
        QVERIFY(m_real->listen());
        m_window = std::make_unique<MainWindow>(MainWindow::Options { .simulated = true,
            .traceFile = {},
            .databasePath = m_dir.filePath(u"history.sqlite3"_s),
            .cacheDirectory = m_dir.filePath(u"cache"_s),
            .settingsPath = m_dir.filePath(u"detour.ini"_s),
            .secretStore = &m_store,
            .lookForStoredKey = false,
            .openRouterUrl = m_real->baseUrl() });
        m_window->show();
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_real.reset();
    }

    void startsSimulatedAndSaysSo()
    {
        QVERIFY(m_window->isSimulated());
        // An empty chat offers to add a key; once chatting, the banner says where turns go.
        auto *card = m_window->findChild<QWidget *>(u"connectCard"_s);
        QVERIFY(card->isVisible());
        QVERIFY(!m_window->simulatorBanner()->isVisible());
        QVERIFY(simulatedAction()->isChecked());
        QVERIFY(m_window->windowTitle().contains(u"Simulated"_s));
        send(u"Hello simulator"_s);
        QVERIFY(!card->isVisible());
        QVERIFY(m_window->simulatorBanner()->isVisible());
        QCOMPARE(m_window->session()->messages().constLast().status, TurnResult::Status::Served);
        QCOMPARE(chatRequests(*m_real), 0);
    }

    void goingLiveWithoutAKeyOpensThePanelAndKeepsTheConversation()
    {
        const qsizetype messages = m_window->session()->messages().size();
        simulatedAction()->trigger();
        QVERIFY(!m_window->isSimulated());
        QVERIFY(!m_window->simulatorBanner()->isVisible());
        QCOMPARE(m_window->session()->messages().size(), messages);
        QCOMPARE(m_window->session()->plan().endpoints.constFirst().baseUrl, m_real->baseUrl());
        auto *dialog = m_window->findChild<QDialog *>(u"connectionDialog"_s);
        QTRY_VERIFY(dialog->isVisible());

        // The key, pasted and saved, goes to the key ring and then with the next turn to the
        // real endpoint only.
        auto *field = m_window->connectionPanel()->findChild<QLineEdit *>(u"keyEdit"_s);
        field->setText(key);
        QSignalSpy saved(m_window->connectionPanel(), &ConnectionPanel::keySaved);
        m_window->connectionPanel()->findChild<QPushButton *>(u"saveKeyButton"_s)->click();
        QVERIFY(saved.wait(5000));
        QCOMPARE(m_store.contents().value(u"openrouter"_s), key);
        const int simulatedBefore = chatRequests(*m_window->simulator());
        send(u"Hello real"_s);
        QCOMPARE(m_window->session()->messages().size(), messages + 2);
        QVERIFY(chatRequests(*m_real) > 0);
        QCOMPARE(chatRequests(*m_window->simulator()), simulatedBefore);
        for (const SimRequest &request : m_real->requests()) {
            if (request.path().endsWith("/chat/completions"))
                QCOMPARE(request.header("Authorization"), "Bearer " + key.toUtf8());
        }
    }

    void rehearsalInLiveModeNeverReachesTheRealServer()
    {
        QVERIFY(!m_window->isSimulated());
        m_real->clearRequests();
        m_window->simulator()->clearRequests();
        QSignalSpy finished(m_window->rehearsal()->runner(), &RehearsalRunner::finished);
        m_window->rehearsal()->rehearse();
        QVERIFY(finished.wait(60'000));
        QCOMPARE(
            m_window->rehearsal()->runner()->results()->rowCount(), RehearsalRunner::defaultTurns);
        // (Only the last live turn's late /generation lookup may still reach the real server.)
        QCOMPARE(chatRequests(*m_real), 0);
        QVERIFY(!m_window->simulator()->requests().isEmpty());
        for (const SimRequest &request : m_window->simulator()->requests())
            QVERIFY(request.header("Authorization").isEmpty());
    }

    void backToTheSimulatorKeepsEverything()
    {
        const qsizetype messages = m_window->session()->messages().size();
        simulatedAction()->trigger();
        QVERIFY(m_window->isSimulated());
        QVERIFY(m_window->simulatorBanner()->isVisible());
        QCOMPARE(m_window->session()->messages().size(), messages);
        m_real->clearRequests();
        m_window->simulator()->clearRequests();
        send(u"Hello again"_s);
        QCOMPARE(m_window->session()->messages().size(), messages + 2);
        QVERIFY(m_real->requests().isEmpty());
        for (const SimRequest &request : m_window->simulator()->requests())
            QVERIFY(request.header("Authorization").isEmpty());
    }
};

QTEST_MAIN(TestConnectionSwitch)
#include "test_connection_switch.moc"
