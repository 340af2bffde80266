// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ElidedLabel.h"

#include <QHBoxLayout>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

class TestElidedLabel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void showsWhatFits_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("extraRoom"); // pixels beyond what the label asks for; < 0 is short
        QTest::addColumn<bool>("shownWhole");
        QTest::newRow("room to spare") << u"Route \"demo\": simulated"_s << 40 << true;
        QTest::newRow("exactly enough") << u"Route \"demo\": simulated"_s << 0 << true;
        QTest::newRow("too narrow")
            << u"Route \"demo\": simulated (127.0.0.1:8080)"_s << -60 << false;
    }

    void showsWhatFits()
    {
        QFETCH(QString, text);
        QFETCH(int, extraRoom);
        QFETCH(bool, shownWhole);
        ElidedLabel label;
        label.setFullText(text);
        label.show(); // a hidden widget gets its resize events only once it is shown
        label.resize(label.sizeHint().width() + extraRoom, 20);

        QCOMPARE(label.text() == text, shownWhole);
        QCOMPARE(label.toolTip(), text);
        QCOMPARE(label.fullText(), text);
        QVERIFY(label.fontMetrics().horizontalAdvance(label.text()) <= label.width());
        if (!shownWhole) {
            QVERIFY(label.text().endsWith(QChar(0x2026)));
            QVERIFY(text.startsWith(label.text().chopped(1)));
        }
    }

    void growingBackShowsTheWholeText()
    {
        ElidedLabel label;
        const QString text = u"Key from the system keyring · free tier · $0.00 used"_s;
        label.setFullText(text);
        label.show(); // a hidden widget gets its resize events only once it is shown
        label.resize(40, 20);
        QVERIFY(label.text() != text);
        label.resize(label.sizeHint().width(), 20);
        QCOMPARE(label.text(), text);
        QVERIFY(label.minimumSizeHint().width() < 40);
    }

    // In a layout with room to spare, a longer text gets the room it needs.
    void aLayoutGivesALongerTextItsRoom()
    {
        QWidget window;
        auto *layout = new QHBoxLayout(&window);
        auto *label = new ElidedLabel(&window);
        layout->addWidget(label);
        layout->addStretch(1);
        label->setFullText(u"short"_s);
        window.resize(800, 40);
        window.show();
        const QString longer = u"No key needed · free tier · $0.00 used, no limit"_s;
        label->setFullText(longer);
        QTRY_COMPARE(label->text(), longer);
    }
};

QTEST_MAIN(TestElidedLabel)
#include "test_elided_label.moc"
