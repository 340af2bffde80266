// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ElidedLabel.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QtMath>

namespace detour {

ElidedLabel::ElidedLabel(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
}

void ElidedLabel::setFullText(const QString &text)
{
    m_fullText = text;
    setToolTip(text);
    updateGeometry(); // the size it asks for follows the whole text
    elide();
}

QSize ElidedLabel::sizeHint() const
{
    // Asks for the whole text, so a layout with room to spare shows all of it.
    const QMargins margins = contentsMargins();
    // Rounded up: QFontMetrics rounds the advance to the nearest pixel, and a text one
    // fraction of a pixel too wide for its room is elided.
    const int textWidth = qCeil(QFontMetricsF(font()).horizontalAdvance(m_fullText)) + 1;
    return { textWidth + margins.left() + margins.right(), QLabel::sizeHint().height() };
}

QSize ElidedLabel::minimumSizeHint() const
{
    // Room for "…" alone: the label may shrink as far as the layout likes.
    return { fontMetrics().horizontalAdvance(QChar(0x2026)), QLabel::minimumSizeHint().height() };
}

void ElidedLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    elide();
}

void ElidedLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        elide();
}

void ElidedLabel::elide()
{
    const QString shown =
        fontMetrics().elidedText(m_fullText, Qt::ElideRight, contentsRect().width());
    if (shown != text())
        setText(shown);
}

} // namespace detour
