// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ContrastStyle.h"

#include "Contrast.h"

#include <QPainter>
#include <QStyleOption>

namespace detour {

QColor ContrastStyle::indicatorEdge(const QPalette &palette)
{
    // Halfway from the window to its text: 3:1 or more against the window and the base
    // in both schemes (test_contrast), and still quieter than the text.
    return Contrast::mix(
        palette.color(QPalette::Window), palette.color(QPalette::WindowText), 0.55);
}

void ContrastStyle::drawPrimitive(PrimitiveElement element, const QStyleOption *option,
    QPainter *painter, const QWidget *widget) const
{
    QProxyStyle::drawPrimitive(element, option, painter, widget);
    const bool check = element == PE_IndicatorCheckBox || element == PE_IndicatorItemViewItemCheck;
    if (!check && element != PE_IndicatorRadioButton)
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPen pen(indicatorEdge(option->palette));
    pen.setWidthF(1.0);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    const QRectF edge = QRectF(option->rect).adjusted(0.5, 0.5, -0.5, -0.5);
    if (check)
        painter->drawRoundedRect(edge, 2, 2);
    else
        painter->drawEllipse(edge);
    painter->restore();
}

} // namespace detour
