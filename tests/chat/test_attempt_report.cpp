// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// "Copy as report" (and the inspector's details pane, which renders it): the
// body and headers come from the server, so they stay inside their code blocks
// whatever they hold.
#include "chat/AttemptReport.h"

#include <QTest>
#include <QTextDocument>

using namespace Qt::StringLiterals;
using namespace detour;

class TestAttemptReport final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void bodyStaysInItsCodeBlock_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("fence");
        QTest::addRow("JSON") << QByteArray("{\"error\":{\"code\":429}}") << u"```"_s;
        QTest::addRow("a fence at a line start")
            << QByteArray("<pre>\n```\n# Not a heading\n![x](file:///etc/passwd)\n</pre>")
            << u"````"_s;
        QTest::addRow("a longer run of backticks")
            << QByteArray("`````\n# Not a heading\n") << u"``````"_s;
    }

    void bodyStaysInItsCodeBlock()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, fence);
        Attempt attempt;
        attempt.outcome = Outcome::RateLimitedUpstream;
        attempt.httpStatus = 429;
        attempt.body = body;
        const QString report = AttemptReport::markdown(attempt);
        QVERIFY2(report.contains(u'\n' + fence + u"json\n"_s), qPrintable(report));
        QVERIFY2(report.endsWith(u'\n' + fence + u'\n'), qPrintable(report));

        // Rendered, every line of the body reads as it was sent: nothing became a
        // heading, an image or the end of the block.
        QTextDocument rendered;
        rendered.setMarkdown(report);
        const QString shown = rendered.toPlainText();
        for (const QString &line : AttemptReport::prettyBody(body).split(u'\n'))
            QVERIFY2(shown.contains(line), qPrintable(line + u" missing from:\n"_s + shown));
    }

    void summaryOnlyWhereItIsNotShownAlready_data()
    {
        QTest::addColumn<AttemptReport::Summary>("summary");
        QTest::addColumn<bool>("included");
        QTest::newRow("a pasted report") << AttemptReport::Summary::Included << true;
        QTest::newRow("the inspector's details") << AttemptReport::Summary::LeftOut << false;
    }

    void summaryOnlyWhereItIsNotShownAlready()
    {
        QFETCH(AttemptReport::Summary, summary);
        QFETCH(bool, included);
        Attempt attempt;
        attempt.outcome = Outcome::RateLimitedUpstream;
        attempt.provider = u"Chutes"_s;
        attempt.summary = u"Chutes is rate-limiting OpenRouter's shared capacity."_s;
        const QString report = AttemptReport::markdown(attempt, summary);
        QCOMPARE(report.contains(attempt.summary), included);
        QVERIFY(report.contains(u"| Chutes |"_s)); // the facts are there either way
    }
};

QTEST_MAIN(TestAttemptReport)
#include "test_attempt_report.moc"
