// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The connection panel alone: the key goes to the key ring (an in-memory store
// here) and nowhere else, "Test connection" asks the simulator's /key, and the
// panel's buttons say what the person chose.
#include "ConnectionPanel.h"
#include "settings/KeyRing.h"
#include "settings/KeychainSecretStore.h"
#include "settings/MemorySecretStore.h"
#include "sim/SimServer.h"

#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

const QString key = u"sk-or-v1-PANELTEST-00112233445566778899aabbccddeeff"_s;

} // namespace

class TestConnectionPanel final : public QObject {
    Q_OBJECT

    QTemporaryDir m_cache;
    std::unique_ptr<MemorySecretStore> m_store;
    std::unique_ptr<KeyRing> m_ring;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<SimServer> m_sim;
    std::unique_ptr<ConnectionPanel> m_panel;

    template<typename T> T *child(const QString &name)
    {
        auto *widget = m_panel->findChild<T *>(name);
        [&] { QVERIFY2(widget, qPrintable(name)); }();
        return widget;
    }

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<MemorySecretStore>();
        m_ring = std::make_unique<KeyRing>(m_store.get());
        m_network = std::make_unique<QNetworkAccessManager>();
        m_sim = std::make_unique<SimServer>();
        QVERIFY(m_sim->listen());
        m_panel = std::make_unique<ConnectionPanel>(m_ring.get(), m_network.get());
        m_panel->setOpenRouterUrl(m_sim->baseUrl());
        m_panel->setCacheDirectory(m_cache.path());
        m_panel->show();
    }

    void cleanup()
    {
        m_panel.reset();
        m_sim.reset();
        m_network.reset();
        m_ring.reset();
        m_store.reset();
    }

    void keyIsSavedInTheKeyringAndLeavesTheField()
    {
        auto *field = child<QLineEdit>(u"keyEdit"_s);
        QCOMPARE(field->echoMode(), QLineEdit::Password);
        QSignalSpy saved(m_panel.get(), &ConnectionPanel::keySaved);
        QTest::keyClicks(field, key);
        QVERIFY(!field->displayText().contains(u"PANELTEST"_s));
        child<QPushButton>(u"saveKeyButton"_s)->click();
        QVERIFY(saved.wait(5000));
        QCOMPARE(m_store->contents().value(ConnectionPanel::endpointId()), key);
        QVERIFY(field->text().isEmpty());
        QVERIFY(child<QLabel>(u"keyStatusLabel"_s)->text().contains(u"system keyring"_s));
    }

    void noKeyringSaysSoAndNamesTheVariable()
    {
        m_store->setFailure(
            { SecretError::Kind::Unavailable, KeychainSecretStore::unavailableMessage() });
        QSignalSpy saved(m_panel.get(), &ConnectionPanel::keySaved);
        QSignalSpy stored(m_ring.get(), &KeyRing::keyStored);
        child<QLineEdit>(u"keyEdit"_s)->setText(key);
        child<QPushButton>(u"saveKeyButton"_s)->click();
        QVERIFY(stored.wait(5000));
        QCOMPARE(saved.count(), 0);
        const QString status = child<QLabel>(u"keyStatusLabel"_s)->text();
        QCOMPARE(status, KeychainSecretStore::unavailableMessage());
        QVERIFY(status.contains(u"OPENROUTER_API_KEY"_s));
        // Saving again cannot work: the button says so instead of inviting it.
        QVERIFY(!child<QPushButton>(u"saveKeyButton"_s)->isEnabled());
        QVERIFY(!child<QPushButton>(u"saveKeyButton"_s)->toolTip().isEmpty());
    }

    void testConnectionDescribesTheKey()
    {
        child<QLineEdit>(u"keyEdit"_s)->setText(key);
        auto *result = child<QLabel>(u"testResultLabel"_s);
        child<QPushButton>(u"testConnectionButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(u"Free tier"_s), 5000);
        QVERIFY(result->text().contains(u"sk-or-v1-sim...d0e"_s));
        QVERIFY(result->text().contains(u"50 requests a day on :free models"_s));
        QVERIFY(result->text().contains(u"1000 a day"_s));
        QVERIFY(!result->text().contains(u"PANELTEST"_s));
        // It went to the simulator, with the typed key, and nowhere else.
        QCOMPARE(m_sim->requests().size(), 1);
        QCOMPARE(m_sim->requests().constFirst().path(), "/api/v1/key"_ba);
        QCOMPARE(m_sim->requests().constFirst().header("Authorization"), "Bearer " + key.toUtf8());
    }

    void refusedKeyIsExplained()
    {
        QVERIFY(m_sim->setScenario("{\"require_key\": \"sk-or-v1-other\"}"));
        child<QLineEdit>(u"keyEdit"_s)->setText(key);
        auto *result = child<QLabel>(u"testResultLabel"_s);
        child<QPushButton>(u"testConnectionButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!result->text().endsWith(u"…"_s), 5000);
        QVERIFY(!result->text().contains(u"works"_s));
        QVERIFY(!result->text().contains(key));
    }

    void nothingToTestWithoutAKey()
    {
        child<QPushButton>(u"testConnectionButton"_s)->click();
        QTest::qWait(50);
        QVERIFY(m_sim->requests().isEmpty());
        QVERIFY(child<QLabel>(u"testResultLabel"_s)->text().contains(u"Paste a key"_s));
    }

    void buttonsSayWhatWasChosen()
    {
        QSignalSpy simulator(m_panel.get(), &ConnectionPanel::simulatorChosen);
        QSignalSpy openRouter(m_panel.get(), &ConnectionPanel::openRouterChosen);
        QSignalSpy local(m_panel.get(), &ConnectionPanel::localServerRequested);
        m_panel->setSimulated(true);
        child<QPushButton>(u"useSimulatorButton"_s)->click(); // the first start's answer
        QCOMPARE(simulator.count(), 1);
        child<QPushButton>(u"useOpenRouterButton"_s)->click();
        QCOMPARE(openRouter.count(), 1);
        m_panel->setSimulated(false);
        QVERIFY(!child<QPushButton>(u"useOpenRouterButton"_s)->isEnabled());
        child<QPushButton>(u"useSimulatorButton"_s)->click();
        QCOMPARE(simulator.count(), 2);
        child<QPushButton>(u"addLocalServerButton"_s)->click();
        QCOMPARE(local.count(), 1);
        QCOMPARE(local.constFirst().constFirst().value<LocalServerPreset>(),
            LocalServerPresets::all().constFirst());
    }
};

QTEST_MAIN(TestConnectionPanel)
#include "test_connection_panel.moc"
