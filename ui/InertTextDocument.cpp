// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "InertTextDocument.h"

#include <QImage>

namespace detour {

QVariant InertTextDocument::loadResource(int type, const QUrl &)
{
    if (type != QTextDocument::ImageResource)
        return {};
    static const QImage blank = [] {
        QImage pixel(1, 1, QImage::Format_ARGB32);
        pixel.fill(Qt::transparent);
        return pixel;
    }();
    return blank;
}

} // namespace detour
