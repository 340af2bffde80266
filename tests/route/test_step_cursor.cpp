// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "route/CooldownTable.h"
#include "route/StepCursor.h"

#include <QLocale>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

Q_DECLARE_METATYPE(detour::Attachment::Kind)

namespace {

// Endpoints "one" and "two"; each step is "<endpoint>/<model>", "-" before it when disabled.
RoutePlan planOf(const QStringList &steps)
{
    RoutePlan plan;
    for (const QString &id : { u"one"_s, u"two"_s }) {
        Endpoint endpoint;
        endpoint.id = id;
        plan.endpoints.append(endpoint);
    }
    for (QString text : steps) {
        RouteStep step;
        step.enabled = !text.startsWith(u'-');
        if (!step.enabled)
            text.remove(0, 1);
        step.endpointId = text.section(u'/', 0, 0);
        step.target.model = text.section(u'/', 1);
        plan.steps.append(step);
    }
    return plan;
}

QList<qsizetype> inOrder(const RoutePlan &plan)
{
    QList<qsizetype> order;
    for (qsizetype i = 0; i < plan.steps.size(); ++i)
        order.append(i);
    return order;
}

// The step seek() found, -1 for none.
qsizetype next(const StepCursor::Found &found)
{
    return found.stepIndex.value_or(-1);
}

QDateTime inAMinute()
{
    return QDateTime::currentDateTimeUtc().addSecs(60);
}

} // namespace

class TestStepCursor final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void followsTheGivenOrder()
    {
        const RoutePlan plan = planOf({ u"one/a"_s, u"one/b"_s, u"two/c"_s });
        StepCursor cursor(plan, { 2, 0, 1 }, nullptr);
        QCOMPARE(next(cursor.seek()), 2);
        QCOMPARE(cursor.step().target.model, u"c"_s);
        cursor.moveOn();
        QCOMPARE(next(cursor.seek()), 0);
        cursor.moveOn();
        QCOMPARE(next(cursor.seek()), 1);
        QVERIFY(cursor.isLastStanding());
        cursor.moveOn();
        const StepCursor::Found none = cursor.seek();
        QVERIFY(!none.stepIndex);
        QVERIFY(none.skipped.isEmpty());
    }

    void passesOverDisabledStepsAndMissingEndpointsSilently()
    {
        const RoutePlan plan = planOf({ u"-one/a"_s, u"gone/b"_s, u"two/c"_s });
        StepCursor cursor(plan, inOrder(plan), nullptr);
        const StepCursor::Found found = cursor.seek();
        QCOMPARE(next(found), 2);
        QVERIFY(found.skipped.isEmpty());
        QVERIFY(cursor.isLastStanding());
    }

    void refusedKeySkipsTheEndpointsOtherSteps()
    {
        const RoutePlan plan = planOf({ u"one/a"_s, u"one/b"_s, u"two/c"_s, u"one/d"_s });
        StepCursor cursor(plan, inOrder(plan), nullptr);
        QCOMPARE(next(cursor.seek()), 0);
        QVERIFY(!cursor.isLastStanding());
        cursor.refuseKey();
        StepCursor::Found found = cursor.seek();
        QCOMPARE(next(found), 2);
        QCOMPARE(found.skipped.size(), 1);
        QCOMPARE(found.skipped[0].stepIndex, 1);
        QCOMPARE(found.skipped[0].reason, StepCursor::SkipReason::KeyRefused);
        QVERIFY(!found.skipped[0].coolingUntil.isValid());
        // "one/d" can no longer be tried: "two/c" is the last step standing.
        QVERIFY(cursor.isLastStanding());
        cursor.moveOn();
        found = cursor.seek();
        QVERIFY(!found.stepIndex);
        QCOMPARE(found.skipped.size(), 1);
        QCOMPARE(found.skipped[0].stepIndex, 3);
        QCOMPARE(StepCursor::sentence(found.skipped[0], plan.steps[3]),
            u"Skipped: endpoint \"one\" refused its key earlier in this turn."_s);
    }

    void stepThatCannotTakeTheAttachmentIsSkipped_data()
    {
        QTest::addColumn<QString>("engine"); // the steps' pdf_engine
        QTest::addColumn<Attachment::Kind>("kind");
        QTest::addColumn<qsizetype>("served"); // -1: none
        QTest::addColumn<QString>("summary"); // when none

        // Steps: one/text (text only), one/vision (text, image), one/files (text, file),
        // one/unknown (the catalog does not say).
        QTest::addRow("image: text-only and files-only skipped")
            << QString() << Attachment::Kind::Image << qsizetype(1) << QString();
        QTest::addRow("pdf through pdf-text: any model")
            << u"pdf-text"_s << Attachment::Kind::Pdf << qsizetype(0) << QString();
        QTest::addRow("pdf, native engine: the model must read files")
            << u"native"_s << Attachment::Kind::Pdf << qsizetype(2) << QString();
        QTest::addRow("text file: inlined, any model")
            << u"native"_s << Attachment::Kind::Text << qsizetype(0) << QString();
    }

    void stepThatCannotTakeTheAttachmentIsSkipped()
    {
        QFETCH(QString, engine);
        QFETCH(Attachment::Kind, kind);
        QFETCH(qsizetype, served);

        RoutePlan plan =
            planOf({ u"one/text"_s, u"one/vision"_s, u"one/files"_s, u"one/unknown"_s });
        for (RouteStep &step : plan.steps)
            step.target.pdfEngine = engine;
        ChatRequest request;
        request.messages.append({ u"user"_s, u"Look"_s, { { kind, u"x"_s, u"x/y"_s, "1" } } });
        const ModalityLookup lookup = [](const Endpoint &, const QString &model) -> QStringList {
            if (model == "text"_L1)
                return { u"text"_s };
            if (model == "vision"_L1)
                return { u"text"_s, u"image"_s };
            if (model == "files"_L1)
                return { u"text"_s, u"file"_s };
            return {};
        };
        StepCursor cursor(plan, inOrder(plan), nullptr, AttachmentFit(request, lookup));
        const StepCursor::Found found = cursor.seek();
        QCOMPARE(next(found), served);
        for (const StepCursor::Skip &skip : found.skipped) {
            QCOMPARE(skip.reason, StepCursor::SkipReason::AttachmentUnsupported);
            QVERIFY(skip.stepIndex < served);
        }
        QCOMPARE(found.skipped.size(), served);
        QVERIFY(found.summary.isEmpty());
    }

    void routeWhereNoStepTakesTheAttachmentSaysSo()
    {
        const RoutePlan plan = planOf({ u"one/text"_s, u"two/text"_s });
        ChatRequest request;
        request.messages.append({ u"user"_s, u"Look"_s,
            { { Attachment::Kind::Image, u"cat.png"_s, u"image/png"_s, "1" } } });
        StepCursor cursor(plan, inOrder(plan), nullptr,
            AttachmentFit(request,
                [](const Endpoint &, const QString &) { return QStringList { u"text"_s }; }));
        const StepCursor::Found found = cursor.seek();
        QVERIFY(!found.stepIndex);
        QCOMPARE(found.skipped.size(), 2);
        QCOMPARE(StepCursor::sentence(found.skipped[0], plan.steps[0]),
            u"Skipped: text does not take images, and this message has one."_s);
        QCOMPARE(StepCursor::reasonName(found.skipped[0].reason), u"attachment_unsupported"_s);
        QCOMPARE(found.summary, AttachmentFit::noStepSentence(u"image"_s));
        QVERIFY(found.summary.startsWith(u"No step of this route takes images"_s));
    }

    void coolingStepIsSkippedWhileALaterOneCanServe()
    {
        const RoutePlan plan = planOf({ u"one/a"_s, u"two/b"_s });
        CooldownTable cooldowns;
        const QDateTime until = inAMinute();
        cooldowns.coolDown(u"one"_s, u"a"_s, u"Groq"_s, until, Outcome::RateLimitedUpstream);
        StepCursor cursor(plan, inOrder(plan), &cooldowns);
        const StepCursor::Found found = cursor.seek();
        QCOMPARE(next(found), 1);
        QCOMPARE(found.skipped.size(), 1);
        QCOMPARE(found.skipped[0].stepIndex, 0);
        QCOMPARE(found.skipped[0].reason, StepCursor::SkipReason::CoolingDown);
        QCOMPARE(found.skipped[0].coolingUntil, until);
        QCOMPARE(found.skipped[0].cooldown->scope, Cooldown::Scope::ProviderModel);
        // The trace says why, naming the scope and when it may be tried again.
        const QString sentence = StepCursor::sentence(found.skipped[0], plan.steps[0]);
        QVERIFY2(sentence.contains(u"cooling down after a rate limit upstream: a at Groq on one"_s),
            qPrintable(sentence));
        QVERIFY2(sentence.contains(QLocale().toString(until.toLocalTime().time(), u"HH:mm:ss"_s)),
            qPrintable(sentence));
    }

    // No credits on an endpoint: its other paid steps are skipped for the rest of the
    // turn, its :free ones are still tried.
    void noCreditsSkipOnlyPaidStepsOfTheEndpoint()
    {
        const RoutePlan plan = planOf({ u"one/a"_s, u"one/b"_s, u"one/c:free"_s, u"two/d"_s });
        StepCursor cursor(plan, inOrder(plan), nullptr);
        QCOMPARE(next(cursor.seek()), 0);
        cursor.refuseCredits();
        const StepCursor::Found found = cursor.seek();
        QCOMPARE(next(found), 2);
        QCOMPARE(found.skipped.size(), 1);
        QCOMPARE(found.skipped[0].stepIndex, 1);
        QCOMPARE(StepCursor::reasonName(found.skipped[0].reason), u"no_credits"_s);
        QVERIFY(StepCursor::sentence(found.skipped[0], plan.steps[1]).contains(u"no credits"_s));
    }

    // A cooldown of a refused key covers the endpoint's steps only while its key is the
    // same: the cursor asks for the key of each step's endpoint.
    void keyCooldownFollowsTheKey_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<int>("next");
        QTest::addRow("the refused key") << u"sk-old"_s << 1;
        QTest::addRow("a new key") << u"sk-new"_s << 0;
    }

    void keyCooldownFollowsTheKey()
    {
        QFETCH(QString, key);
        QFETCH(int, next);
        const RoutePlan plan = planOf({ u"one/a"_s, u"two/b"_s });
        CooldownTable cooldowns;
        Cooldown refused;
        refused.scope = Cooldown::Scope::Key;
        refused.endpointId = u"one"_s;
        refused.keyId = Cooldown::keyIdOf(u"sk-old"_s);
        refused.reason = Outcome::Auth;
        cooldowns.coolDown(refused);
        StepCursor cursor(plan, inOrder(plan), &cooldowns, {},
            [&key](const Endpoint &endpoint) { return endpoint.id == "one"_L1 ? key : QString(); });
        QCOMPARE(::next(cursor.seek()), next);
    }

    void lastStepStandingIsTriedWhileCooling()
    {
        const RoutePlan plan = planOf({ u"one/a"_s, u"two/b"_s });
        CooldownTable cooldowns;
        cooldowns.coolDown(u"two"_s, u"b"_s, {}, inAMinute(), Outcome::RateLimitedKey);
        StepCursor cursor(plan, inOrder(plan), &cooldowns);
        QCOMPARE(next(cursor.seek()), 0);
        QVERIFY2(cursor.isLastStanding(), "a cooling step cannot be counted on");
        cursor.moveOn();
        const StepCursor::Found found = cursor.seek();
        QCOMPARE(next(found), 1);
        QVERIFY(found.skipped.isEmpty());
    }

    void retriesBelongToTheCurrentStep()
    {
        const RoutePlan plan = planOf({ u"one/a"_s, u"two/b"_s });
        StepCursor cursor(plan, inOrder(plan), nullptr);
        QCOMPARE(next(cursor.seek()), 0);
        QCOMPARE(cursor.retries(), 0);
        cursor.countRetry();
        cursor.countRetry();
        QCOMPARE(cursor.retries(), 2);
        QCOMPARE(next(cursor.seek()), 0); // seeking again stays on a usable step
        QCOMPARE(cursor.retries(), 2);
        cursor.moveOn();
        QCOMPARE(cursor.retries(), 0);
        QCOMPARE(next(cursor.seek()), 1);
    }
};

QTEST_GUILESS_MAIN(TestStepCursor)
#include "test_step_cursor.moc"
