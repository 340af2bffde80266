// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SearchQuery.h"

#include "Schema.h"

#include <algorithm>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

bool hasSearchableCharacter(const QString &text)
{
    for (char32_t codePoint : text.toUcs4()) {
        if (QChar::isLetterOrNumber(codePoint) || schema::isSubstringScript(codePoint))
            return true;
    }
    return false;
}

qsizetype codePoints(const QString &text)
{
    return text.toUcs4().size();
}

bool isMark(QChar c)
{
    return c == QChar(search::openMark) || c == QChar(search::closeMark);
}

// Syntax that goes may hold marks (a match in a link's address): they stay.
void keepMarks(QString &out, QStringView dropped)
{
    for (QChar c : dropped) {
        if (isMark(c))
            out += c;
    }
}

// The character next to `at` in direction `step` (±1), marks skipped; the ends of
// the line count as white space.
QChar neighbour(QStringView text, qsizetype at, int step)
{
    for (qsizetype i = at + step; i >= 0 && i < text.size(); i += step) {
        if (!isMark(text[i]))
            return text[i];
    }
    return QChar(u' ');
}

qsizetype runOf(QStringView text, qsizetype at)
{
    qsizetype end = at;
    while (end < text.size() && text[end] == text[at])
        ++end;
    return end - at;
}

// The index of what closes the bracket at `at` (nested pairs skipped), or -1.
qsizetype closing(QStringView text, qsizetype at, QChar open, QChar close)
{
    int depth = 0;
    for (qsizetype i = at; i < text.size(); ++i) {
        if (text[i] == u'\\') {
            ++i;
        } else if (text[i] == open) {
            ++depth;
        } else if (text[i] == close && --depth == 0) {
            return i;
        }
    }
    return -1;
}

bool isEscapable(QChar c)
{
    return c.unicode() < 128 && (c.isPunct() || c.isSymbol());
}

// Inline Markdown of one line (or a link's text) made plain, appended to `out`.
void appendInline(QStringView text, QString &out)
{
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text[i];
        if (c == u'\\' && i + 1 < n && isEscapable(text[i + 1])) {
            out += text[i + 1];
            i += 2;
            continue;
        }
        if (c == u'`') { // code: its characters as they are, without the backticks
            const qsizetype run = runOf(text, i);
            qsizetype close = i + run;
            while (close < n && (text[close] != u'`' || runOf(text, close) != run))
                close += text[close] == u'`' ? runOf(text, close) : 1;
            if (close >= n) { // no closing run: the backticks alone go
                i += run;
                continue;
            }
            out += text.sliced(i + run, close - i - run);
            i = close + run;
            continue;
        }
        const bool image = c == u'!' && i + 1 < n && text[i + 1] == u'[';
        if (c == u'[' || image) { // [text](address), ![alt](address): the text
            const qsizetype open = image ? i + 1 : i;
            const qsizetype close = closing(text, open, u'[', u']');
            if (close > 0 && close + 1 < n && text[close + 1] == u'(') {
                const qsizetype end = closing(text, close + 1, u'(', u')');
                if (end > 0) {
                    appendInline(text.sliced(open + 1, close - open - 1), out);
                    keepMarks(out, text.sliced(close + 1, end - close));
                    i = end + 1;
                    continue;
                }
            }
        }
        if (c == u'<') { // <https://…>: the address
            const qsizetype end = text.indexOf(u'>', i);
            const QStringView inner = end > 0 ? text.sliced(i + 1, end - i - 1) : QStringView();
            if (inner.startsWith(u"http://") || inner.startsWith(u"https://")
                || inner.startsWith(u"mailto:")) {
                out += inner;
                i = end + 1;
                continue;
            }
        }
        if (c == u'*' || c == u'_' || c == u'~') {
            // A run next to a word on one side at least is emphasis (or strikethrough);
            // alone between spaces (2 * 3) it is text, and so is _ inside a word (snake_case).
            const qsizetype run = runOf(text, i);
            const QChar before = neighbour(text, i, -1);
            const QChar after = neighbour(text, i + run - 1, 1);
            const bool flanking = !before.isSpace() || !after.isSpace();
            const bool inWord = before.isLetterOrNumber() && after.isLetterOrNumber();
            const bool emphasis = c == u'~' ? run >= 2 && flanking
                : c == u'_'                 ? flanking && !inWord
                                            : flanking;
            if (!emphasis)
                out += text.sliced(i, run);
            i += run;
            continue;
        }
        out += c;
        ++i;
    }
}

// A line of only - * _ = (at least three) or a table's | - : row: a rule, an underline.
bool isRule(QStringView line)
{
    int marks = 0;
    bool pipe = false;
    for (QChar c : line) {
        if (c == u'|' || c == u':') {
            pipe = pipe || c == u'|';
        } else if (c == u'-' || c == u'*' || c == u'_' || c == u'=') {
            ++marks;
        } else if (!c.isSpace()) {
            return false;
        }
    }
    return marks >= 3 || (pipe && marks > 0);
}

QStringView withoutListMarker(QStringView line)
{
    qsizetype at = 0;
    if (line.size() >= 2 && (line[0] == u'-' || line[0] == u'*' || line[0] == u'+')
        && line[1].isSpace()) {
        at = 2;
    } else {
        while (at < line.size() && at < 9 && line[at].isDigit())
            ++at;
        if (at == 0 || at + 1 >= line.size() || (line[at] != u'.' && line[at] != u')')
            || !line[at + 1].isSpace())
            return line;
        at += 2;
    }
    line = line.sliced(at).trimmed();
    for (QStringView task : { u"[ ]", u"[x]", u"[X]" }) {
        if (line.startsWith(task) && (line.size() == 3 || line[3].isSpace()))
            return line.sliced(3).trimmed();
    }
    return line;
}

} // namespace

QString SearchQuery::ftsString(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'"', u"\"\""_s);
    return u'"' + escaped + u'"';
}

QString SearchQuery::likePattern(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size() + 2);
    for (QChar c : text) {
        if (c == u'%' || c == u'_' || c == u'\\')
            escaped += u'\\';
        escaped += c;
    }
    return u'%' + escaped + u'%';
}

SearchQuery SearchQuery::parse(const QString &text)
{
    SearchQuery query;
    // Words are split at white space; "..." keeps a phrase together (an
    // unbalanced quote runs to the end).
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        if (text[i].isSpace()) {
            ++i;
            continue;
        }
        Term term;
        if (text[i] == u'"') {
            const qsizetype end = text.indexOf(u'"', i + 1);
            term.text = text.mid(i + 1, (end < 0 ? n : end) - i - 1).simplified();
            term.phrase = true;
            i = end < 0 ? n : end + 1;
        } else {
            const qsizetype start = i;
            while (i < n && !text[i].isSpace() && text[i] != u'"')
                ++i;
            term.text = text.mid(start, i - start);
        }
        if (hasSearchableCharacter(term.text))
            query.terms.append(term);
    }
    if (query.terms.isEmpty())
        return query;

    const bool substring = std::any_of(query.terms.cbegin(), query.terms.cend(),
        [](const Term &term) { return schema::needsSubstringSearch(term.text); });
    QStringList parts;
    if (!substring) {
        query.mode = Mode::Words;
        for (const Term &term : std::as_const(query.terms))
            parts << ftsString(term.text) + (term.phrase ? QString() : u"*"_s);
    } else {
        query.mode = Mode::Substring;
        for (const Term &term : std::as_const(query.terms)) {
            if (codePoints(term.text) >= 3)
                parts << ftsString(term.text);
            else
                query.likeTerms << term.text;
        }
    }
    query.match = parts.join(u' ');
    return query;
}

namespace search {

QString mark(const QString &content, const QStringList &terms)
{
    QList<std::pair<qsizetype, qsizetype>> ranges; // [start, end)
    for (const QString &term : terms) {
        if (term.isEmpty())
            continue;
        for (qsizetype at = content.indexOf(term, 0, Qt::CaseInsensitive); at >= 0;
             at = content.indexOf(term, at + term.size(), Qt::CaseInsensitive))
            ranges.append({ at, at + term.size() });
    }
    std::sort(ranges.begin(), ranges.end());
    QList<std::pair<qsizetype, qsizetype>> merged;
    for (const auto &range : std::as_const(ranges)) {
        if (!merged.isEmpty() && range.first <= merged.last().second)
            merged.last().second = std::max(merged.last().second, range.second);
        else
            merged.append(range);
    }
    QString result;
    result.reserve(content.size() + 2 * merged.size());
    qsizetype position = 0;
    for (const auto &[start, end] : std::as_const(merged)) {
        result += QStringView(content).mid(position, start - position);
        result += QChar(openMark);
        result += QStringView(content).mid(start, end - start);
        result += QChar(closeMark);
        position = end;
    }
    result += QStringView(content).mid(position);
    return result;
}

QString plainText(const QString &marked)
{
    QString out;
    out.reserve(marked.size());
    QChar fence; // the fence character while inside a code block
    qsizetype fenceLength = 0;
    for (QStringView line : QStringView(marked).split(u'\n')) {
        QStringView rest = line.trimmed();
        const qsizetype run = rest.isEmpty() ? 0 : runOf(rest, 0);
        const bool fenceLine = run >= 3 && (rest[0] == u'`' || rest[0] == u'~');
        if (fence.isNull() && fenceLine) {
            fence = rest[0];
            fenceLength = run;
            keepMarks(out, line);
            out += u'\n';
            continue;
        }
        if (!fence.isNull()) {
            if (fenceLine && rest[0] == fence && run >= fenceLength
                && rest.sliced(run).trimmed().isEmpty()) {
                fence = QChar();
            } else {
                out += line;
            }
            out += u'\n';
            continue;
        }
        while (rest.startsWith(u'>')) // quotes, nested too
            rest = rest.sliced(1).trimmed();
        if (isRule(rest)) {
            keepMarks(out, rest);
            out += u'\n';
            continue;
        }
        if (rest.startsWith(u'#')) {
            const qsizetype level = runOf(rest, 0);
            if (level <= 6 && (level == rest.size() || rest[level].isSpace())) {
                rest = rest.sliced(level).trimmed();
                qsizetype end = rest.size(); // a closing run of # goes too
                while (end > 0 && rest[end - 1] == u'#')
                    --end;
                if (end == 0 || rest[end - 1].isSpace())
                    rest = rest.first(end).trimmed();
            }
        }
        rest = withoutListMarker(rest);
        if (rest.startsWith(u'|')) { // a table row: cells apart
            QString cells = rest.toString();
            for (qsizetype i = 0; i < cells.size(); ++i) {
                if (cells[i] == u'\\')
                    ++i;
                else if (cells[i] == u'|')
                    cells[i] = u' ';
            }
            appendInline(cells, out);
        } else {
            appendInline(rest, out);
        }
        out += u'\n';
    }
    // Marks of syntax that went with nothing between them.
    out.remove(QString(QChar(openMark)) + QChar(closeMark));
    return out;
}

QString snippet(const QString &markdown, int context)
{
    const QString marked = plainText(markdown);
    const qsizetype size = marked.size();
    const qsizetype first = std::max<qsizetype>(0, marked.indexOf(QChar(openMark)));
    qsizetype start = std::max<qsizetype>(0, first - context);
    if (start > 0) { // begin at a word when one starts nearby
        const qsizetype space = marked.indexOf(u' ', start);
        if (space >= 0 && space < first)
            start = space + 1;
    }
    qsizetype end = std::min(size, first + 3 * context);
    if (end < size) {
        const qsizetype space = marked.lastIndexOf(u' ', end);
        if (space > first + context)
            end = space;
    }
    if (start > 0 && marked[start].isLowSurrogate())
        ++start;
    if (end < size && end > 0 && marked[end - 1].isHighSurrogate())
        --end;

    bool open = false; // cut inside a match?
    for (qsizetype i = 0; i < start; ++i) {
        if (marked[i] == QChar(openMark))
            open = true;
        else if (marked[i] == QChar(closeMark))
            open = false;
    }
    QString html;
    html.reserve((end - start) * 11 / 10 + 16);
    if (start > 0)
        html += u"…"_s;
    if (open)
        html += u"<b>"_s;
    bool lastWasSpace = false;
    for (qsizetype i = start; i < end; ++i) {
        const QChar c = marked[i];
        if (c.isSpace()) {
            if (!lastWasSpace)
                html += u' ';
            lastWasSpace = true;
            continue;
        }
        lastWasSpace = false;
        if (c == QChar(openMark)) {
            html += u"<b>"_s;
            open = true;
        } else if (c == QChar(closeMark)) {
            html += u"</b>"_s;
            open = false;
        } else if (c == u'<') {
            html += u"&lt;"_s;
        } else if (c == u'>') {
            html += u"&gt;"_s;
        } else if (c == u'&') {
            html += u"&amp;"_s;
        } else if (c == u'"') {
            html += u"&quot;"_s;
        } else {
            html += c;
        }
    }
    if (open)
        html += u"</b>"_s;
    if (end < size)
        html += u"…"_s;
    return html.trimmed();
}

} // namespace search

} // namespace detour
