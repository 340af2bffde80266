// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// WCAG 2.x contrast, light and dark: the palette's text roles against what they are
// drawn on (4.5:1), the outcome colours of the inspector and the chat against their
// backgrounds, check box edges (3:1, a control's boundary), and code on its background.
#include "Appearance.h"
#include "Contrast.h"
#include "ContrastStyle.h"
#include "MarkdownView.h"
#include "OutcomeColors.h"

#include <QApplication>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

QPalette paletteOf(const QString &scheme)
{
    return scheme == u"dark"_s ? Appearance::darkPalette() : Appearance::lightPalette();
}

QString describe(double ratio, double minimum)
{
    return u"contrast %1:1, needs %2:1"_s.arg(ratio, 0, 'f', 2).arg(minimum);
}

// A colour as seen: one with alpha (Qt's default placeholder is text at half alpha)
// laid over what it is drawn on.
QColor seen(const QColor &color, const QColor &background)
{
    return color.alpha() == 255 ? color : Contrast::composite(color, background);
}

const QList<Outcome> allOutcomes = [] {
    QList<Outcome> all;
    for (int value = int(Outcome::Served); value <= int(Outcome::Skipped); ++value)
        all.append(Outcome(value));
    return all;
}();

} // namespace

class TestContrast final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void knownPairs_data()
    {
        QTest::addColumn<QColor>("a");
        QTest::addColumn<QColor>("b");
        QTest::addColumn<double>("ratio");
        QTest::addRow("black on white") << QColor(Qt::black) << QColor(Qt::white) << 21.0;
        QTest::addRow("white on black") << QColor(Qt::white) << QColor(Qt::black) << 21.0;
        QTest::addRow("#777 on white") << QColor(0x77, 0x77, 0x77) << QColor(Qt::white) << 4.48;
        QTest::addRow("same colour") << QColor(0x33, 0x66, 0x99) << QColor(0x33, 0x66, 0x99) << 1.0;
        QTest::addRow("pure red on white") << QColor(Qt::red) << QColor(Qt::white) << 4.0;
        QTest::addRow("#595959 on white") << QColor(0x59, 0x59, 0x59) << QColor(Qt::white) << 7.0;
    }

    void knownPairs()
    {
        QFETCH(QColor, a);
        QFETCH(QColor, b);
        QFETCH(double, ratio);
        QVERIFY2(qAbs(Contrast::ratio(a, b) - ratio) < 0.01,
            qPrintable(QString::number(Contrast::ratio(a, b))));
    }

    void compositeLaysColourOverBackground()
    {
        const QColor half(0, 0, 0, 128);
        const QColor result = Contrast::composite(half, Qt::white);
        QCOMPARE(result.alpha(), 255);
        QVERIFY(qAbs(result.red() - 127) <= 1);
        QCOMPARE(Contrast::composite(QColor(Qt::red), Qt::white), QColor(Qt::red));
    }

    void paletteRoles_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QPalette::ColorRole>("foreground");
        QTest::addColumn<QPalette::ColorRole>("background");
        QTest::addColumn<double>("minimum");
        for (const QString &scheme : { u"light"_s, u"dark"_s }) {
            const auto row = [&](const char *name, QPalette::ColorRole fg, QPalette::ColorRole bg,
                                 double minimum) {
                QTest::addRow("%s: %s", qPrintable(scheme), name) << scheme << fg << bg << minimum;
            };
            row("window text", QPalette::WindowText, QPalette::Window, Contrast::text);
            row("text", QPalette::Text, QPalette::Base, Contrast::text);
            row("text on alternate base (your messages)", QPalette::Text, QPalette::AlternateBase,
                Contrast::text);
            row("button text", QPalette::ButtonText, QPalette::Button, Contrast::text);
            // Auto-raised tool buttons (the bubbles' actions, the inspector's "»") show
            // the window through them.
            row("button text on window", QPalette::ButtonText, QPalette::Window, Contrast::text);
            row("selection", QPalette::HighlightedText, QPalette::Highlight, Contrast::text);
            // 4.5, not the 3 often allowed for placeholders: the turn badge and the
            // attempts line are text in this colour.
            row("placeholder (turn badge)", QPalette::PlaceholderText, QPalette::Base,
                Contrast::text);
            row("link", QPalette::Link, QPalette::Base, Contrast::text);
            row("tooltip", QPalette::ToolTipText, QPalette::ToolTipBase, Contrast::text);
        }
    }

    void paletteRoles()
    {
        QFETCH(QString, scheme);
        QFETCH(QPalette::ColorRole, foreground);
        QFETCH(QPalette::ColorRole, background);
        QFETCH(double, minimum);
        const QPalette palette = paletteOf(scheme);
        for (QPalette::ColorGroup group : { QPalette::Active, QPalette::Inactive }) {
            const QColor back = palette.color(group, background);
            const double ratio =
                Contrast::ratio(seen(palette.color(group, foreground), back), back);
            QVERIFY2(ratio >= minimum, qPrintable(describe(ratio, minimum)));
        }
    }

    void outcomeColours_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<Outcome>("outcome");
        for (const QString &scheme : { u"light"_s, u"dark"_s }) {
            for (Outcome outcome : allOutcomes)
                QTest::addRow("%s: %s", qPrintable(scheme), qPrintable(outcomeName(outcome)))
                    << scheme << outcome;
        }
    }

    void outcomeColours()
    {
        QFETCH(QString, scheme);
        QFETCH(Outcome, outcome);
        const QPalette palette = paletteOf(scheme);
        // The attempts line's symbols, on a reply's bubble (Base) and on AlternateBase.
        const QColor symbol = OutcomeColors::foreground(outcome, palette);
        for (QPalette::ColorRole role : { QPalette::Base, QPalette::AlternateBase }) {
            const double ratio = Contrast::ratio(symbol, palette.color(role));
            QVERIFY2(ratio >= Contrast::text, qPrintable(describe(ratio, Contrast::text)));
        }
        // The inspector's tinted outcome cells, with the table's text on them.
        for (bool serverSide : { false, true }) {
            const QColor tint = OutcomeColors::tint(outcome, palette, serverSide);
            const double ratio = Contrast::ratio(palette.color(QPalette::Text), tint);
            QVERIFY2(ratio >= Contrast::text, qPrintable(describe(ratio, Contrast::text)));
        }
    }

    void controlsAndCode_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addRow("light") << u"light"_s;
        QTest::addRow("dark") << u"dark"_s;
    }

    void controlsAndCode()
    {
        QFETCH(QString, scheme);
        const QPalette palette = paletteOf(scheme);
        // A check box's edge, on the window (forms) and on the base (item views).
        const QColor edge = ContrastStyle::indicatorEdge(palette);
        for (QPalette::ColorRole role : { QPalette::Window, QPalette::Base }) {
            const double ratio = Contrast::ratio(edge, palette.color(role));
            QVERIFY2(
                ratio >= Contrast::largeText, qPrintable(describe(ratio, Contrast::largeText)));
        }
        // The check mark is drawn in the text colour on the base.
        QVERIFY(Contrast::ratio(palette.color(QPalette::Text), palette.color(QPalette::Base))
            >= Contrast::largeText);
        // Code on its background, in replies and in your messages.
        for (QPalette::ColorRole role : { QPalette::Base, QPalette::AlternateBase }) {
            const QColor code =
                MarkdownView::codeBackground(palette.color(role), palette.color(QPalette::Text));
            const double ratio = Contrast::ratio(palette.color(QPalette::Text), code);
            QVERIFY2(ratio >= Contrast::text, qPrintable(describe(ratio, Contrast::text)));
            QVERIFY(code != palette.color(role));
        }
    }
};

QTEST_MAIN(TestContrast)
#include "test_contrast.moc"
