// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The endpoint editor's gateway row: "Add gateway" adds a preset's endpoint and puts
// the step on it; "Headers and query…" edits them in a table whose rules are the
// route file's (a credential typed as a plain value is refused, with the reason),
// and a keyring entry's value goes straight into the keyring, never into the route.
#include "EndpointGatewayRow.h"
#include "EndpointParamsDialog.h"
#include "RouteEditorWidget.h"
#include "route/RouteStepsModel.h"
#include "settings/EndpointSecrets.h"
#include "settings/MemorySecretStore.h"

#include <QComboBox>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

RoutePlan simplePlan()
{
    RoutePlan plan;
    plan.name = u"r"_s;
    plan.endpoints.append({ u"openrouter"_s, EndpointKind::OpenRouter,
        QUrl(u"https://openrouter.ai/api/v1"_s), u"OPENROUTER_API_KEY"_s });
    plan.steps.append({ u"openrouter"_s, { u"moonshotai/kimi-k2"_s, {}, {} }, true });
    return plan;
}

void typeInto(QTableWidget *table, int row, int column, const QString &text)
{
    table->setCurrentCell(row, column);
    table->item(row, column)->setText(text);
}

} // namespace

class TestEndpointParamsDialog final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void presetMenuAddsGatewayAndMovesStep()
    {
        RouteStepsModel steps;
        steps.setPlan(simplePlan());
        RouteEditorWidget editor(&steps);
        editor.show();
        editor.selectStep(0);
        auto *add = editor.findChild<QToolButton *>(u"addGateway"_s);
        QVERIFY(add && add->menu());
        QAction *portkey = add->menu()->findChild<QAction *>(u"gatewayPreset_portkey"_s);
        QVERIFY(portkey);
        QCOMPARE(add->menu()->actions().size(), qsizetype(5));
        portkey->trigger();
        const RoutePlan &plan = steps.plan();
        QCOMPARE(plan.endpoints.size(), qsizetype(2));
        const Endpoint &added = plan.endpoints.last();
        QCOMPARE(added.id, u"portkey"_s);
        QCOMPARE(added.baseUrl, QUrl(u"https://api.portkey.ai/v1"_s));
        QCOMPARE(plan.steps.first().endpointId, u"portkey"_s);
        QCOMPARE(editor.findChild<QComboBox *>(u"stepEndpoint"_s)->currentText(), u"portkey"_s);
        QVERIFY(
            editor.findChild<QLabel *>(u"gatewayHint"_s)->text().contains(u"PORTKEY_API_KEY"_s));
        // A second one gets its own id.
        portkey->trigger();
        QCOMPARE(steps.plan().endpoints.last().id, u"portkey-2"_s);
    }

    void tableEditsHeadersAndQuery()
    {
        Endpoint endpoint { u"gw"_s, EndpointKind::OpenAiCompatible,
            QUrl(u"https://gateway.example/v1"_s), QString() };
        endpoint.headers = { { u"x-portkey-provider"_s, EndpointParam::Source::Value,
            u"openrouter"_s } };
        MemorySecretStore keyring;
        EndpointSecrets secrets(&keyring);
        EndpointParamsDialog dialog(endpoint, &secrets);
        dialog.show();
        auto *table = dialog.findChild<QTableWidget *>(u"endpointParamsTable"_s);
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 1)->text(), u"x-portkey-provider"_s);

        // A credential typed as a plain value: refused, the dialog stays open and says why.
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"addHeader"_s), Qt::LeftButton);
        QCOMPARE(table->rowCount(), 2);
        typeInto(table, 1, 1, u"x-portkey-api-key"_s);
        typeInto(table, 1, 3, u"pk-typed-in-123456"_s);
        dialog.accept();
        QVERIFY(dialog.isVisible());
        auto *problem = dialog.findChild<QLabel *>(u"endpointParamsProblem"_s);
        QVERIFY(problem->text().contains(u"credential"_s));

        // From the keyring instead: the table names the entry; its value goes to the keyring.
        auto *source = table->cellWidget(1, 2)->findChild<QComboBox *>();
        if (!source)
            source = qobject_cast<QComboBox *>(table->cellWidget(1, 2));
        QVERIFY(source);
        source->setCurrentIndex(source->findData(int(EndpointParam::Source::Keyring)));
        typeInto(table, 1, 3, u"portkey"_s);
        dialog.setSecretPrompt([](const QString &entry) {
            return entry == "portkey"_L1 ? u"pk-secret-abcdef"_s : QString();
        });
        auto *save = dialog.findChild<QPushButton *>(u"saveSecret"_s);
        QVERIFY(save->isEnabled());
        QSignalSpy stored(&secrets, &EndpointSecrets::entryStored);
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY(stored.wait(5000));
        QCOMPARE(keyring.contents().value(EndpointParam::keychainAccount(u"portkey"_s)),
            u"pk-secret-abcdef"_s);
        QVERIFY(secrets.hasEntry(u"portkey"_s));

        // And a query parameter.
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"addQuery"_s), Qt::LeftButton);
        typeInto(table, 2, 1, u"api-version"_s);
        typeInto(table, 2, 3, u"2024-10-21"_s);
        dialog.accept();
        QVERIFY(!dialog.isVisible());
        const Endpoint edited = dialog.endpoint();
        const EndpointParams headers {
            { u"x-portkey-provider"_s, EndpointParam::Source::Value, u"openrouter"_s },
            { u"x-portkey-api-key"_s, EndpointParam::Source::Keyring, u"portkey"_s },
        };
        QCOMPARE(edited.headers, headers);
        const EndpointParams query { { u"api-version"_s, EndpointParam::Source::Value,
            u"2024-10-21"_s } };
        QCOMPARE(edited.query, query);
        // The secret is nowhere in what the route keeps.
        for (const EndpointParam &param : edited.headers + edited.query)
            QVERIFY(!param.value.contains(u"pk-secret"_s));
    }

    void editorButtonSavesIntoTheRoute()
    {
        RouteStepsModel steps;
        steps.setPlan(simplePlan());
        EndpointGatewayRow row(&steps, nullptr);
        row.setEndpointId(u"openrouter"_s);
        row.editParams();
        auto *dialog = row.findChild<EndpointParamsDialog *>();
        QVERIFY(dialog);
        auto *table = dialog->findChild<QTableWidget *>(u"endpointParamsTable"_s);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"addHeader"_s), Qt::LeftButton);
        typeInto(table, 0, 1, u"X-Title"_s);
        typeInto(table, 0, 3, u"Detour at work"_s);
        // No keyring: nothing to save a secret in.
        QVERIFY(!dialog->findChild<QPushButton *>(u"saveSecret"_s)->isEnabled());
        QSignalSpy changed(&steps, &RouteStepsModel::planChanged);
        dialog->accept();
        QCOMPARE(changed.size(), 1);
        const EndpointParams headers { { u"X-Title"_s, EndpointParam::Source::Value,
            u"Detour at work"_s } };
        QCOMPARE(steps.plan().endpoints.first().headers, headers);
    }
};

QTEST_MAIN(TestEndpointParamsDialog)
#include "test_endpoint_params_dialog.moc"
