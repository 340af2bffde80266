// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "MessageSearch.h"

#include "SearchQuery.h"
#include "SqlUtil.h"

#include <QHash>
#include <QSet>
#include <QSqlQuery>
#include <algorithm>

namespace detour {

using namespace Qt::StringLiterals;

MessageSearch::MessageSearch(const QSqlDatabase &db)
    : m_db(db)
{
}

Result<QList<SearchHit>> MessageSearch::find(const QString &text, int limit, Hits kept) const
{
    QList<SearchHit> hits;
    const SearchQuery parsed = SearchQuery::parse(text);
    if (parsed.mode == SearchQuery::Mode::Nothing)
        return hits;

    const bool fts = !parsed.match.isEmpty();
    const QString table =
        parsed.mode == SearchQuery::Mode::Words ? u"message_words"_s : u"message_cjk"_s;
    const auto bindTerms = [&](QSqlQuery &query) {
        if (fts)
            query.addBindValue(parsed.match);
        for (const QString &term : parsed.likeTerms)
            query.addBindValue(SearchQuery::likePattern(term));
    };

    // 1. The newest matching messages: ids only. Ordered by the index's own rowid,
    // which FTS5 walks backwards without sorting, so LIMIT stops the walk early.
    QString statement = fts
        ? u"SELECT m.id, m.conversation_id FROM %1 JOIN messages m ON m.id = %1.rowid "
          "JOIN conversations c ON c.id = m.conversation_id "
          "WHERE %1 MATCH ? AND c.deleted_at IS NULL"_s.arg(table)
        : u"SELECT m.id, m.conversation_id FROM messages m "
          "JOIN conversations c ON c.id = m.conversation_id WHERE c.deleted_at IS NULL"_s;
    for (qsizetype i = 0; i < parsed.likeTerms.size(); ++i)
        statement += u" AND m.content LIKE ? ESCAPE '\\'"_s;
    statement +=
        fts ? u" ORDER BY %1.rowid DESC LIMIT ?"_s.arg(table) : u" ORDER BY m.id DESC LIMIT ?"_s;
    QSqlQuery newest(m_db);
    newest.setForwardOnly(true);
    newest.prepare(statement);
    bindTerms(newest);
    newest.addBindValue(std::max(1, limit));
    if (Result<> ran = sql::run(newest); !ran)
        return Error(ran.error());
    QList<qint64> ids;
    QSet<qint64> conversations;
    while (newest.next()) {
        const qint64 conversation = newest.value(1).toLongLong();
        if (kept == Hits::NewestPerConversation && conversations.contains(conversation))
            continue;
        conversations.insert(conversation);
        ids << newest.value(0).toLongLong();
    }
    newest.finish();
    if (ids.isEmpty())
        return hits;

    // 2. What the kept hits show. The ids are integers read above, never user input.
    QStringList idList;
    idList.reserve(ids.size());
    for (const qint64 id : std::as_const(ids))
        idList << QString::number(id);
    const QString keptIds = idList.join(u',');
    QSqlQuery shown(m_db);
    shown.setForwardOnly(true);
    shown.prepare(fts ? u"SELECT m.id, m.conversation_id, m.role, c.title, m.created_at, "
                        "highlight(%1, 0, ?, ?) FROM %1 JOIN messages m ON m.id = %1.rowid "
                        "JOIN conversations c ON c.id = m.conversation_id "
                        "WHERE %1 MATCH ? AND %1.rowid IN (%2)"_s.arg(table, keptIds)
                      : u"SELECT m.id, m.conversation_id, m.role, c.title, m.created_at, m.content "
                        "FROM messages m JOIN conversations c ON c.id = m.conversation_id "
                        "WHERE m.id IN (%1)"_s.arg(keptIds));
    if (fts) {
        shown.addBindValue(QString(QChar(search::openMark)));
        shown.addBindValue(QString(QChar(search::closeMark)));
        shown.addBindValue(parsed.match);
    }
    if (Result<> ran = sql::run(shown); !ran)
        return Error(ran.error());
    QStringList terms = parsed.likeTerms;
    for (const SearchQuery::Term &term : parsed.terms) {
        if (!terms.contains(term.text))
            terms << term.text;
    }
    QHash<qint64, SearchHit> byId;
    byId.reserve(ids.size());
    while (shown.next()) {
        SearchHit hit;
        hit.messageId = shown.value(0).toLongLong();
        hit.conversationId = shown.value(1).toLongLong();
        hit.role = shown.value(2).toString();
        hit.conversationTitle = shown.value(3).toString();
        hit.createdAt = sql::timeFrom(shown.value(4));
        hit.terms = terms;
        QString marked = shown.value(5).toString();
        if (!parsed.likeTerms.isEmpty()) {
            // Short terms have no FTS5 part: mark them here (outside FTS5's own marks).
            marked.remove(QChar(search::openMark)).remove(QChar(search::closeMark));
            marked = search::mark(marked, terms);
        }
        hit.snippet = search::snippet(marked);
        byId.insert(hit.messageId, hit);
    }
    hits.reserve(ids.size());
    for (const qint64 id : std::as_const(ids)) {
        if (const auto hit = byId.constFind(id); hit != byId.cend())
            hits.append(*hit);
    }
    return hits;
}

} // namespace detour
