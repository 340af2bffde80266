// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Appearance.h"
#include "MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

// WCAG 2 relative luminance and contrast ratio.
double luminance(const QColor &color)
{
    auto channel = [](double value) {
        return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    // Not std::minmax(luminance(a), luminance(b)): that returns references to the two
    // temporaries, which dangle once the statement ends (an optimised build reads the
    // same value for both, and every contrast came out as 1).
    const double first = luminance(a);
    const double second = luminance(b);
    return (std::max(first, second) + 0.05) / (std::min(first, second) + 0.05);
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128
        && palette.color(QPalette::Base).lightness() < 128;
}

} // namespace

class TestAppearance final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_systemPalette = QApplication::palette();
    }

    void cleanup() { Appearance::apply(Settings::ColorScheme::System); }

    void schemes_data()
    {
        QTest::addColumn<Settings::ColorScheme>("scheme");
        QTest::addColumn<bool>("dark");
        QTest::addRow("light") << Settings::ColorScheme::Light << false;
        QTest::addRow("dark") << Settings::ColorScheme::Dark << true;
    }

    void schemes()
    {
        QFETCH(Settings::ColorScheme, scheme);
        QFETCH(bool, dark);
        QLabel shown(u"already on screen"_s);
        shown.show();
        Appearance::apply(scheme);
        QCOMPARE(isDark(QApplication::palette()), dark);
        // Widgets that exist already follow the application palette (told by a posted event).
        QCoreApplication::sendPostedEvents();
        QCOMPARE(shown.palette().color(QPalette::Window),
            QApplication::palette().color(QPalette::Window));
        Appearance::apply(Settings::ColorScheme::System);
        QCOMPARE(QApplication::palette(), m_systemPalette);
    }

    void darkPaletteIsReadable_data()
    {
        QTest::addColumn<QPalette::ColorRole>("foreground");
        QTest::addColumn<QPalette::ColorRole>("background");
        QTest::addColumn<double>("minimum");
        // 4.5:1 for text (WCAG AA), 3:1 for placeholder and link text on the base.
        QTest::addRow("text") << QPalette::Text << QPalette::Base << 4.5;
        QTest::addRow("text on alternate") << QPalette::Text << QPalette::AlternateBase << 4.5;
        QTest::addRow("window text") << QPalette::WindowText << QPalette::Window << 4.5;
        QTest::addRow("button text") << QPalette::ButtonText << QPalette::Button << 4.5;
        QTest::addRow("tooltip") << QPalette::ToolTipText << QPalette::ToolTipBase << 4.5;
        QTest::addRow("selection") << QPalette::HighlightedText << QPalette::Highlight << 4.5;
        QTest::addRow("placeholder") << QPalette::PlaceholderText << QPalette::Base << 3.0;
        QTest::addRow("link") << QPalette::Link << QPalette::Base << 4.5;
    }

    void darkPaletteIsReadable()
    {
        QFETCH(QPalette::ColorRole, foreground);
        QFETCH(QPalette::ColorRole, background);
        QFETCH(double, minimum);
        const QPalette palette = Appearance::darkPalette();
        for (QPalette::ColorGroup group : { QPalette::Active, QPalette::Inactive }) {
            const double ratio =
                contrast(palette.color(group, foreground), palette.color(group, background));
            QVERIFY2(ratio >= minimum, qPrintable(u"contrast %1"_s.arg(ratio)));
        }
    }

    void windowMenuSwitchesAndRemembers()
    {
        QTemporaryDir dir;
        const QString settingsPath = dir.filePath(u"detour.ini"_s);
        const MainWindow::Options options { .simulated = true,
            .traceFile = {},
            .databasePath = dir.filePath(u"history.db"_s),
            .cacheDirectory = dir.filePath(u"cache"_s),
            .settingsPath = settingsPath };
        {
            MainWindow window(options);
            QVERIFY(!isDark(QApplication::palette()));
            QAction *dark = schemeAction(window, u"&Dark"_s);
            QVERIFY(dark);
            dark->trigger();
            QVERIFY(dark->isChecked());
            QVERIFY(isDark(QApplication::palette()));
        }
        Appearance::apply(Settings::ColorScheme::System);
        // A new window starts in the scheme chosen last time.
        MainWindow window(options);
        QVERIFY(isDark(QApplication::palette()));
        QVERIFY(schemeAction(window, u"&Dark"_s)->isChecked());
        schemeAction(window, u"Follow the &system"_s)->trigger();
        QCOMPARE(QApplication::palette(), m_systemPalette);
        QCOMPARE(Settings(settingsPath).colorScheme(), Settings::ColorScheme::System);
    }

private:
    static QAction *schemeAction(MainWindow &window, const QString &text)
    {
        for (QMenu *menu : window.menuBar()->findChildren<QMenu *>()) {
            if (menu->title() != u"&Colour scheme"_s)
                continue;
            for (QAction *action : menu->actions()) {
                if (action->text() == text)
                    return action;
            }
        }
        return nullptr;
    }

    QPalette m_systemPalette;
};

QTEST_MAIN(TestAppearance)
#include "test_appearance.moc"
