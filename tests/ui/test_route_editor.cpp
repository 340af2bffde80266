// The route editor's provider panel against the simulator's model catalog, offscreen.
#include "Fixtures.h"
#include "ProviderPreferencesPanel.h"
#include "RouteEditorWidget.h"
#include "endpoints/Catalog.h"
#include "route/RouteFile.h"
#include "route/RouteStepsModel.h"
#include "sim/SimServer.h"

#include <QComboBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

const QString paidModel = u"moonshotai/kimi-k2"_s;
constexpr int paidStep = 1; // RouteFile::demo: the free variant first, then the paid model

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(fixtures::quoted(text)).object();
}

} // namespace

class TestRouteEditor final : public QObject {
    Q_OBJECT

    SimServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<QTemporaryDir> m_cache;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<RouteStepsModel> m_steps;
    std::unique_ptr<RouteEditorWidget> m_editor;

    ProviderPreferencesPanel *panel() const { return m_editor->providerPanel(); }
    QAbstractItemModel *table() const { return panel()->providerTable()->model(); }
    QAbstractItemModel *order() const { return panel()->orderList()->model(); }
    QLineEdit *field(const QString &name) const { return m_editor->findChild<QLineEdit *>(name); }

    // The request body in the preview, below the request line and the headers.
    QJsonObject body() const
    {
        const QString text = m_editor->preview()->toPlainText();
        const qsizetype blank = text.indexOf(u"\n\n"_s);
        return blank < 0 ? QJsonObject()
                         : QJsonDocument::fromJson(text.sliced(blank + 2).toUtf8()).object();
    }
    QJsonObject providerObject() const { return body().value(u"provider"_s).toObject(); }

    int rowOf(const QString &provider) const
    {
        for (int row = 0; row < table()->rowCount(); ++row) {
            if (table()->index(row, ProviderEndpointModel::ProviderColumn).data().toString()
                == provider)
                return row;
        }
        return -1;
    }

    QString cell(const QString &provider, int column) const
    {
        return table()->index(rowOf(provider), column).data().toString();
    }

    bool isTicked(const QString &provider, int column) const
    {
        return table()->index(rowOf(provider), column).data(Qt::CheckStateRole).toInt()
            == Qt::Checked;
    }

    // As a person does it: Space on the tick's cell.
    void tick(const QString &provider, int column)
    {
        QTableView *view = panel()->providerTable();
        const int row = rowOf(provider);
        QVERIFY2(row >= 0, qPrintable(provider));
        view->setFocus();
        view->setCurrentIndex(table()->index(row, column));
        QTest::keyClick(view, Qt::Key_Space);
    }

    // Drags providers from the table onto the order list at `at` (viewport coordinates).
    void dropOnOrderList(const QStringList &providers, const QPoint &at)
    {
        QModelIndexList indexes;
        for (const QString &provider : providers)
            indexes << table()->index(rowOf(provider), ProviderEndpointModel::ProviderColumn);
        const std::unique_ptr<QMimeData> data(table()->mimeData(indexes));
        QVERIFY(data);
        QWidget *viewport = panel()->orderList()->viewport();
        QDragEnterEvent enter(at, Qt::CopyAction, data.get(), Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(viewport, &enter);
        QVERIFY(enter.isAccepted());
        QDragMoveEvent move(at, Qt::CopyAction, data.get(), Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(viewport, &move);
        QVERIFY(move.isAccepted());
        QDropEvent drop(QPointF(at), Qt::CopyAction, data.get(), Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(viewport, &drop);
        QVERIFY(drop.isAccepted());
    }

    QPoint belowTheOrderList() const
    {
        const QWidget *viewport = panel()->orderList()->viewport();
        return { viewport->width() / 2, viewport->height() - 3 };
    }

    QPoint aboveOrderRow(int row) const
    {
        return panel()->orderList()->visualRect(order()->index(row, 0)).topLeft() + QPoint(8, 1);
    }

    void showPaidStep()
    {
        m_editor->selectStep(paidStep);
        QTRY_COMPARE(table()->rowCount(), 2);
    }

    int endpointRequests(const QString &modelId) const
    {
        const QByteArray path = "/api/v1/models/" + modelId.toUtf8() + "/endpoints";
        int count = 0;
        for (const SimRequest &request : m_server.requests())
            count += request.path() == path ? 1 : 0;
        return count;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_server.listen());
        QVERIFY(m_server.setScenario(SimServer::builtinScenario(u"demo"_s)));
    }

    void init()
    {
        m_server.clearRequests();
        m_cache = std::make_unique<QTemporaryDir>();
        QVERIFY(m_cache->isValid());
        m_catalog = std::make_unique<Catalog>(
            &m_network, m_server.baseUrl(), QString(), m_cache->filePath(u"cache"_s));
        m_steps = std::make_unique<RouteStepsModel>();
        m_editor = std::make_unique<RouteEditorWidget>(m_steps.get());
        m_steps->setPlan(RouteFile::demo(m_server.baseUrl()));
        m_editor->setCatalog(m_catalog.get());
        m_editor->resize(1100, 1500);
        m_editor->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
    }

    void cleanup()
    {
        m_editor.reset();
        m_steps.reset();
        m_catalog.reset();
        m_cache.reset();
    }

    void listsProvidersWithTheirStatistics_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("uptime");
        QTest::addColumn<QString>("latency");
        QTest::addColumn<QString>("throughput");
        QTest::addRow("Cerebras") << u"Cerebras"_s << u"88.2 %"_s << u"120 ms"_s << u"1800 tok/s"_s;
        QTest::addRow("Groq") << u"Groq"_s << u"99.6 %"_s << u"250 ms"_s << u"120 tok/s"_s;
    }

    void listsProvidersWithTheirStatistics()
    {
        QFETCH(QString, provider);
        QFETCH(QString, uptime);
        QFETCH(QString, latency);
        QFETCH(QString, throughput);
        m_editor->selectStep(paidStep);
        QVERIFY(panel()->isVisibleTo(m_editor.get()));
        QCOMPARE(panel()->modelId(), paidModel);
        QCOMPARE(panel()->statusLabel()->text(), u"Loading providers…"_s);
        QTRY_COMPARE(table()->rowCount(), 2);
        QVERIFY(rowOf(provider) >= 0);
        QCOMPARE(cell(provider, ProviderEndpointModel::UptimeColumn), uptime);
        QCOMPARE(cell(provider, ProviderEndpointModel::LatencyColumn), latency);
        QCOMPARE(cell(provider, ProviderEndpointModel::ThroughputColumn), throughput);
        QCOMPARE(cell(provider, ProviderEndpointModel::QuantizationColumn), u"fp8"_s);
        QVERIFY(
            panel()->statusLabel()->text().startsWith(u"Providers of moonshotai/kimi-k2, as of"_s));
        QCOMPARE(endpointRequests(paidModel), 1);
        QVERIFY(!isTicked(provider, ProviderPreferencesPanel::OrderColumn));
        // The ticks come right after the provider's name.
        QCOMPARE(panel()->providerTable()->horizontalHeader()->visualIndex(
                     ProviderPreferencesPanel::OrderColumn),
            1);
    }

    void freshProvidersAreNotAskedForAgain()
    {
        showPaidStep();
        m_editor->selectStep(0);
        QCOMPARE(panel()->modelId(), u"moonshotai/kimi-k2:free"_s);
        QTRY_COMPARE(table()->rowCount(), 1);
        QCOMPARE(cell(u"Chutes"_s, ProviderEndpointModel::ProviderColumn), u"Chutes"_s);
        m_editor->selectStep(paidStep);
        QCOMPARE(table()->rowCount(), 2); // at once, from what the catalog holds
        QCOMPARE(endpointRequests(paidModel), 1);
    }

    void tickAndDropBuildTheOrder()
    {
        showPaidStep();
        QVERIFY(!body().contains(u"provider"_s));
        tick(u"Groq"_s, ProviderPreferencesPanel::OrderColumn);
        QCOMPARE(providerObject(), json("{'order':['Groq']}"));
        dropOnOrderList({ u"Cerebras"_s }, belowTheOrderList());
        QCOMPARE(providerObject(), json("{'order':['Groq','Cerebras']}"));
        QCOMPARE(m_steps->plan().steps[paidStep].target.provider.order,
            QStringList({ u"Groq"_s, u"Cerebras"_s }));
        QCOMPARE(field(u"providerOrder"_s)->text(), u"Groq, Cerebras"_s);
        QCOMPARE(cell(u"Groq"_s, ProviderPreferencesPanel::OrderColumn), u"1"_s);
        QCOMPARE(cell(u"Cerebras"_s, ProviderPreferencesPanel::OrderColumn), u"2"_s);
        QVERIFY(isTicked(u"Cerebras"_s, ProviderPreferencesPanel::OrderColumn));

        // Dropping a provider that is already there moves it where it is dropped.
        dropOnOrderList({ u"Cerebras"_s }, aboveOrderRow(0));
        QCOMPARE(providerObject(), json("{'order':['Cerebras','Groq']}"));
        QCOMPARE(order()->rowCount(), 2);
    }

    void keyboardReordersTheOrder()
    {
        showPaidStep();
        tick(u"Groq"_s, ProviderPreferencesPanel::OrderColumn);
        tick(u"Cerebras"_s, ProviderPreferencesPanel::OrderColumn);
        QCOMPARE(providerObject(), json("{'order':['Groq','Cerebras']}"));

        QListView *list = panel()->orderList();
        list->setFocus();
        list->setCurrentIndex(order()->index(1, 0));
        QTest::keyClick(list, Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(providerObject(), json("{'order':['Cerebras','Groq']}"));
        QCOMPARE(list->currentIndex().row(), 0);
        QCOMPARE(field(u"providerOrder"_s)->text(), u"Cerebras, Groq"_s);
        QCOMPARE(cell(u"Cerebras"_s, ProviderPreferencesPanel::OrderColumn), u"1"_s);

        QTest::keyClick(list, Qt::Key_Up, Qt::AltModifier); // already first: nothing moves
        QCOMPARE(providerObject(), json("{'order':['Cerebras','Groq']}"));
        QTest::keyClick(list, Qt::Key_Down, Qt::AltModifier);
        QCOMPARE(providerObject(), json("{'order':['Groq','Cerebras']}"));
        QCOMPARE(list->currentIndex().row(), 1);

        QTest::keyClick(list, Qt::Key_Delete);
        QCOMPARE(providerObject(), json("{'order':['Groq']}"));
        QVERIFY(!isTicked(u"Cerebras"_s, ProviderPreferencesPanel::OrderColumn));
    }

    void tickPutsTheProviderInItsList_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("fieldName");
        QTest::addRow("order") << int(ProviderPreferencesPanel::OrderColumn) << u"order"_s
                               << u"providerOrder"_s;
        QTest::addRow("only") << int(ProviderPreferencesPanel::OnlyColumn) << u"only"_s
                              << u"providerOnly"_s;
        QTest::addRow("ignore") << int(ProviderPreferencesPanel::IgnoreColumn) << u"ignore"_s
                                << u"providerIgnore"_s;
    }

    void tickPutsTheProviderInItsList()
    {
        QFETCH(int, column);
        QFETCH(QString, key);
        QFETCH(QString, fieldName);
        showPaidStep();
        QSignalSpy edited(panel(), &ProviderPreferencesPanel::edited);
        tick(u"Cerebras"_s, column);
        QCOMPARE(edited.size(), 1);
        QCOMPARE(providerObject(), QJsonObject({ { key, QJsonArray({ u"Cerebras"_s }) } }));
        QCOMPARE(field(fieldName)->text(), u"Cerebras"_s);
        QVERIFY(isTicked(u"Cerebras"_s, column));
        QVERIFY(!isTicked(u"Groq"_s, column));
        tick(u"Cerebras"_s, column);
        QVERIFY(!body().contains(u"provider"_s));
        QVERIFY(field(fieldName)->text().isEmpty());
    }

    void onlyAndIgnoreTheSameProviderFlagTheStep()
    {
        showPaidStep();
        auto *problems = m_editor->findChild<QLabel *>(u"stepProblems"_s);
        QVERIFY(problems);
        QVERIFY(!problems->isVisible());
        tick(u"Groq"_s, ProviderPreferencesPanel::OnlyColumn);
        QVERIFY(!problems->isVisible());
        tick(u"Groq"_s, ProviderPreferencesPanel::IgnoreColumn);
        QCOMPARE(providerObject(), json("{'only':['Groq'],'ignore':['Groq']}"));
        QVERIFY(!m_steps->problems(paidStep).isEmpty());
        QVERIFY(
            !m_steps->index(paidStep).data(RouteStepsModel::ProblemsRole).toStringList().isEmpty());
        QVERIFY(problems->isVisible());
        QVERIFY(problems->text().contains(m_steps->problems(paidStep).first()));
        tick(u"Groq"_s, ProviderPreferencesPanel::IgnoreColumn);
        QVERIFY(m_steps->problems(paidStep).isEmpty());
        QVERIFY(!problems->isVisible());
    }

    void textFieldsAndTicksStayInSync()
    {
        showPaidStep();
        QLineEdit *ignore = field(u"providerIgnore"_s);
        ignore->setFocus();
        QTest::keyClicks(ignore, u"groq, Cerebras"_s);
        QTest::keyClick(ignore, Qt::Key_Return);
        QCOMPARE(providerObject(), json("{'ignore':['groq','Cerebras']}"));
        QVERIFY(isTicked(u"Groq"_s, ProviderPreferencesPanel::IgnoreColumn)); // names ignore case
        QVERIFY(isTicked(u"Cerebras"_s, ProviderPreferencesPanel::IgnoreColumn));
        tick(u"Groq"_s, ProviderPreferencesPanel::IgnoreColumn);
        QCOMPARE(providerObject(), json("{'ignore':['Cerebras']}"));
        QCOMPARE(ignore->text(), u"Cerebras"_s);

        // A provider the catalog does not list stays in the order, after the ticked one.
        QLineEdit *orderField = field(u"providerOrder"_s);
        orderField->setFocus();
        QTest::keyClicks(orderField, u"DeepInfra"_s);
        QTest::keyClick(orderField, Qt::Key_Return);
        QCOMPARE(order()->rowCount(), 1);
        QVERIFY(order()->index(0, 0).data(Qt::ToolTipRole).toString().contains(u"does not list"_s));
        tick(u"Groq"_s, ProviderPreferencesPanel::OrderColumn);
        QVERIFY(!order()->index(1, 0).data(Qt::ToolTipRole).isValid());
        QCOMPARE(providerObject(), json("{'order':['DeepInfra','Groq'],'ignore':['Cerebras']}"));
        QCOMPARE(orderField->text(), u"DeepInfra, Groq"_s);
    }

    void unknownModelShowsTheCatalogsSentence()
    {
        showPaidStep();
        QLineEdit *model = field(u"stepModel"_s);
        model->setFocus();
        model->selectAll();
        QTest::keyClicks(model, u"nobody/nothing"_s);
        QTest::keyClick(model, Qt::Key_Return);
        QCOMPARE(panel()->modelId(), u"nobody/nothing"_s);
        QCOMPARE(table()->rowCount(), 0);
        QTRY_VERIFY(
            panel()->statusLabel()->text().contains(u"lists no providers for nobody/nothing"_s));
    }

    void nonOpenRouterEndpointHidesThePanel()
    {
        RoutePlan plan = RouteFile::demo(m_server.baseUrl());
        plan.endpoints.append(
            { u"local"_s, EndpointKind::OpenAiCompatible, QUrl(u"http://127.0.0.1:9/v1"_s), {} });
        plan.steps.append({ u"local"_s, { u"llama3.1"_s, {}, {} }, true });
        m_steps->setPlan(plan);
        m_editor->selectStep(paidStep);
        QVERIFY(panel()->isVisibleTo(m_editor.get()));
        m_editor->selectStep(2);
        QVERIFY(!panel()->isVisibleTo(m_editor.get()));
        QVERIFY(panel()->modelId().isEmpty());
        QCOMPARE(endpointRequests(u"llama3.1"_s), 0);

        // Moving an OpenRouter step onto the local server hides it too.
        m_editor->selectStep(paidStep);
        QVERIFY(panel()->isVisibleTo(m_editor.get()));
        auto *endpoint = m_editor->findChild<QComboBox *>(u"stepEndpoint"_s);
        endpoint->setCurrentIndex(endpoint->findData(u"local"_s));
        Q_EMIT endpoint->activated(endpoint->currentIndex());
        QCOMPARE(m_steps->plan().steps[paidStep].endpointId, u"local"_s);
        QVERIFY(!panel()->isVisibleTo(m_editor.get()));
    }

    void policySortIsStoredAndLoaded()
    {
        auto *sort = m_editor->findChild<QComboBox *>(u"policySort"_s);
        QVERIFY(sort);
        QCOMPARE(sort->currentData().toInt(), int(RouteSort::None));
        QVERIFY(sort->toolTip().contains(u"OpenRouter"_s));
        sort->setFocus();
        QTest::keyClick(sort, Qt::Key_Down); // a focused closed combo box moves and activates
        QCOMPARE(m_steps->plan().policy.sort, RouteSort::Throughput);

        RoutePlan plan = m_steps->plan();
        plan.policy.sort = RouteSort::SuccessRate;
        m_steps->setPlan(plan);
        QCOMPARE(sort->currentData().toInt(), int(RouteSort::SuccessRate));
    }

    void noCatalogHidesThePanel()
    {
        m_editor->setCatalog(nullptr);
        m_editor->selectStep(paidStep);
        QVERIFY(!panel()->isVisibleTo(m_editor.get()));
        QCOMPARE(table()->rowCount(), 0);
    }

    void worksOfflineFromTheCache()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto server = std::make_unique<SimServer>();
        QVERIFY(server->listen());
        QVERIFY(server->setScenario(SimServer::builtinScenario(u"demo"_s)));
        const QUrl url = server->baseUrl();
        {
            Catalog online(&m_network, url, QString(), dir.path());
            QSignalSpy changed(&online, &Catalog::endpointsChanged);
            online.refreshEndpoints(paidModel);
            QVERIFY(changed.wait(10'000));
        }
        server.reset(); // nothing answers there any more

        Catalog offline(&m_network, url, QString(), dir.path());
        offline.load();
        RouteStepsModel steps;
        RouteEditorWidget editor(&steps);
        steps.setPlan(RouteFile::demo(url));
        editor.setCatalog(&offline);
        editor.selectStep(paidStep);
        ProviderPreferencesPanel *offlinePanel = editor.providerPanel();
        QAbstractItemModel *model = offlinePanel->providerTable()->model();
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(offlinePanel->endpoints()->endpointAt(1)->providerName, u"Groq"_s);
        QCOMPARE(
            model->index(1, ProviderEndpointModel::LatencyColumn).data().toString(), u"250 ms"_s);
        QVERIFY(offlinePanel->statusLabel()->text().startsWith(
            u"Providers of moonshotai/kimi-k2, as of"_s));
        QVERIFY(!offline.isRefreshing(Catalog::Resource::Endpoints, paidModel));
    }
};

QTEST_MAIN(TestRouteEditor)
#include "test_route_editor.moc"
