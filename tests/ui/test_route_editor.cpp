// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The route editor's provider panel against the simulator's model catalog, offscreen.
#include "AuthorityFileField.h"
#include "ConversationSettingsDialog.h"
#include "Fixtures.h"
#include "HedgeKnob.h"
#include "ProviderChoiceModel.h"
#include "ProviderPreferencesPanel.h"
#include "RouteEditorWidget.h"
#include "endpoints/Catalog.h"
#include "route/RouteFile.h"
#include "route/RouteStepsModel.h"
#include "route/StepHistory.h"
#include "sim/SimServer.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
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
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QStyleOptionComboBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace detour;
using Choice = ProviderChoiceModel::Choice;

namespace {

const QString paidModel = u"moonshotai/kimi-k2"_s;
constexpr int paidStep = 1; // RouteFile::demo: the free variant first, then the paid model

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(fixtures::quoted(text)).object();
}

// The width of the side panel the route editor sits in, at its narrowest.
constexpr int narrowPanel = 380;

QString shownText(const QString &text)
{
    return QString(text).remove(u'&'); // a mnemonic's marker is not drawn
}

QString describe(const QWidget *widget, const QString &text)
{
    return u"%1 %2 \"%3\""_s.arg(
        QString::fromLatin1(widget->metaObject()->className()), widget->objectName(), text);
}

// Visible text of `root` that does not fit its widget (labels that do not wrap, check
// boxes, buttons, combo boxes, tabs), and widgets that stick out of `root` sideways.
QStringList clippedTexts(QWidget *root)
{
    QStringList found;
    for (QWidget *widget : root->findChildren<QWidget *>()) {
        if (!widget->isVisible())
            continue;
        const QFontMetrics metrics = widget->fontMetrics();
        const QStyle *style = widget->style();
        const int left = widget->mapTo(root, QPoint(0, 0)).x();
        if (left < 0 || left + widget->width() > root->width())
            found << describe(widget,
                u"sticks out: x %1..%2 of %3"_s.arg(left)
                    .arg(left + widget->width())
                    .arg(root->width()));
        if (auto *label = qobject_cast<QLabel *>(widget)) {
            if (label->wordWrap() || label->text().isEmpty())
                continue;
            const QString text = shownText(label->text());
            const int room = label->contentsRect().width() - 2 * label->margin();
            if (metrics.horizontalAdvance(text) > room)
                found << describe(label, text);
        } else if (auto *box = qobject_cast<QCheckBox *>(widget)) {
            const QString text = shownText(box->text());
            const int needed = text.isEmpty() ? 0
                                              : metrics.horizontalAdvance(text)
                    + style->pixelMetric(QStyle::PM_IndicatorWidth, nullptr, box)
                    + style->pixelMetric(QStyle::PM_CheckBoxLabelSpacing, nullptr, box);
            if (needed > box->width())
                found << describe(box, text);
        } else if (auto *button = qobject_cast<QPushButton *>(widget)) {
            const QString text = shownText(button->text());
            // The margin is both sides' together, as in QCommonStyle's size of a push button.
            const int frame = style->pixelMetric(QStyle::PM_DefaultFrameWidth, nullptr, button);
            if (metrics.horizontalAdvance(text) > button->width()
                    - style->pixelMetric(QStyle::PM_ButtonMargin, nullptr, button) - 2 * frame)
                found << describe(button, text);
        } else if (auto *combo = qobject_cast<QComboBox *>(widget)) {
            QStyleOptionComboBox option;
            option.initFrom(combo);
            option.editable = combo->isEditable();
            const QRect field = style->subControlRect(
                QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, combo);
            if (metrics.horizontalAdvance(combo->currentText()) > field.width())
                found << describe(combo, combo->currentText());
        } else if (auto *tabs = qobject_cast<QTabBar *>(widget)) {
            for (int i = 0; i < tabs->count(); ++i) {
                const QRect tab = tabs->tabRect(i);
                if (tab.right() >= tabs->width()
                    || metrics.horizontalAdvance(tabs->tabText(i)) > tab.width())
                    found << describe(tabs, tabs->tabText(i));
            }
        }
    }
    return found;
}

// The rectangle of `widget` as `within` shows it.
QRect shownIn(const QWidget *widget, const QWidget *within)
{
    return QRect(widget->mapTo(within, QPoint(0, 0)), widget->size());
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
            if (table()->index(row, ProviderChoiceModel::ProviderColumn).data().toString()
                == provider)
                return row;
        }
        return -1;
    }

    QString cell(const QString &provider, int column) const
    {
        return table()->index(rowOf(provider), column).data().toString();
    }

    Choice choiceOf(const QString &provider) const
    {
        return Choice(table()
                          ->index(rowOf(provider), ProviderChoiceModel::ChoiceColumn)
                          .data(ProviderChoiceModel::ChoiceRole)
                          .toInt());
    }

    // As a person does it: the provider's row made current, then the button.
    void choose(const QString &provider, const QString &button)
    {
        QTableView *view = panel()->providerTable();
        const int row = rowOf(provider);
        QVERIFY2(row >= 0, qPrintable(provider));
        view->setFocus();
        view->setCurrentIndex(table()->index(row, ProviderChoiceModel::ProviderColumn));
        auto *push = panel()->findChild<QPushButton *>(button);
        QVERIFY2(push, qPrintable(button));
        QTest::mouseClick(push, Qt::LeftButton);
    }

    // Drags providers from the table and drops them on it at `at` (viewport coordinates).
    void dropOnTable(const QStringList &providers, const QPoint &at)
    {
        QModelIndexList indexes;
        for (const QString &provider : providers)
            indexes << table()->index(rowOf(provider), ProviderChoiceModel::ProviderColumn);
        const std::unique_ptr<QMimeData> data(table()->mimeData(indexes));
        QVERIFY(data);
        QWidget *viewport = panel()->providerTable()->viewport();
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

    QPoint belowTheRows() const
    {
        const QWidget *viewport = panel()->providerTable()->viewport();
        return { viewport->width() / 2, viewport->height() - 3 };
    }

    QPoint aboveRow(int row) const
    {
        return panel()
                   ->providerTable()
                   ->visualRect(table()->index(row, ProviderChoiceModel::ProviderColumn))
                   .topLeft()
            + QPoint(8, 1);
    }

    void setProviderLists(
        int step, const QStringList &order, const QStringList &only, const QStringList &ignore)
    {
        RoutePlan plan = m_steps->plan();
        ProviderPreferences &provider = plan.steps[step].target.provider;
        provider.order = order;
        provider.only = only;
        provider.ignore = ignore;
        m_steps->setPlan(plan);
        m_editor->selectStep(step);
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
        QCOMPARE(cell(provider, ProviderChoiceModel::UptimeColumn), uptime);
        QCOMPARE(cell(provider, ProviderChoiceModel::LatencyColumn), latency);
        QCOMPARE(cell(provider, ProviderChoiceModel::ThroughputColumn), throughput);
        QCOMPARE(cell(provider, ProviderChoiceModel::QuantizationColumn), u"fp8"_s);
        QVERIFY(
            panel()->statusLabel()->text().startsWith(u"Providers of moonshotai/kimi-k2, as of"_s));
        QCOMPARE(endpointRequests(paidModel), 1);
        QCOMPARE(choiceOf(provider), Choice::Default);
        QCOMPARE(cell(provider, ProviderChoiceModel::ChoiceColumn), u"Default"_s);
        QVERIFY(cell(provider, ProviderChoiceModel::PositionColumn).isEmpty());
    }

    void freshProvidersAreNotAskedForAgain()
    {
        showPaidStep();
        m_editor->selectStep(0);
        QCOMPARE(panel()->modelId(), u"moonshotai/kimi-k2:free"_s);
        QTRY_COMPARE(table()->rowCount(), 1);
        QCOMPARE(cell(u"Chutes"_s, ProviderChoiceModel::ProviderColumn), u"Chutes"_s);
        m_editor->selectStep(paidStep);
        QCOMPARE(table()->rowCount(), 2); // at once, from what the catalog holds
        QCOMPARE(endpointRequests(paidModel), 1);
    }

    // provider.order, only and ignore are set in one place: there are no text fields for them.
    void theTableIsTheOnePlaceForTheLists()
    {
        for (const char *name : { "providerOrder", "providerOnly", "providerIgnore" })
            QVERIFY2(!field(QString::fromLatin1(name)), name);
        showPaidStep();
        QVERIFY(panel()->providerTable()->isVisible());
    }

    void preferAndDropBuildTheOrder()
    {
        showPaidStep();
        QVERIFY(!body().contains(u"provider"_s));
        choose(u"Groq"_s, u"providerChoosePreferred"_s);
        QCOMPARE(providerObject(), json("{'order':['Groq']}"));
        QCOMPARE(rowOf(u"Groq"_s), 0); // the preferred providers come first
        dropOnTable({ u"Cerebras"_s }, aboveRow(1));
        QCOMPARE(providerObject(), json("{'order':['Groq','Cerebras']}"));
        QCOMPARE(m_steps->plan().steps[paidStep].target.provider.order,
            QStringList({ u"Groq"_s, u"Cerebras"_s }));
        QCOMPARE(cell(u"Groq"_s, ProviderChoiceModel::PositionColumn), u"1"_s);
        QCOMPARE(cell(u"Cerebras"_s, ProviderChoiceModel::PositionColumn), u"2"_s);
        QCOMPARE(choiceOf(u"Cerebras"_s), Choice::Preferred);

        // Dropping a preferred provider elsewhere among them moves it there.
        dropOnTable({ u"Cerebras"_s }, aboveRow(0));
        QCOMPARE(providerObject(), json("{'order':['Cerebras','Groq']}"));
        QCOMPARE(table()->rowCount(), 2);
        QCOMPARE(rowOf(u"Cerebras"_s), 0);

        // Dropped below the preferred ones, it leaves the order.
        dropOnTable({ u"Cerebras"_s }, belowTheRows());
        QCOMPARE(providerObject(), json("{'order':['Groq']}"));
        QCOMPARE(choiceOf(u"Cerebras"_s), Choice::Default);
    }

    void keyboardReordersTheOrder()
    {
        showPaidStep();
        choose(u"Groq"_s, u"providerChoosePreferred"_s);
        choose(u"Cerebras"_s, u"providerChoosePreferred"_s);
        QCOMPARE(providerObject(), json("{'order':['Groq','Cerebras']}"));

        QTableView *view = panel()->providerTable();
        view->setFocus();
        view->setCurrentIndex(table()->index(1, ProviderChoiceModel::ProviderColumn));
        QTest::keyClick(view, Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(providerObject(), json("{'order':['Cerebras','Groq']}"));
        QCOMPARE(view->currentIndex().row(), 0); // the current row follows the provider
        QCOMPARE(cell(u"Cerebras"_s, ProviderChoiceModel::PositionColumn), u"1"_s);

        QTest::keyClick(view, Qt::Key_Up, Qt::AltModifier); // already first: nothing moves
        QCOMPARE(providerObject(), json("{'order':['Cerebras','Groq']}"));
        QTest::keyClick(view, Qt::Key_Down, Qt::AltModifier);
        QCOMPARE(providerObject(), json("{'order':['Groq','Cerebras']}"));
        QCOMPARE(view->currentIndex().row(), 1);

        QTest::keyClick(view, Qt::Key_Delete);
        QCOMPARE(providerObject(), json("{'order':['Groq']}"));
        QCOMPARE(choiceOf(u"Cerebras"_s), Choice::Default);
    }

    void buttonsPutTheProviderInItsList_data()
    {
        QTest::addColumn<QString>("button");
        QTest::addColumn<QString>("key");
        QTest::addColumn<Choice>("choice");
        QTest::addRow("preferred")
            << u"providerChoosePreferred"_s << u"order"_s << Choice::Preferred;
        QTest::addRow("only") << u"providerChooseOnly"_s << u"only"_s << Choice::Only;
        QTest::addRow("ignored") << u"providerChooseIgnored"_s << u"ignore"_s << Choice::Ignored;
    }

    void buttonsPutTheProviderInItsList()
    {
        QFETCH(QString, button);
        QFETCH(QString, key);
        QFETCH(Choice, choice);
        showPaidStep();
        QSignalSpy edited(panel(), &ProviderPreferencesPanel::edited);
        choose(u"Cerebras"_s, button);
        QCOMPARE(edited.size(), 1);
        QCOMPARE(providerObject(), QJsonObject({ { key, QJsonArray({ u"Cerebras"_s }) } }));
        QCOMPARE(choiceOf(u"Cerebras"_s), choice);
        QCOMPARE(cell(u"Cerebras"_s, ProviderChoiceModel::ChoiceColumn),
            ProviderChoiceModel::choiceName(choice));
        QCOMPARE(choiceOf(u"Groq"_s), Choice::Default);
        choose(u"Cerebras"_s, u"providerChooseDefault"_s);
        QCOMPARE(edited.size(), 2);
        QVERIFY(!body().contains(u"provider"_s));
    }

    // Prefer, then Only: tried first and no provider but these (order and only).
    void preferredAndOnlyCombine()
    {
        showPaidStep();
        choose(u"Groq"_s, u"providerChoosePreferred"_s);
        choose(u"Groq"_s, u"providerChooseOnly"_s);
        QCOMPARE(providerObject(), json("{'order':['Groq'],'only':['Groq']}"));
        QCOMPARE(choiceOf(u"Groq"_s), Choice::PreferredOnly);
        choose(u"Groq"_s, u"providerChooseIgnored"_s); // ignoring takes it out of both
        QCOMPARE(providerObject(), json("{'ignore':['Groq']}"));
    }

    // F2 on the "Use" cell opens a named combo box; a choice made is stored at once.
    void choiceEditorSetsTheUse()
    {
        showPaidStep();
        QTableView *view = panel()->providerTable();
        view->setFocus();
        view->setCurrentIndex(table()->index(rowOf(u"Groq"_s), ProviderChoiceModel::ChoiceColumn));
        QTest::keyClick(view, Qt::Key_F2);
        auto *editor = view->findChild<QComboBox *>(u"providerChoiceEditor"_s);
        QVERIFY(editor);
        QCOMPARE(editor->accessibleName(), u"Use of Groq"_s);
        QCOMPARE(editor->currentData().toInt(), int(Choice::Default));
        QTest::keyClick(editor, Qt::Key_Down); // a focused closed combo box moves and activates
        QCOMPARE(choiceOf(u"Groq"_s), Choice::Preferred);
        QCOMPARE(providerObject(), json("{'order':['Groq']}"));
    }

    // Lists loaded from a route file keep what the panel cannot make (only and
    // ignore for one provider); the step says so, and one choice mends it.
    void onlyAndIgnoreTheSameProviderFlagTheStep()
    {
        showPaidStep();
        auto *problems = m_editor->findChild<QLabel *>(u"stepProblems"_s);
        QVERIFY(problems);
        QVERIFY(!problems->isVisible());
        setProviderLists(paidStep, {}, { u"Groq"_s }, { u"Groq"_s });
        QCOMPARE(providerObject(), json("{'only':['Groq'],'ignore':['Groq']}"));
        QVERIFY(!m_steps->problems(paidStep).isEmpty());
        QVERIFY(
            !m_steps->index(paidStep).data(RouteStepsModel::ProblemsRole).toStringList().isEmpty());
        QVERIFY(problems->isVisible());
        QVERIFY(problems->text().contains(m_steps->problems(paidStep).first()));
        QCOMPARE(choiceOf(u"Groq"_s), Choice::Ignored);
        choose(u"Groq"_s, u"providerChooseOnly"_s);
        QCOMPARE(providerObject(), json("{'only':['Groq']}"));
        QVERIFY(m_steps->problems(paidStep).isEmpty());
        QVERIFY(!problems->isVisible());
    }

    void providersAreNamedWhatEverTheCase()
    {
        showPaidStep();
        setProviderLists(paidStep, {}, {}, { u"groq"_s, u"Cerebras"_s });
        QCOMPARE(table()->rowCount(), 2); // "groq" is the catalog's Groq
        QCOMPARE(choiceOf(u"Groq"_s), Choice::Ignored);
        QCOMPARE(choiceOf(u"Cerebras"_s), Choice::Ignored);
        choose(u"Groq"_s, u"providerChooseDefault"_s);
        QCOMPARE(providerObject(), json("{'ignore':['Cerebras']}"));
    }

    // A provider the catalog does not list is added by name, as preferred, and flagged.
    void providersOutsideTheCatalogAreAddedByName()
    {
        showPaidStep();
        QLineEdit *name = field(u"providerName"_s);
        QVERIFY(name);
        name->setFocus();
        QTest::keyClicks(name, u"DeepInfra"_s);
        QTest::keyClick(name, Qt::Key_Return);
        QVERIFY(name->text().isEmpty());
        QCOMPARE(providerObject(), json("{'order':['DeepInfra']}"));
        QCOMPARE(table()->rowCount(), 3);
        QCOMPARE(rowOf(u"DeepInfra"_s), 0);
        QVERIFY(table()
                    ->index(0, ProviderChoiceModel::ProviderColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"does not list"_s));
        choose(u"Groq"_s, u"providerChoosePreferred"_s);
        QVERIFY(!table()
                     ->index(rowOf(u"Groq"_s), ProviderChoiceModel::ProviderColumn)
                     .data(Qt::ToolTipRole)
                     .isValid());
        QCOMPARE(providerObject(), json("{'order':['DeepInfra','Groq']}"));
        // Back to default, a provider the catalog does not list goes away.
        choose(u"DeepInfra"_s, u"providerChooseDefault"_s);
        QCOMPARE(providerObject(), json("{'order':['Groq']}"));
        QCOMPARE(table()->rowCount(), 2);
    }

    void choiceModelPassesTheTester()
    {
        QAbstractItemModelTester tester(
            table(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        showPaidStep();
        choose(u"Groq"_s, u"providerChoosePreferred"_s);
        choose(u"Cerebras"_s, u"providerChoosePreferred"_s);
        QVERIFY(panel()->moveInOrder(1, -1));
        dropOnTable({ u"Groq"_s }, belowTheRows());
        QVERIFY(panel()->setChoice(u"DeepInfra"_s, Choice::Only));
        QVERIFY(panel()->setChoice(u"DeepInfra"_s, Choice::Default));
        m_editor->selectStep(0);
        QTRY_COMPARE(table()->rowCount(), 1);
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

    // The endpoint's certificate authority: shown (subject, fingerprint, expiry)
    // before it is trusted, stored on the endpoint only once confirmed, refused
    // with a sentence naming the file when it is no PEM certificate.
    void authorityIsShownBeforeItIsTrusted()
    {
        m_editor->selectStep(paidStep);
        auto *field = m_editor->findChild<AuthorityFileField *>(u"endpointAuthority"_s);
        QVERIFY(field);
        QVERIFY(field->isEnabled());
        QVERIFY(field->path().isEmpty());
        const QString pem = fixtures::path(u"tls/loopback.crt"_s);
        const QString endpointId = m_steps->plan().steps[paidStep].endpointId;
        QStringList asked;
        QStringList warned;
        bool trust = false;
        field->setConfirmation([&](const QString &details) {
            asked << details;
            return trust;
        });
        field->setWarning([&](const QString &problem) { warned << problem; });

        QVERIFY(!field->choose(pem)); // declined
        QCOMPARE(asked.size(), 1);
        const QSslCertificate certificate = QSslCertificate::fromPath(pem).constFirst();
        QVERIFY2(
            asked.first().contains(certificate.subjectDisplayName()), qPrintable(asked.first()));
        QVERIFY(asked.first().contains(QString::fromLatin1(
            certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper())));
        QVERIFY(asked.first().contains(u"Expires: "_s));
        QVERIFY(m_steps->plan().endpoint(endpointId)->caFile.isEmpty());

        trust = true;
        QVERIFY(field->choose(pem));
        QCOMPARE(m_steps->plan().endpoint(endpointId)->caFile, pem);
        QCOMPARE(field->path(), pem);
        QVERIFY(RouteFile::write(m_steps->plan()).contains("\"ca_file\""));

        const QString notPem = fixtures::path(u"no-credits-402.http"_s);
        QVERIFY(!field->choose(notPem));
        QCOMPARE(warned.size(), 1);
        QVERIFY2(warned.first().contains(notPem), qPrintable(warned.first()));
        QCOMPARE(asked.size(), 2); // nothing to confirm in a file that holds no authority
        QCOMPARE(m_steps->plan().endpoint(endpointId)->caFile, pem);

        auto *clear = field->findChild<QPushButton *>(u"authorityFileClear"_s);
        QVERIFY(clear);
        clear->click();
        QVERIFY(m_steps->plan().endpoint(endpointId)->caFile.isEmpty());
        QVERIFY(field->path().isEmpty());
    }

    // "Connect directly (no proxy)" belongs to the endpoint, like its authority: every
    // step on it shows the choice, and the route file says "proxy": "direct".
    void directCheckboxMarksTheEndpoint()
    {
        m_editor->selectStep(paidStep);
        auto *direct = m_editor->findChild<QCheckBox *>(u"endpointDirect"_s);
        QVERIFY(direct);
        QVERIFY(direct->isEnabled());
        QVERIFY(!direct->isChecked());
        const QString endpointId = m_steps->plan().steps[paidStep].endpointId;
        direct->setFocus();
        QTest::keyClick(direct, Qt::Key_Space);
        QVERIFY(m_steps->plan().endpoint(endpointId)->direct);
        QVERIFY(RouteFile::write(m_steps->plan()).contains("\"proxy\": \"direct\""));

        m_editor->selectStep(0); // the demo's other step, on the same endpoint
        QCOMPARE(m_steps->plan().steps[0].endpointId, endpointId);
        QVERIFY(direct->isChecked());
        QTest::keyClick(direct, Qt::Key_Space);
        QVERIFY(!m_steps->plan().endpoint(endpointId)->direct);
        QVERIFY(!RouteFile::write(m_steps->plan()).contains("\"proxy\""));
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

    // The policy's hedge_after_ms: off, after N ms, or auto with what auto means per step.
    void policyHedgeIsStoredAndLoaded()
    {
        auto *mode = m_editor->findChild<QComboBox *>(u"policyHedgeMode"_s);
        auto *after = m_editor->findChild<QSpinBox *>(u"policyHedgeAfter"_s);
        auto *knob = m_editor->findChild<HedgeKnob *>(u"policyHedge"_s);
        QVERIFY(mode && after && knob);
        QCOMPARE(m_steps->plan().policy.hedgeAfter.count(), 0);
        QVERIFY(!m_steps->plan().policy.hedgeAuto);
        QCOMPARE(mode->currentIndex(), 0); // off
        QVERIFY(after->isHidden());
        QCOMPARE(knob->autoText(), QString());

        mode->setFocus();
        QTest::keyClick(mode, Qt::Key_Down); // after a delay
        QVERIFY(!after->isHidden());
        after->setFocus();
        after->selectAll();
        QTest::keyClicks(after, u"1500"_s);
        QTest::keyClick(after, Qt::Key_Enter);
        QCOMPARE(m_steps->plan().policy.hedgeAfter.count(), 1500);
        QVERIFY(RouteFile::write(m_steps->plan()).contains("\"hedge_after_ms\": 1500"));

        mode->setFocus();
        QTest::keyClick(mode, Qt::Key_Down); // auto
        QVERIFY(m_steps->plan().policy.hedgeAuto);
        QVERIFY(RouteFile::write(m_steps->plan()).contains("\"hedge_after_ms\": \"auto\""));
        QCOMPARE(knob->autoText(), u"auto: 4.0 s (no history)"_s); // this editor has none

        // With history, what auto means for each step.
        struct Table final : StepHistory {
            std::optional<StepRecord> record(const QString &, const QString &model) const override
            {
                if (model != u"moonshotai/kimi-k2:free"_s)
                    return std::nullopt;
                StepRecord record;
                record.firstTokens = 12;
                record.p90TimeToFirstTokenMs = 1800;
                return record;
            }
        } history;
        knob->setStepHistory(&history);
        QVERIFY2(knob->autoText().startsWith(u"auto: 1.8 s for step 1 (from history), 4.0 s for "
                                             "step 2 (no history)"_s),
            qPrintable(knob->autoText()));
        knob->setStepHistory(nullptr);

        RoutePlan plan = m_steps->plan();
        plan.policy.hedgeAuto = false;
        plan.policy.hedgeAfter = std::chrono::milliseconds(0);
        m_steps->setPlan(plan);
        QCOMPARE(mode->currentIndex(), 0);
        QCOMPARE(knob->autoText(), QString());
    }

    // The step's PDF engine: picked in the step form, stored on the step, written to the
    // route file and sent in the file-parser plugin.
    void pdfEngineIsStoredAndLoaded()
    {
        m_editor->selectStep(paidStep);
        auto *engine = m_editor->findChild<QComboBox *>(u"stepPdfEngine"_s);
        QVERIFY(engine);
        QVERIFY(m_steps->plan().steps[paidStep].target.pdfEngine.isEmpty());
        QCOMPARE(engine->currentIndex(), 0); // pdf-text, the default
        engine->setFocus();
        QTest::keyClick(engine, Qt::Key_Down); // a focused closed combo box moves and activates
        QCOMPARE(m_steps->plan().steps[paidStep].target.pdfEngine, u"mistral-ocr"_s);
        QVERIFY(RouteFile::write(m_steps->plan()).contains("\"pdf_engine\": \"mistral-ocr\""));

        RoutePlan plan = m_steps->plan();
        plan.steps[paidStep].target.pdfEngine = u"native"_s;
        m_steps->setPlan(plan);
        m_editor->selectStep(paidStep);
        QCOMPARE(engine->currentData().toString(), u"native"_s);
    }

    // Without a catalog the panel still takes providers, by name.
    void noCatalogStillTakesProvidersByName()
    {
        m_editor->setCatalog(nullptr);
        m_editor->selectStep(paidStep);
        QVERIFY(panel()->isVisibleTo(m_editor.get()));
        QCOMPARE(table()->rowCount(), 0);
        QVERIFY(panel()->statusLabel()->text().startsWith(u"No model catalog"_s));
        QLineEdit *name = field(u"providerName"_s);
        name->setFocus();
        QTest::keyClicks(name, u"Groq"_s);
        QTest::keyClick(name, Qt::Key_Return);
        QCOMPARE(providerObject(), json("{'order':['Groq']}"));
        QCOMPARE(table()->rowCount(), 1);
    }

    // Simulated mode: each step says where it really goes, under its name in the list,
    // and the request preview shows that address.
    void stepsSayWhereTheyReallyGo()
    {
        RoutePlan plan = RouteFile::demo(QUrl(u"https://openrouter.ai/api/v1"_s));
        plan.endpoints.append({ u"ollama"_s, EndpointKind::OpenAiCompatible,
            QUrl(u"http://127.0.0.1:11434/v1"_s), {} });
        plan.steps.append({ u"ollama"_s, { u"llama3.2"_s, {}, {} }, true });
        m_steps->setPlan(plan);
        m_steps->setSimulatorUrl(m_server.baseUrl());
        const QString simulator = u"127.0.0.1:%1"_s.arg(m_server.baseUrl().port());
        QListView *list = m_editor->stepList();
        // The row is as tall as the delegate's text: the step, then where it goes.
        const auto drawn = [list](int row) {
            return list->visualRect(list->model()->index(row, 0)).height();
        };
        QCOMPARE(m_steps->destination(0),
            u"→ built-in simulator (%1), instead of openrouter.ai"_s.arg(simulator));
        QCOMPARE(m_steps->destination(2), u"→ your server at 127.0.0.1:11434, not the simulator"_s);
        QVERIFY(drawn(2) >= 2 * list->fontMetrics().lineSpacing());

        m_editor->selectStep(0);
        QVERIFY(m_editor->preview()->toPlainText().startsWith(
            u"POST http://%1/api/v1/chat/completions\n"_s.arg(simulator)));
        QVERIFY(!m_editor->preview()->toPlainText().contains(u"Authorization"_s));
        m_editor->selectStep(2);
        QVERIFY(m_editor->preview()->toPlainText().startsWith(
            u"POST http://127.0.0.1:11434/v1/chat/completions\n"_s));

        // Live, the same steps go where they say.
        m_steps->setSimulatorUrl({});
        QCOMPARE(m_steps->destination(0), u"→ openrouter.ai"_s);
        m_editor->selectStep(0);
        QVERIFY(m_editor->preview()->toPlainText().startsWith(
            u"POST https://openrouter.ai/api/v1/chat/completions\n"_s));
        // Exported code is the route as written, whatever the mode.
        m_steps->setSimulatorUrl(m_server.baseUrl());
        QVERIFY(m_editor->copyAsText().contains(u"openrouter.ai"_s));
    }

    // The conversation's settings appear in the preview and the copied code as sent:
    // the reasoning object to OpenRouter only.
    void previewShowsTheConversationSettings()
    {
        RoutePlan plan = RouteFile::demo(QUrl(u"https://openrouter.ai/api/v1"_s));
        plan.endpoints.append({ u"ollama"_s, EndpointKind::OpenAiCompatible,
            QUrl(u"http://127.0.0.1:11434/v1"_s), {} });
        plan.steps.append({ u"ollama"_s, { u"llama3.2"_s, {}, {} }, true });
        m_steps->setPlan(plan);
        ConversationSettings settings;
        settings.systemPrompt = u"Be terse."_s;
        settings.sampling.temperature = 0.2;
        settings.reasoning.effort = u"low"_s;
        m_editor->setConversationSettings(settings);

        m_editor->selectStep(0);
        const QString openRouter = m_editor->preview()->toPlainText();
        QVERIFY2(openRouter.contains(u"\"Be terse.\""_s), qPrintable(openRouter));
        QVERIFY(openRouter.indexOf(u"\"system\""_s) < openRouter.indexOf(u"\"user\""_s));
        QVERIFY(openRouter.contains(u"\"temperature\": 0.2"_s));
        QVERIFY(openRouter.contains(u"\"effort\": \"low\""_s));
        QVERIFY(m_editor->copyAsText().contains(u"Be terse."_s));
        m_editor->selectStep(2);
        const QString plain = m_editor->preview()->toPlainText();
        QVERIFY(plain.contains(u"\"temperature\": 0.2"_s));
        QVERIFY2(!plain.contains(u"reasoning"_s), qPrintable(plain));
    }

    // The route's defaults, edited under the policy, are kept in the plan and shown in
    // the preview and the copied code under the conversation's own settings, field by field.
    void defaultsAreEditedAndPreviewedUnderTheConversation()
    {
        auto *summary = m_editor->findChild<QLabel *>(u"routeDefaultsSummary"_s);
        auto *edit = m_editor->findChild<QPushButton *>(u"editRouteDefaults"_s);
        auto *clear = m_editor->findChild<QPushButton *>(u"clearRouteDefaults"_s);
        QVERIFY(summary && edit && clear);
        QVERIFY(summary->text().startsWith(u"No defaults"_s));
        QVERIFY(!clear->isEnabled());

        auto *tabs = m_editor->findChild<QTabWidget *>(u"routeEditorTabs"_s);
        tabs->setCurrentIndex(1);
        QCOMPARE(tabs->tabText(tabs->currentIndex()), u"Policy"_s);
        QTRY_VERIFY(edit->isVisible()); // under the policy
        QTest::mouseClick(edit, Qt::LeftButton);
        auto *dialog = m_editor->findChild<ConversationSettingsDialog *>(u"routeDefaultsDialog"_s);
        QVERIFY(dialog);
        auto *prompt = dialog->findChild<QPlainTextEdit *>(u"systemPrompt"_s);
        prompt->setFocus();
        QTest::keyClicks(prompt, u"Route says hi."_s);
        auto *temperature = dialog->findChild<QDoubleSpinBox *>(u"temperature"_s);
        temperature->setFocus();
        temperature->selectAll();
        QTest::keyClicks(temperature, u"0.3"_s);
        temperature->interpretText();
        auto *topP = dialog->findChild<QDoubleSpinBox *>(u"topP"_s);
        topP->setValue(0.8);
        dialog->accept();

        QCOMPARE(m_steps->plan().defaults.systemPrompt, u"Route says hi."_s);
        QCOMPARE(m_steps->plan().defaults.sampling.temperature, std::optional(0.3));
        QVERIFY(summary->text().contains(u"Route says hi."_s));
        QVERIFY(summary->text().contains(u"temperature: 0.3"_s));
        QVERIFY(clear->isEnabled());

        // The conversation's temperature wins; the route's prompt and top_p fill in.
        ConversationSettings own;
        own.sampling.temperature = 1.1;
        m_editor->setConversationSettings(own);
        m_editor->selectStep(0);
        const QString preview = m_editor->preview()->toPlainText();
        QVERIFY2(preview.contains(u"\"temperature\": 1.1"_s), qPrintable(preview));
        QVERIFY(preview.contains(u"\"top_p\": 0.8"_s));
        QVERIFY(preview.contains(u"\"Route says hi.\""_s));
        QVERIFY(m_editor->copyAsText().contains(u"Route says hi."_s));

        // A plan loaded from elsewhere shows its own defaults; Clear removes them.
        QTest::mouseClick(clear, Qt::LeftButton);
        QVERIFY(m_steps->plan().defaults.isEmpty());
        QVERIFY(summary->text().startsWith(u"No defaults"_s));
        RoutePlan plan = m_steps->plan();
        plan.defaults.reasoning.effort = u"high"_s;
        m_steps->setPlan(plan);
        QVERIFY(summary->text().contains(u"reasoning: {\"effort\":\"high\"}"_s));
    }

    void fallThroughIsInWords()
    {
        auto *upstream = m_editor->findChild<QCheckBox *>(u"fallThrough_rate_limited_upstream"_s);
        QVERIFY(upstream);
        QCOMPARE(upstream->text(), u"Rate-limited upstream"_s);
        for (QCheckBox *box : m_editor->findChildren<QCheckBox *>()) {
            if (box->objectName().startsWith(u"fallThrough_"_s))
                QVERIFY2(!box->text().contains(u'_'), qPrintable(box->text()));
        }
        QVERIFY(upstream->toolTip().contains(u"rate_limited_upstream"_s)); // for route files
    }

    // In a side panel at its narrowest no text is cut off, in English and German, on every
    // tab, whichever step is selected.
    void narrowPanelCutsNothingOff_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addRow("English") << u"en"_s;
        QTest::addRow("German") << u"de"_s;
    }

    void narrowPanelCutsNothingOff()
    {
        QFETCH(QString, language);
        QTranslator german;
        if (language == "de"_L1) {
            QVERIFY(german.load(
                QLocale(QLocale::German), u"detour"_s, u"_"_s, QStringLiteral(DETOUR_QM_DIR)));
            QCoreApplication::installTranslator(&german);
        }
        // Built after the translator, as the window is.
        RouteStepsModel steps;
        RouteEditorWidget editor(&steps);
        RoutePlan plan = RouteFile::demo(m_server.baseUrl());
        plan.endpoints.append({ u"ollama"_s, EndpointKind::OpenAiCompatible,
            QUrl(u"http://127.0.0.1:11434/v1"_s), {} });
        plan.steps.append({ u"ollama"_s, { u"llama3.2"_s, {}, {} }, true });
        plan.steps[paidStep].target.provider.only = { u"Groq"_s };
        plan.steps[paidStep].target.provider.ignore = { u"Groq"_s };
        steps.setPlan(plan);
        steps.setSimulatorUrl(QUrl(u"http://127.0.0.1:65000/api/v1"_s));
        editor.setCatalog(m_catalog.get());
        QVERIFY2(editor.minimumSizeHint().width() <= narrowPanel,
            qPrintable(QString::number(editor.minimumSizeHint().width())));
        editor.resize(narrowPanel, 800);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        editor.selectStep(paidStep);
        QTRY_COMPARE(editor.providerPanel()->providerTable()->model()->rowCount(), 2);
        auto *tabs = editor.findChild<QTabWidget *>(u"routeEditorTabs"_s);
        QVERIFY(tabs);
        QStringList clipped;
        for (int step : { 0, paidStep, 2 }) {
            editor.selectStep(step);
            for (int tab = 0; tab < tabs->count(); ++tab) {
                tabs->setCurrentIndex(tab);
                QCoreApplication::processEvents();
                for (const QString &text : clippedTexts(&editor))
                    clipped << u"step %1, tab %2: %3"_s.arg(step + 1).arg(tab).arg(text);
            }
        }
        if (language == "de"_L1)
            QCoreApplication::removeTranslator(&german);
        clipped.removeDuplicates();
        QVERIFY2(clipped.isEmpty(), qPrintable(u"\n  "_s + clipped.join(u"\n  "_s)));
    }

    // A step's problem is shown above its form, where a narrow, short panel still shows it,
    // and the step keeps its ⚠ in the list.
    void problemIsInViewInANarrowPanel()
    {
        QScrollArea panel; // as the window holds the editor
        panel.setWidgetResizable(true);
        auto *steps = new RouteStepsModel(&panel);
        auto *editor = new RouteEditorWidget(steps);
        panel.setWidget(editor);
        RoutePlan plan = RouteFile::demo(m_server.baseUrl());
        plan.steps[paidStep].target.provider.only = { u"Groq"_s };
        plan.steps[paidStep].target.provider.ignore = { u"Groq"_s };
        steps->setPlan(plan);
        panel.resize(narrowPanel, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *problems = editor->findChild<QLabel *>(u"stepProblems"_s);
        QVERIFY(problems);
        editor->selectStep(0);
        QVERIFY(!problems->isVisible());
        editor->selectStep(paidStep);
        QVERIFY(problems->isVisible());
        QVERIFY(problems->text().contains(steps->problems(paidStep).first()));
        QWidget *viewport = panel.viewport();
        QVERIFY2(viewport->rect().contains(shownIn(problems, viewport)),
            qPrintable(u"%1 not inside %2"_s.arg(QDebug::toString(shownIn(problems, viewport)),
                QDebug::toString(viewport->rect()))));
        // Its words wrap to the panel's width rather than being cut off.
        QVERIFY(problems->wordWrap());
        QVERIFY(shownIn(problems, viewport).right() < viewport->width());
        QVERIFY(problems->height() >= problems->heightForWidth(problems->width()));
        // Still in view on any tab: it is not part of one.
        auto *tabs = editor->findChild<QTabWidget *>(u"routeEditorTabs"_s);
        tabs->setCurrentIndex(tabs->count() - 1);
        QVERIFY(problems->isVisible());
        QVERIFY(viewport->rect().contains(shownIn(problems, viewport)));
        QVERIFY(
            steps->index(paidStep).data(RouteStepsModel::ProblemsRole).toStringList().size() > 0);
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
            model->index(1, ProviderChoiceModel::LatencyColumn).data().toString(), u"250 ms"_s);
        QVERIFY(offlinePanel->statusLabel()->text().startsWith(
            u"Providers of moonshotai/kimi-k2, as of"_s));
        QVERIFY(!offline.isRefreshing(Catalog::Resource::Endpoints, paidModel));
    }
};

QTEST_MAIN(TestRouteEditor)
#include "test_route_editor.moc"
