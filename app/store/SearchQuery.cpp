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

QString snippet(const QString &marked, int context)
{
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
