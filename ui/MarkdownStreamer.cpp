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
    part.setUndoRedoEnabled(false);
    part.setMarkdown(markdown, QTextDocument::MarkdownDialectGitHub);
    shapeBlocks(&part);
    // A fresh block keeps the new part from merging into the last final block.
    // Inserting merges the part's first block into the block at the cursor, so
    // that block takes the part's own first format (a code line, a heading) afterwards.
    const bool fresh = cursor.position() > 0;
    if (fresh)
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat());
    const int firstBlock = cursor.position();
    cursor.insertFragment(QTextDocumentFragment(&part));
    const QTextBlock inserted = m_document->findBlock(firstBlock);
    if (fresh && inserted.length() == 1 && inserted.next().isValid()
        && part.firstBlock().textList()) {
        // A list item is not merged: it comes as a block of its own after the fresh one,
        // which would stay behind as an empty line above the list (streamed replies only).
        QTextCursor empty(inserted);
        empty.deleteChar();
        return;
    }
    if (!part.firstBlock().textList()) { // the part's list object does not exist here
        QTextCursor first(m_document);
        first.setPosition(firstBlock);
        first.setBlockFormat(part.firstBlock().blockFormat());
    }
}

bool MarkdownStreamer::isCodeBlock(const QTextBlock &block)
{
    // The reader marks the lines of fenced code with their fence, and those of any code
    // block (indented ones too) with their language, empty when none was given.
    const QTextBlockFormat format = block.blockFormat();
    return block.isValid()
        && (format.hasProperty(QTextFormat::BlockCodeFence)
            || format.hasProperty(QTextFormat::BlockCodeLanguage));
}

void MarkdownStreamer::shapeBlocks(QTextDocument *part)
{
    for (QTextBlock block = part->begin(); block.isValid(); block = block.next()) {
        QTextBlockFormat format = block.blockFormat();
        if (block.textList()) {
            // The reader gives every list item a paragraph's margins above and below,
            // which reads as a blank line between items. Items of a list sit close
            // together; the list as a whole keeps the margins of a paragraph.
            if (block.previous().isValid() && block.previous().textList())
                format.setTopMargin(listItemSpacing);
            if (block.next().isValid() && block.next().textList())
                format.setBottomMargin(listItemSpacing);
        } else if (isCodeBlock(block)) {
            // Room inside the background the view paints behind code. Long lines wrap:
            // the view has no horizontal scroll bar, and unbroken they were cut off.
            format.setLeftMargin(codePadding);
            format.setRightMargin(codePadding);
            format.setNonBreakableLines(false);
        } else {
            continue;
        }
        QTextCursor(block).setBlockFormat(format);
    }
}

QString MarkdownStreamer::keepingLineBreaks(const QString &markdown)
{
    // Two spaces before a newline make it a hard break. Not inside code (fenced, or
    // indented by four spaces or a tab), where they would become part of the code, and
    // not before a blank line, where the paragraph ends anyway.
    const QStringList lines = markdown.split(u'\n');
    QString out;
    out.reserve(markdown.size() + 2 * lines.size());
    bool inFence = false;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines[i];
        const QStringView trimmed = QStringView(line).trimmed();
        const bool fence = trimmed.startsWith(u"```"_s) || trimmed.startsWith(u"~~~"_s);
        if (fence)
            inFence = !inFence;
        out += line;
        if (i + 1 == lines.size())
            break;
        const bool indentedCode = line.startsWith(u"    "_s) || line.startsWith(u'\t');
        if (!inFence && !fence && !trimmed.isEmpty() && !indentedCode
            && !QStringView(lines[i + 1]).trimmed().isEmpty())
            out += u"  "_s;
        out += u'\n';
    }
    return out;
}

void MarkdownStreamer::render()
{
    if (!m_dirty)
        return;
    m_changedFrom = m_changedFrom < 0 ? m_tailPosition : std::min(m_changedFrom, m_tailPosition);
    // One edit: the layout and the view hear of one change (laid out once, painted once)
    // instead of one per removal, insertion and format the two replacements make.
    QTextCursor edit(m_document);
    edit.beginEditBlock();
    if (m_boundary > m_final) {
        // Closed blocks become final: laid out once, never touched again.
        replaceFrom(m_tailPosition, m_text.sliced(m_final, m_boundary - m_final));
        m_final = m_boundary;
        m_tailPosition = m_document->characterCount() - 1;
    }
    replaceFrom(m_tailPosition, m_text.sliced(m_final));
    edit.endEditBlock();
    m_dirty = false;
}

int MarkdownStreamer::takeChangedFrom()
{
    return std::exchange(m_changedFrom, -1);
}

} // namespace detour
