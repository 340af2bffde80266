// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "MarkdownStreamer.h"

#include <QList>
#include <QTextBrowser>
#include <QTimer>

class QToolButton;

namespace detour {

// Read-only Markdown that grows with its content (no inner scrollbar), never
// fetches anything (remote images, file:// and qrc: are refused), reports link
// clicks instead of following them, and puts a "Copy" button on each code block
// (fenced or indented), which it draws on a background of its own.
class MarkdownView final : public QTextBrowser {
    Q_OBJECT

public:
    explicit MarkdownView(QWidget *parent = nullptr);

    MarkdownStreamer &streamer() { return m_streamer; }
    void renderPending(); // at most once per frame, from the chat view; fits the height too
    // Lays the text out for a width of the whole view (frame included) it is about to get,
    // and fits the height to it: placing the view at that width then lays out nothing.
    void fitWidth(int width);
    QVariant loadResource(int type, const QUrl &name) override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

    // Code blocks (fenced and indented) are drawn on this colour, from the palette of the
    // widget they sit on, so that they follow light and dark schemes.
    static QColor codeBackground(const QColor &background, const QColor &text);
    // Where those backgrounds go, in document coordinates, one per code block.
    QList<QRect> codeBlockRects() const;

Q_SIGNALS:
    void linkActivated(const QUrl &url);
    void codeCopied(const QString &code);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    struct CopyButton {
        QToolButton *button;
        int position; // where its code block starts in the document
        int lastLine; // ... and where its last line starts
        int top; // the block's background, in document coordinates, from the last placing:
        int bottom; // a reply of a thousand code blocks is not measured anew on every paint
    };
    QRect backgroundRect(const CopyButton &placed) const;
    void updateGeometryToContents();
    void placeCopyButtons();

    MarkdownStreamer m_streamer;
    QList<CopyButton> m_copyButtons; // in document order
    // Buttons for code blocks from this document position on are placed anew (-1: none).
    // While a reply streams, only its open tail changes, so only the tail's buttons are
    // revisited: a frame costs the size of the tail, not of the whole reply.
    int m_buttonsStaleFrom = 0;
    int m_textWidth = -1; // the width the document was last laid out for
    QTimer m_placeButtons; // coalesces layout changes: buttons are placed once the document settles
};

} // namespace detour
