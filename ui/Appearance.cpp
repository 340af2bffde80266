// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Appearance.h"

#include "ContrastStyle.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace detour {

void Appearance::apply(Settings::ColorScheme scheme)
{
    // Once: the style that gives check boxes a visible edge (in every scheme).
    if (!qobject_cast<ContrastStyle *>(QApplication::style()))
        QApplication::setStyle(
            new ContrastStyle(QStyleFactory::create(QApplication::style()->name())));
    switch (scheme) {
    case Settings::ColorScheme::Light:
        QApplication::setPalette(lightPalette());
        return;
    case Settings::ColorScheme::Dark:
        QApplication::setPalette(darkPalette());
        return;
    case Settings::ColorScheme::System:
        break;
    }
    // An empty palette resolves to the platform theme's (or the style's) own.
    QApplication::setPalette(QPalette());
}

void Appearance::installStyle()
{
    // Once: the style that gives check boxes a visible edge (in every scheme).
    if (!qobject_cast<ContrastStyle *>(QApplication::style()))
        QApplication::setStyle(
            new ContrastStyle(QStyleFactory::create(QApplication::style()->name())));
}

QPalette Appearance::lightPalette()
{
    QPalette palette = QApplication::style()->standardPalette();
    // Fusion's placeholder grey (about 3.9:1 on white) is the colour of the turn badge and
    // the attempts line, which are text: 4.5:1 at least. Its selection blue with white
    // text is 3.7:1; a deeper blue is 5.3:1.
    for (QPalette::ColorGroup group : { QPalette::Active, QPalette::Inactive }) {
        palette.setColor(group, QPalette::PlaceholderText, QColor(100, 100, 106));
        palette.setColor(group, QPalette::Highlight, QColor(31, 111, 178));
        palette.setColor(group, QPalette::HighlightedText, Qt::white);
    }
    return palette;
}

QPalette Appearance::darkPalette()
{
    const QColor text(232, 232, 234);
    const QColor dimText(150, 150, 156);
    const QColor disabledText(112, 112, 118);
    const QColor window(45, 45, 48);
    const QColor base(30, 30, 32);
    const QColor button(56, 56, 60);

    QPalette palette(button, window);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(52, 54, 60));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::PlaceholderText, dimText);
    palette.setColor(QPalette::Button, button);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(255, 110, 110));
    palette.setColor(QPalette::ToolTipBase, QColor(64, 64, 70));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::Highlight, QColor(36, 106, 192));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(110, 170, 255));
    palette.setColor(QPalette::LinkVisited, QColor(180, 150, 255));
    palette.setColor(QPalette::Light, button.lighter(150));
    palette.setColor(QPalette::Midlight, button.lighter(125));
    palette.setColor(QPalette::Mid, button.darker(130));
    palette.setColor(QPalette::Dark, button.darker(160));
    palette.setColor(QPalette::Shadow, Qt::black);
    for (QPalette::ColorRole role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        palette.setColor(QPalette::Disabled, role, disabledText);
    palette.setColor(QPalette::Disabled, QPalette::Base, window);
    palette.setColor(QPalette::Disabled, QPalette::Highlight, button.lighter(130));
    return palette;
}

} // namespace detour
