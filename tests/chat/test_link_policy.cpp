// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Which links from model output may reach the browser.
#include "chat/LinkPolicy.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

class TestLinkPolicy final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void mayOpen_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowed");
        QTest::addRow("https") << u"https://openrouter.ai/docs"_s << true;
        QTest::addRow("http") << u"http://example.com/a?b=c#d"_s << true;
        QTest::addRow("upper-case scheme") << u"HTTPS://example.com"_s << true;
        QTest::addRow("mailto") << u"mailto:someone@example.com"_s << true;
        QTest::addRow("javascript") << u"javascript:alert(1)"_s << false;
        QTest::addRow("file") << u"file:///etc/passwd"_s << false;
        QTest::addRow("qrc") << u"qrc:/sim/scenarios/demo.json"_s << false;
        QTest::addRow("data") << u"data:text/html,<script>alert(1)</script>"_s << false;
        QTest::addRow("ftp") << u"ftp://example.com/file"_s << false;
        QTest::addRow("custom application scheme") << u"vscode://file/etc/passwd"_s << false;
        QTest::addRow("smb share") << u"smb://server/share"_s << false;
        QTest::addRow("relative") << u"docs/index.html"_s << false;
        QTest::addRow("protocol-relative") << u"//example.com/x"_s << false;
        QTest::addRow("http without host") << u"http:/etc/passwd"_s << false;
        QTest::addRow("empty mailto") << u"mailto:"_s << false;
        QTest::addRow("empty") << QString() << false;
    }

    void mayOpen()
    {
        QFETCH(QString, url);
        QFETCH(bool, allowed);
        QCOMPARE(LinkPolicy::mayOpen(QUrl(url)), allowed);
        if (!allowed)
            QVERIFY(LinkPolicy::refusal(QUrl(url)).startsWith(u"Not opened"_s));
    }

    // A link's text can lie; the question shows where it really goes.
    void confirmationShowsTheWholeAddress()
    {
        const QUrl url(u"https://openrouter.ai.example.net/settings/keys?next=%2Fsteal"_s);
        const QString question = LinkPolicy::confirmation(url);
        QVERIFY2(question.contains(u"openrouter.ai.example.net/settings/keys?next="_s),
            qPrintable(question));
    }
};

QTEST_GUILESS_MAIN(TestLinkPolicy)
#include "test_link_policy.moc"
