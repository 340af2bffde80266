// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QProxyStyle>

namespace detour {

// The application's style, with one change: check boxes and radio buttons (in forms
// and in item views) get an edge of at least 3:1 against the window and the base, as
// WCAG asks of a control's boundary. Fusion draws it a shade darker than the window,
// which in a dark scheme is all but invisible (and about 2:1 in a light one).
class ContrastStyle final : public QProxyStyle {
    Q_OBJECT

public:
    using QProxyStyle::QProxyStyle;

    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
        const QWidget *widget = nullptr) const override;

    // The edge's colour for a palette: between the window and its text.
    static QColor indicatorEdge(const QPalette &palette);
};

} // namespace detour
