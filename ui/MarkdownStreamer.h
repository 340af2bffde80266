// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

class QTextBlock;
class QTextDocument;

namespace detour {

// Renders a growing Markdown reply into a QTextDocument without re-parsing the
// whole text on every chunk: the text up to the last closed block (a blank line
// outside a code fence) is final and laid out once; only the open tail is
// replaced on each render(), which the view calls at most once per frame.
class MarkdownStreamer final {
public:
    explicit MarkdownStreamer(QTextDocument *document);

    void setText(const QString &markdown); // replaces everything (loaded or finished messages)
    void append(const QString &delta); // cheap: only scans for block boundaries
    void render(); // brings the document up to date
    bool isDirty() const { return m_dirty; }
    const QString &text() const { return m_text; }
    // The lowest document position that setText() or render() rewrote since the last call
    // (-1: nothing). Everything before it is as it was, so the view only revisits the rest.
    int takeChangedFrom();

    // Between the items of a list, in pixels (a paragraph's margin stays above and below the list).
    static constexpr qreal listItemSpacing = 2;
    // Left and right of the lines of a code block, inside the background the view paints.
    static constexpr qreal codePadding = 8;
    static bool isCodeBlock(const QTextBlock &block); // a line of a fenced or indented code block

    // The person's own text keeps its line breaks: Markdown would join lines that are not
    // separated by a blank line into one paragraph.
    static QString keepingLineBreaks(const QString &markdown);

private:
    static void shapeBlocks(QTextDocument *part); // tight lists, padded code
    void scan();
    void replaceFrom(int position, const QString &markdown);

    QTextDocument *m_document;
    QString m_text;
    qsizetype m_final = 0; // m_text[0, m_final) is rendered for good
    qsizetype m_boundary = 0; // the last closed block found by scan()
    qsizetype m_scanned = 0; // where scan() resumes (start of an unfinished line)
    bool m_inFence = false;
    int m_tailPosition = 0; // document position where the open tail starts
    int m_changedFrom = -1; // see takeChangedFrom()
    bool m_dirty = false;
};

} // namespace detour
