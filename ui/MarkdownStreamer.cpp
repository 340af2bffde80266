// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "MarkdownStreamer.h"

#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <utility>

namespace detour {

using namespace Qt::StringLiterals;

MarkdownStreamer::MarkdownStreamer(QTextDocument *document)
    : m_document(document)
{
}

void MarkdownStreamer::setText(const QString &markdown)
{
    m_document->clear();
    m_text.clear();
    m_final = m_boundary = m_scanned = 0;
    m_inFence = false;
    m_tailPosition = 0;
    m_changedFrom = 0;
    append(markdown);
    render();
}

void MarkdownStreamer::append(const QString &delta)
{
    if (delta.isEmpty())
        return;
    m_text += delta;
    scan();
    m_dirty = true;
}

void MarkdownStreamer::scan()
{
    // Walk complete lines only; a line is judged once it has its newline.
    qsizetype lineStart = m_scanned;
    for (qsizetype newline = m_text.indexOf(u'\n', lineStart); newline >= 0;
         newline = m_text.indexOf(u'\n', lineStart)) {
        const QStringView line =
            QStringView(m_text).sliced(lineStart, newline - lineStart).trimmed();
        if (line.startsWith(u"```"_s) || line.startsWith(u"~~~"_s))
            m_inFence = !m_inFence;
        else if (line.isEmpty() && !m_inFence)
            m_boundary = newline + 1;
        lineStart = newline + 1;
    }
    m_scanned = lineStart;
}

void MarkdownStreamer::replaceFrom(int position, const QString &markdown)
{
    QTextCursor cursor(m_document);
    cursor.setPosition(std::min(position, m_document->characterCount() - 1));
    cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
    cursor.removeSelectedText();
    if (markdown.isEmpty())
        return;
    QTextDocument part;
    part.setMarkdown(markdown, QTextDocument::MarkdownDialectGitHub);
    // A fresh block keeps the new part from merging into the last final block.
    // Inserting merges the part's first block into the block at the cursor, so
    // that block takes the part's own first format (a code line, a heading) afterwards.
    if (cursor.position() > 0)
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat());
    const int firstBlock = cursor.position();
    cursor.insertFragment(QTextDocumentFragment(&part));
    QTextCursor first(m_document);
    first.setPosition(firstBlock);
    first.setBlockFormat(part.firstBlock().blockFormat());
}

void MarkdownStreamer::render()
{
    if (!m_dirty)
        return;
    m_changedFrom = m_changedFrom < 0 ? m_tailPosition : std::min(m_changedFrom, m_tailPosition);
    if (m_boundary > m_final) {
        // Closed blocks become final: laid out once, never touched again.
        replaceFrom(m_tailPosition, m_text.sliced(m_final, m_boundary - m_final));
        m_final = m_boundary;
        m_tailPosition = m_document->characterCount() - 1;
    }
    replaceFrom(m_tailPosition, m_text.sliced(m_final));
    m_dirty = false;
}

int MarkdownStreamer::takeChangedFrom()
{
    return std::exchange(m_changedFrom, -1);
}

} // namespace detour
