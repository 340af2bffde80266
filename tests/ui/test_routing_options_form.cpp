// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The route editor's part for OpenRouter's newer routing surface (RoutingOptionsForm),
// offscreen: variant toggles rewrite the model, the provider fields reach the plan and the
// request preview, and contradictions are flagged on the step.
#include "RouteEditorWidget.h"
#include "RoutingOptionsForm.h"
#include "route/RouteFile.h"
#include "route/RouteStepsModel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using namespace detour;

class TestRoutingOptionsForm final : public QObject {
    Q_OBJECT

    std::unique_ptr<RouteStepsModel> m_steps;
    std::unique_ptr<RouteEditorWidget> m_editor;

    template<typename T> T *find(const QString &name) const
    {
        auto *widget = m_editor->findChild<T *>(name);
        if (!widget)
            qWarning("no widget %s", qPrintable(name));
        return widget;
    }
    QLineEdit *model() const { return find<QLineEdit>(u"stepModel"_s); }
    QCheckBox *variant(const char *name) const
    {
        return find<QCheckBox>(u"variant_"_s + QLatin1StringView(name));
    }
    const ModelTarget &target() const { return m_steps->plan().steps.at(0).target; }
    QString preview() const { return m_editor->preview()->toPlainText(); }

    void load(const char *step)
    {
        const QByteArray file = QByteArray("{\"steps\":[") + step + "]}";
        const auto plan = RouteFile::read(file);
        QVERIFY2(plan, plan ? "" : qPrintable(plan.error()));
        m_steps->setPlan(*plan);
        m_editor->selectStep(0);
    }

    // A spin box typed into and left, as a person would.
    static void enter(QDoubleSpinBox *box, const QString &text)
    {
        box->setFocus();
        box->selectAll();
        QTest::keyClicks(box, text);
        QTest::keyClick(box, Qt::Key_Return);
    }

private Q_SLOTS:
    void init()
    {
        m_steps = std::make_unique<RouteStepsModel>();
        m_editor = std::make_unique<RouteEditorWidget>(m_steps.get());
        m_editor->resize(900, 1600);
        m_editor->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
        load(R"({"model":"a/b"})");
    }

    void cleanup()
    {
        // Deleted with a field still focused and edited (as closing the window does): the
        // field's edit on losing focus must not reach the half-destroyed editor.
        m_editor.reset();
        m_steps.reset();
    }

    // One variant at a time: ticking one replaces the other; unticking leaves the plain slug.
    void variantTogglesRewriteTheModel()
    {
        QTest::mouseClick(variant("nitro"), Qt::LeftButton);
        QCOMPARE(model()->text(), u"a/b:nitro"_s);
        QCOMPARE(target().model, u"a/b:nitro"_s);
        QVERIFY(preview().contains(u"\"model\": \"a/b:nitro\""_s));
        QTest::mouseClick(variant("floor"), Qt::LeftButton);
        QCOMPARE(target().model, u"a/b:floor"_s);
        QVERIFY(variant("floor")->isChecked());
        QVERIFY(!variant("nitro")->isChecked());
        QTest::mouseClick(variant("floor"), Qt::LeftButton);
        QCOMPARE(target().model, u"a/b"_s);
        for (const char *name : { "free", "nitro", "floor", "exacto" })
            QVERIFY(!variant(name)->isChecked());
    }

    // Tab goes from the model to its variants, and from the sort to the fields beside it.
    void tabOrderFollowsTheLayout()
    {
        const auto nextByTab = [](QWidget *from) {
            QWidget *next = from->nextInFocusChain();
            while (next != from
                && (!(next->focusPolicy() & Qt::TabFocus) || !next->isVisible()
                    || !next->isEnabled()))
                next = next->nextInFocusChain();
            return next;
        };
        QCOMPARE(nextByTab(model()), variant("free"));
        QCOMPARE(nextByTab(variant("exacto")), find<QLineEdit>(u"stepFallbacks"_s));
        QCOMPARE(nextByTab(find<QComboBox>(u"providerSort"_s)),
            find<QComboBox>(u"providerSortPartition"_s));
    }

    void typedVariantTicksItsToggle()
    {
        model()->setFocus();
        model()->selectAll();
        QTest::keyClicks(model(), u"x/y:exacto"_s);
        QVERIFY(variant("exacto")->isChecked());
        QTest::keyClick(model(), Qt::Key_Return);
        QCOMPARE(target().model, u"x/y:exacto"_s);
        QVERIFY(!variant("free")->isChecked());
        QVERIFY(!variant("exacto")->toolTip().isEmpty());
    }

    void providerFieldsReachThePlanAndThePreview()
    {
        enter(find<QDoubleSpinBox>(u"providerMinThroughput"_s), u"80"_s);
        enter(find<QDoubleSpinBox>(u"providerMaxLatency"_s), u"2.5"_s);
        QTest::mouseClick(find<QCheckBox>(u"providerZdr"_s), Qt::LeftButton);
        QTest::mouseClick(find<QCheckBox>(u"providerDistillable"_s), Qt::LeftButton);
        const ProviderPreferences &provider = target().provider;
        QCOMPARE(provider.preferredMinThroughput.p50, std::optional(80.0));
        QCOMPARE(provider.preferredMaxLatency.p50, std::optional(2.5));
        QCOMPARE(provider.zdr, std::optional(true));
        QCOMPARE(provider.enforceDistillableText, std::optional(true));
        const QString body = preview();
        QVERIFY2(body.contains(u"\"preferred_min_throughput\": 80.0"_s), qPrintable(body));
        QVERIFY(body.contains(u"\"preferred_max_latency\": 2.5"_s));
        QVERIFY(body.contains(u"\"zdr\": true"_s));
        QVERIFY(body.contains(u"\"enforce_distillable_text\": true"_s));
        // Copy-as-code carries the same body.
        const QString code = m_editor->copyAsText();
        QVERIFY2(code.contains(u"preferred_min_throughput"_s) && code.contains(u"zdr"_s),
            qPrintable(code));
        // Unticked again: not sent at all.
        QTest::mouseClick(find<QCheckBox>(u"providerZdr"_s), Qt::LeftButton);
        QVERIFY(!target().provider.zdr);
        QVERIFY(!preview().contains(u"\"zdr\""_s));
    }

    void sortPartitionIsSentAsTheSortObject()
    {
        auto *sort = find<QComboBox>(u"providerSort"_s);
        sort->setCurrentIndex(sort->findData(u"price"_s));
        Q_EMIT sort->activated(sort->currentIndex());
        auto *partition = find<QComboBox>(u"providerSortPartition"_s);
        partition->setCurrentIndex(partition->findData(u"none"_s));
        Q_EMIT partition->activated(partition->currentIndex());
        QCOMPARE(target().provider.sortPartition, u"none"_s);
        QVERIFY2(preview().contains(u"\"by\": \"price\""_s), qPrintable(preview()));
        QVERIFY(preview().contains(u"\"partition\": \"none\""_s));
        // With no fallback models to sort across, the step says so.
        QVERIFY(m_steps->problems(0).join(u' ').contains(u"partition \"none\""_s));
    }

    // Percentiles read from a file stay as they were when the median is edited.
    void percentilesAreKept()
    {
        load(R"({"model":"a/b","provider":{"preferred_max_latency":{"p50":1,"p90":3}}})");
        auto *latency = find<QDoubleSpinBox>(u"providerMaxLatency"_s);
        QCOMPARE(latency->value(), 1.0);
        enter(latency, u"2"_s);
        QCOMPARE(target().provider.preferredMaxLatency.p50, std::optional(2.0));
        QCOMPARE(target().provider.preferredMaxLatency.p90, std::optional(3.0));
        QVERIFY(target().provider.preferredMaxLatency.asObject);
    }

    void autoRouterTakesItsAllowedModels()
    {
        auto *allowed = find<QLineEdit>(u"autoAllowedModels"_s);
        QVERIFY(!allowed->isVisibleTo(m_editor.get()));
        model()->setFocus();
        model()->selectAll();
        QTest::keyClicks(model(), u"openrouter/auto"_s);
        QTest::keyClick(model(), Qt::Key_Return);
        QVERIFY(allowed->isVisibleTo(m_editor.get()));
        // A router is not a model with providers: no variants for it.
        QVERIFY(!variant("nitro")->isEnabled());
        allowed->setFocus();
        QTest::keyClicks(allowed, u"anthropic/*, openai/gpt-4o"_s);
        QTest::keyClick(allowed, Qt::Key_Return);
        QCOMPARE(target().autoAllowedModels, QStringList({ u"anthropic/*"_s, u"openai/gpt-4o"_s }));
        QVERIFY2(preview().contains(u"\"id\": \"auto-router\""_s), qPrintable(preview()));
    }

    void contradictionIsFlaggedOnTheStep()
    {
        QTest::mouseClick(variant("floor"), Qt::LeftButton);
        auto *sort = find<QComboBox>(u"providerSort"_s);
        sort->setCurrentIndex(sort->findData(u"throughput"_s));
        Q_EMIT sort->activated(sort->currentIndex());
        const QString problems = m_steps->problems(0).join(u' ');
        QVERIFY2(
            problems.contains(u":floor already sorts providers by price"_s), qPrintable(problems));
        QTest::mouseClick(variant("floor"), Qt::LeftButton);
        QVERIFY(m_steps->problems(0).isEmpty());
    }
};

QTEST_MAIN(TestRoutingOptionsForm)
#include "test_routing_options_form.moc"
