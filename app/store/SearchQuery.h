// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <QStringList>

namespace detour {

// What a person typed into the search box, turned into FTS5 queries that take
// every character literally: each word or "quoted phrase" becomes an FTS5
// string ("..." with inner quotes doubled), so FTS5's own syntax (NEAR, AND,
// *, ^, :, parentheses) cannot break or widen the query.
struct SearchQuery {
    enum class Mode {
        Nothing, // no searchable characters at all
        Words, // message_words (unicode61, accents folded); words match by prefix
        Substring, // message_cjk (trigram) plus LIKE for terms under 3 characters
    };
    struct Term {
        QString text;
        bool phrase = false;
    };

    Mode mode = Mode::Nothing;
    QList<Term> terms;
    QString match; // the FTS5 MATCH expression; empty when only `likeTerms` apply
    QStringList likeTerms; // Substring mode: terms too short for trigrams

    static SearchQuery parse(const QString &text);
    static QString ftsString(const QString &text); // "text" with " doubled
    static QString likePattern(const QString &text); // %text% with % _ \ escaped (ESCAPE '\')
};

namespace search {

// Markers put around matches by FTS5 highlight(): Unicode noncharacters, which
// no message contains, so the snippet can be HTML-escaped safely afterwards.
inline constexpr char16_t openMark = 0xFDD0;
inline constexpr char16_t closeMark = 0xFDD1;

// Wraps every case-insensitive occurrence of `terms` in the markers (used when
// a query has no FTS5 part).
QString mark(const QString &content, const QStringList &terms);
// The text a person reads where `marked` is Markdown: code fences, inline
// backticks, emphasis (* _ ~~), headings, list, task and quote markers, rules
// and table pipes go; links and images become their text; backslash escapes
// are resolved. Code keeps its characters. A match only inside syntax that goes
// (a link's address) goes with it; a match that spans syntax keeps its marks.
QString plainText(const QString &marked);
// About `context` characters around the first marked match of `marked` (Markdown,
// made plain text first), on one line, HTML-escaped, with the marks turned into
// <b>…</b> and "…" where text was cut.
QString snippet(const QString &marked, int context = 60);

} // namespace search

} // namespace detour
