// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Composer.h"

#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

class TestComposer final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keys_data()
    {
        QTest::addColumn<bool>("sendWithEnter");
        QTest::addColumn<int>("modifiers");
        QTest::addColumn<bool>("sends");
        QTest::addRow("Ctrl+Enter sends") << false << int(Qt::ControlModifier) << true;
        QTest::addRow("Enter is a newline") << false << int(Qt::NoModifier) << false;
        QTest::addRow("Enter sends when configured") << true << int(Qt::NoModifier) << true;
        QTest::addRow("Ctrl+Enter still sends") << true << int(Qt::ControlModifier) << true;
        QTest::addRow("Shift+Enter is a newline then") << true << int(Qt::ShiftModifier) << false;
    }

    void keys()
    {
        QFETCH(bool, sendWithEnter);
        QFETCH(int, modifiers);
        QFETCH(bool, sends);
        Composer composer;
        composer.setSendWithEnter(sendWithEnter);
        QSignalSpy sent(&composer, &Composer::sendRequested);
        QTest::keyClicks(composer.editor(), u"hi"_s);
        QTest::keyClick(composer.editor(), Qt::Key_Return, Qt::KeyboardModifiers(modifiers));
        QCOMPARE(sent.size(), sends ? 1 : 0);
        if (sends) {
            QCOMPARE(sent.first().first().toString(), u"hi"_s);
            QVERIFY(composer.editor()->toPlainText().isEmpty());
        } else {
            QCOMPARE(composer.editor()->toPlainText(), u"hi\n"_s);
        }
    }

    void blankMessagesAreNotSent()
    {
        Composer composer;
        QSignalSpy sent(&composer, &Composer::sendRequested);
        QTest::keyClicks(composer.editor(), u"   "_s);
        QTest::keyClick(composer.editor(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(sent.size(), 0);
    }

    void busyMeansStopNotSend()
    {
        Composer composer;
        composer.setBusy(true);
        QSignalSpy sent(&composer, &Composer::sendRequested);
        QSignalSpy stop(&composer, &Composer::stopRequested);
        QTest::keyClicks(composer.editor(), u"next"_s);
        QTest::keyClick(composer.editor(), Qt::Key_Return, Qt::ControlModifier);
        QTest::keyClick(composer.editor(), Qt::Key_Escape);
        QCOMPARE(sent.size(), 0);
        QCOMPARE(stop.size(), 1);
    }

    void editSubmitsAgainstTheEditedMessage()
    {
        Composer composer;
        QSignalSpy edited(&composer, &Composer::editSubmitted);
        composer.beginEdit(4, u"old"_s);
        composer.editor()->setPlainText(u"new"_s);
        QTest::keyClick(composer.editor(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(edited.size(), 1);
        QCOMPARE(edited.first().at(0).toInt(), 4);
        QCOMPARE(edited.first().at(1).toString(), u"new"_s);
    }
};

QTEST_MAIN(TestComposer)
#include "test_composer.moc"
