// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "chat/AttemptTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

Attempt attempt(
    int index, Outcome outcome, const QString &provider, QList<ServerAttempt> server = {})
{
    Attempt a;
    a.index = index;
    a.stepIndex = index;
    a.endpointId = u"sim"_s;
    a.requestedModel = u"moonshotai/kimi-k2"_s;
    a.servedModel = outcome == Outcome::Served ? u"moonshotai/kimi-k2"_s : QString();
    a.provider = provider;
    a.outcome = outcome;
    a.httpStatus = outcome == Outcome::Served ? 200 : 429;
    a.timings = { 0, 120, 300, 900, 950 };
    a.serverAttempts = server;
    return a;
}

QString cell(const QAbstractItemModel &model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

} // namespace

class TestAttemptTableModel final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void liveRowsThenServerSideRows()
    {
        AttemptTableModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);

        Attempt refused = attempt(0, Outcome::RateLimitedUpstream, u"Chutes"_s);
        model.attemptStarted(1, refused);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(cell(model, 0, AttemptTableModel::OutcomeColumn), u"in flight…"_s);
        QCOMPARE(model.data(model.index(0, 0), AttemptTableModel::OutcomeRole).toInt(), -1);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.attemptFinished(1, refused);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(cell(model, 0, AttemptTableModel::OutcomeColumn),
            outcomeLabel(Outcome::RateLimitedUpstream));
        QCOMPARE(cell(model, 0, AttemptTableModel::Status), u"429"_s);
        QCOMPARE(cell(model, 0, AttemptTableModel::FirstByte), u"120 ms"_s);

        const QList<ServerAttempt> server { { u"Cerebras"_s, u"moonshotai/kimi-k2"_s, 429, {}, 88,
                                                false, { ServerAttempt::Source::RouterMetadata } },
            { u"Groq"_s, u"moonshotai/kimi-k2"_s, 200, {}, 412, false,
                { ServerAttempt::Source::RouterMetadata } } };
        Attempt served = attempt(1, Outcome::Served, u"Groq"_s);
        model.attemptStarted(1, served);
        served.serverAttempts = server;
        model.attemptFinished(1, served);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.data(model.index(2, 0), AttemptTableModel::ServerSideRole).toBool(), true);
        QCOMPARE(cell(model, 2, AttemptTableModel::Provider), u"Cerebras"_s);
        QVERIFY(cell(model, 2, AttemptTableModel::OutcomeColumn).contains(u"refused"_s));
        QCOMPARE(cell(model, 3, AttemptTableModel::OutcomeColumn), outcomeLabel(Outcome::Served));
        QCOMPARE(model.serverAttemptAt(3)->provider, u"Groq"_s);
        QCOMPARE(model.attemptAt(3)->provider, u"Groq"_s); // a server row belongs to its attempt
        QCOMPARE(model.rowOf(1, 1), 1);
        QCOMPARE(model.rowOf(2, 0), -1);
    }

    void reopenedTurnsLoadInOneReset()
    {
        const QList<ServerAttempt> server { { u"Cerebras"_s, u"moonshotai/kimi-k2"_s, 429, {}, 88,
            false, { ServerAttempt::Source::RouterMetadata } } };
        const QList<std::pair<int, Attempt>> stored {
            { 1, attempt(0, Outcome::RateLimitedUpstream, u"Chutes"_s) },
            { 1, attempt(1, Outcome::Served, u"Groq"_s, server) },
            { 2, attempt(0, Outcome::Served, u"Groq"_s) }
        };
        AttemptTableModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.attemptStarted(7, attempt(0, Outcome::Served, u"Old"_s)); // replaced, not kept
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.setFinishedAttempts(stored);
        QCOMPARE(reset.size(), 1);
        QCOMPARE(inserted.size(), 0);
        // Finished rows, each server-side attempt right below the request it happened in.
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(cell(model, 0, AttemptTableModel::Provider), u"Chutes"_s);
        QCOMPARE(cell(model, 0, AttemptTableModel::OutcomeColumn),
            outcomeLabel(Outcome::RateLimitedUpstream));
        QCOMPARE(cell(model, 1, AttemptTableModel::Provider), u"Groq"_s);
        QCOMPARE(cell(model, 2, AttemptTableModel::Provider), u"Cerebras"_s);
        QVERIFY(model.data(model.index(2, 0), AttemptTableModel::ServerSideRole).toBool());
        QCOMPARE(model.data(model.index(3, 0), AttemptTableModel::TurnRole).toInt(), 2);
        QCOMPARE(model.rowOf(2, 0), 3);
        // Live updates carry on from there.
        model.attemptFinished(2, attempt(0, Outcome::Served, u"Groq"_s));
        QCOMPARE(model.rowCount(), 4);
    }

    void skippedStepShowsItsCooldown()
    {
        AttemptTableModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Attempt skipped = attempt(0, Outcome::Skipped, QString());
        skipped.coolingUntil = QDateTime::currentDateTime().addSecs(30);
        model.attemptStarted(3, skipped);
        model.attemptFinished(3, skipped);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(cell(model, 0, AttemptTableModel::OutcomeColumn), outcomeLabel(Outcome::Skipped));
        QVERIFY(cell(model, 0, AttemptTableModel::RetryAfter).startsWith(u"until "_s));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void interruptedIsSpelledOut()
    {
        AttemptTableModel model;
        Attempt cut = attempt(0, Outcome::Network, u"Groq"_s);
        cut.interrupted = true;
        model.attemptFinished(1, cut); // finished without started: still one row
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(cell(model, 0, AttemptTableModel::OutcomeColumn),
            outcomeLabel(Outcome::Network) + u" (interrupted)"_s);
    }
};

QTEST_GUILESS_MAIN(TestAttemptTableModel)
#include "test_attempt_table_model.moc"
