// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

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

private:
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
