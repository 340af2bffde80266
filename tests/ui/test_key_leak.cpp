// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// A recognisable key is planted, real turns run (a refusal and a success), the
// conversation is exported, and then every file written and every string the
// window shows is scanned for it. The key must reach its endpoint and nothing else.
// So must a secret header (from the environment) and a secret query parameter (from
// the keyring) of the same endpoint.
#include "ConnectionPanel.h"
#include "InspectorWidget.h"
#include "MainWindow.h"
#include "RouteEditorWidget.h"
#include "chat/AttemptReport.h"
#include "route/RouteCodeExporter.h"
#include "settings/MemorySecretStore.h"
#include "settings/Redactor.h"
#include "settings/RouteLibrary.h"
#include "settings/Settings.h"
#include "sim/SimServer.h"
#include "store/ConversationExporter.h"
#include "store/ConversationStore.h"

#include <QAbstractButton>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

const QByteArray plantedKey = "sk-or-v1-LEAKCANARY-5f3a9c1e7b2d4f60a8e1c3b5d7f9a2c4";
const QByteArray plantedHeader = "hdr-LEAKCANARY-9d8e7f6a5b4c3d2e1f0a";
const QByteArray plantedQuery = "qry-LEAKCANARY-1a2b3c4d5e6f7a8b9c0d";
QStringList capturedLog;

void captureLog(QtMsgType, const QMessageLogContext &, const QString &message)
{
    capturedLog << message;
}

} // namespace

class TestKeyLeak final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void plantedKeyReachesOnlyItsEndpoint()
    {
        QTemporaryDir dir;
        SimServer sim;
        QVERIFY(sim.listen());
        QVERIFY(sim.setScenario(SimServer::builtinScenario(u"demo"_s)));
        qputenv("DETOUR_LEAK_TEST_KEY", plantedKey);
        qputenv("DETOUR_LEAK_TEST_HEADER", plantedHeader);

        // A saved default route whose endpoint (the simulator, on loopback) takes its key from the
        // environment.
        RoutePlan plan;
        plan.name = u"leak"_s;
        plan.endpoints.append(
            { u"leaky"_s, EndpointKind::OpenRouter, sim.baseUrl(), u"DETOUR_LEAK_TEST_KEY"_s });
        plan.endpoints.first().headers = { { u"x-leak-token"_s, EndpointParam::Source::Environment,
            u"DETOUR_LEAK_TEST_HEADER"_s } };
        plan.endpoints.first().query = { { u"sig"_s, EndpointParam::Source::Keyring,
            u"leak-sig"_s } };
        plan.steps.append({ u"leaky"_s, { u"moonshotai/kimi-k2:free"_s, {}, {} }, true });
        plan.steps.append({ u"leaky"_s, { u"moonshotai/kimi-k2"_s, {}, {} }, true });
        const QString settingsPath = dir.filePath(u"detour.ini"_s);
        {
            Settings settings(settingsPath);
            QVERIFY(settings.routeLibrary().setRoute(plan));
            settings.routeLibrary().setDefaultRouteName(u"leak"_s);
        }

        MemorySecretStore keyring; // stands in for the system keyring
        keyring.write(
            EndpointParam::keychainAccount(u"leak-sig"_s), QString::fromLatin1(plantedQuery));
        const QtMessageHandler previous = qInstallMessageHandler(captureLog);
        // As main() does: every log line passes through the redactor before any handler.
        Redactor::installMessageFilter();
        auto window = std::make_unique<MainWindow>(MainWindow::Options { .simulated = false,
            .traceFile = dir.filePath(u"trace.jsonl"_s),
            .databasePath = dir.filePath(u"history.sqlite3"_s),
            .cacheDirectory = dir.filePath(u"cache"_s),
            .settingsPath = settingsPath,
            .secretStore = &keyring,
            .lookForStoredKey = false,
            .openRouterUrl = sim.baseUrl() });
        window->show();
        QCOMPARE(window->routeSteps()->plan().name, u"leak"_s);

        // Wait until the key ring has loaded the key (the status bar says where it comes from),
        // then chat.
        QTRY_VERIFY_WITH_TIMEOUT(window->findChild<QLabel *>(u"keyStatus"_s)
                                     ->toolTip()
                                     .contains(u"DETOUR_LEAK_TEST_KEY"_s),
            10'000);
        // Log lines that carry the key on purpose, as a careless debug line would: the
        // redactor must have learned the key and blank it before the log handler sees it.
        const QString key = QString::fromLatin1(plantedKey);
        qWarning("test_key_leak: header %s, query %s", plantedHeader.constData(),
            plantedQuery.constData());
        qWarning("test_key_leak: request failed, Authorization: Bearer %s", plantedKey.constData());
        qDebug().noquote() << "test_key_leak: key in use:" << key;
        qInfo() << "test_key_leak: as bytes" << plantedKey;
        qCritical("test_key_leak: JSON {\"api_key\":\"%s\"}", plantedKey.constData());
        QSignalSpy finished(window->session(), &ChatSession::turnFinished);
        QVERIFY(window->session()->send(u"Hello"_s));
        QVERIFY(finished.wait(15'000));
        QCOMPARE(window->session()->messages().constLast().status, TurnResult::Status::Served);
        QTRY_VERIFY(!window->session()->isBusy());
        for (const SimRequest &request : sim.requests()) {
            if (request.path().endsWith("/chat/completions")) {
                QCOMPARE(request.header("Authorization"),
                    "Bearer " + plantedKey); // it did travel, to its endpoint
                QCOMPARE(request.header("x-leak-token"), plantedHeader); // so did the header
                QVERIFY(request.target.endsWith(
                    QByteArray("?sig=" + plantedQuery))); // and the parameter
            }
        }

        // The connection panel: the key pasted, tested against /key (the simulator's) and saved.
        window->showConnectionPanel();
        ConnectionPanel *panel = window->connectionPanel();
        auto *field = panel->findChild<QLineEdit *>(u"keyEdit"_s);
        QTest::keyClicks(field, QString::fromLatin1(plantedKey));
        panel->findChild<QPushButton *>(u"testConnectionButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(
            panel->findChild<QLabel *>(u"testResultLabel"_s)->text().contains(u"works"_s), 10'000);
        QSignalSpy saved(panel, &ConnectionPanel::keySaved);
        panel->findChild<QPushButton *>(u"saveKeyButton"_s)->click();
        QVERIFY(saved.wait(5000));
        QCOMPARE(keyring.contents().value(ConnectionPanel::endpointId()).toLatin1(), plantedKey);

        // Everything the window shows: each attempt's details and report, the preview, every
        // copy-as language.
        QStringList shown;
        InspectorWidget *inspector = window->inspector();
        for (int row = 0; row < inspector->table()->model()->rowCount(); ++row) {
            inspector->table()->selectRow(row);
            shown << inspector->details()->toPlainText();
        }
        for (const auto &message : window->session()->messages()) {
            if (message.result) {
                for (const Attempt &attempt : message.result->attempts)
                    shown << AttemptReport::markdown(attempt);
            }
        }
        for (RouteCodeExporter::Language language : RouteCodeExporter::languages())
            shown << RouteCodeExporter::code(language, window->routeSteps()->plan(), {});
        for (QWidget *widget : window->findChildren<QWidget *>()) {
            if (auto *label = qobject_cast<QLabel *>(widget))
                shown << label->text() << label->toolTip();
            else if (auto *edit = qobject_cast<QLineEdit *>(widget))
                shown << edit->text();
            else if (auto *plain = qobject_cast<QPlainTextEdit *>(widget))
                shown << plain->toPlainText();
            else if (auto *browser = qobject_cast<QTextBrowser *>(widget))
                shown << browser->toPlainText();
        }
        // Exports.
        const std::optional<ConversationRecord> record =
            window->store()->load(window->conversationId()).toOptional();
        QVERIFY(record);
        shown << ConversationExporter::toMarkdown(*record)
              << QString::fromUtf8(ConversationExporter::toJson(*record))
              << QString::fromUtf8(ConversationExporter::attemptsCsv(*record));
        window.reset(); // flush and close everything before reading the files
        Redactor::removeMessageFilter();
        qInstallMessageHandler(previous);
        shown << capturedLog;

        // The planted lines were logged (redacted), not dropped.
        const QStringList planted = capturedLog.filter(u"test_key_leak:"_s);
        QCOMPARE(planted.size(), 5);
        for (const QString &line : planted)
            QVERIFY2(line.contains(Redactor::placeholder()), qPrintable(line));
        for (const QString &text : std::as_const(shown)) {
            for (const QByteArray &secret : { plantedKey, plantedHeader, plantedQuery })
                QVERIFY2(!text.contains(QString::fromLatin1(secret)), qPrintable(text.left(200)));
        }
        QDirIterator files(dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        int scanned = 0;
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            for (const QByteArray &secret : { plantedKey, plantedHeader, plantedQuery })
                QVERIFY2(!bytes.contains(secret), qPrintable(file.fileName()));
            ++scanned;
        }
        QVERIFY(scanned >= 3); // database, settings, trace (and the catalog cache)
        qunsetenv("DETOUR_LEAK_TEST_KEY");
        qunsetenv("DETOUR_LEAK_TEST_HEADER");
    }
};

QTEST_MAIN(TestKeyLeak)
#include "test_key_leak.moc"
