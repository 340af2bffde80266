// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "MessageSearch.h"

#include "SearchQuery.h"
#include "SqlUtil.h"

#include <QSqlQuery>
#include <algorithm>

namespace detour {

using namespace Qt::StringLiterals;

MessageSearch::MessageSearch(const QSqlDatabase &db)
    : m_db(db)
{
}

Result<QList<SearchHit>> MessageSearch::find(const QString &text, int limit) const
{
    QList<SearchHit> hits;
    const SearchQuery parsed = SearchQuery::parse(text);
    if (parsed.mode == SearchQuery::Mode::Nothing)
        return hits;

    const bool fts = !parsed.match.isEmpty();
    const QString table =
        parsed.mode == SearchQuery::Mode::Words ? u"message_words"_s : u"message_cjk"_s;
    QString statement = fts
        ? u"SELECT m.id, m.conversation_id, m.role, c.title, m.created_at, "
          "highlight(%1, 0, ?, ?) FROM %1 JOIN messages m ON m.id = %1.rowid "
          "JOIN conversations c ON c.id = m.conversation_id "
          "WHERE %1 MATCH ? AND c.deleted_at IS NULL"_s.arg(table)
        : u"SELECT m.id, m.conversation_id, m.role, c.title, m.created_at, m.content "
          "FROM messages m JOIN conversations c ON c.id = m.conversation_id "
          "WHERE c.deleted_at IS NULL"_s;
    for (qsizetype i = 0; i < parsed.likeTerms.size(); ++i)
        statement += u" AND m.content LIKE ? ESCAPE '\\'"_s;
    statement += u" ORDER BY m.id DESC LIMIT ?"_s;

    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(statement);
    if (fts) {
        query.addBindValue(QString(QChar(search::openMark)));
        query.addBindValue(QString(QChar(search::closeMark)));
        query.addBindValue(parsed.match);
    }
    for (const QString &term : parsed.likeTerms)
        query.addBindValue(SearchQuery::likePattern(term));
    query.addBindValue(std::max(1, limit));
    if (Result<> ran = sql::run(query); !ran)
        return Error(ran.error());
    QStringList terms = parsed.likeTerms;
    for (const SearchQuery::Term &term : parsed.terms) {
        if (!terms.contains(term.text))
            terms << term.text;
    }
    while (query.next()) {
        SearchHit hit;
        hit.messageId = query.value(0).toLongLong();
        hit.conversationId = query.value(1).toLongLong();
        hit.role = query.value(2).toString();
        hit.conversationTitle = query.value(3).toString();
        hit.createdAt = sql::timeFrom(query.value(4));
        hit.terms = terms;
        QString marked = query.value(5).toString();
        if (!parsed.likeTerms.isEmpty()) {
            // Short terms have no FTS5 part: mark them here (outside FTS5's own marks).
            marked.remove(QChar(search::openMark)).remove(QChar(search::closeMark));
            marked = search::mark(marked, terms);
        }
        hit.snippet = search::snippet(marked);
        hits.append(hit);
    }
    return hits;
}

} // namespace detour
