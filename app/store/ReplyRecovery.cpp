// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ReplyRecovery.h"

#include "SqlUtil.h"
#include "WriterRegistry.h"

#include <QDateTime>
#include <QSqlQuery>

namespace detour {

using namespace Qt::StringLiterals;

ReplyRecovery::ReplyRecovery(const QSqlDatabase &db, const WriterRegistry &writers)
    : m_db(db)
    , m_writers(writers)
{
}

Result<ReplyRecovery::Recovered> ReplyRecovery::run() const
{
    QStringList writers;
    {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        query.prepare(
            u"SELECT DISTINCT coalesce(writer, '') FROM messages WHERE state = 'streaming'"_s);
        if (Result<> ran = sql::run(query); !ran)
            return Error(ran.error());
        while (query.next())
            writers << query.value(0).toString();
    }
    QStringList gone;
    for (const QString &writer : std::as_const(writers)) {
        if (writer.isEmpty() || !m_writers.isAlive(writer))
            gone << writer;
    }
    Recovered recovered;
    if (gone.isEmpty())
        return recovered;

    sql::WriteTransaction transaction(m_db);
    if (!transaction.isActive())
        return sql::failure(transaction.error());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const QString &writer : std::as_const(gone)) {
        QSqlQuery select(m_db);
        select.setForwardOnly(true);
        select.prepare(u"SELECT DISTINCT conversation_id FROM messages "
                       "WHERE state = 'streaming' AND coalesce(writer, '') = ?"_s);
        select.addBindValue(writer);
        if (Result<> ran = sql::run(select); !ran)
            return Error(ran.error());
        while (select.next())
            recovered.conversations.insert(select.value(0).toLongLong());
        QSqlQuery update(m_db);
        update.prepare(u"UPDATE messages SET state = 'interrupted', writer = NULL, updated_at = ? "
                       "WHERE state = 'streaming' AND coalesce(writer, '') = ?"_s);
        update.addBindValue(now);
        update.addBindValue(writer);
        if (Result<> ran = sql::run(update); !ran)
            return Error(ran.error());
        recovered.messages += update.numRowsAffected();
    }
    if (!transaction.commit())
        return sql::failure(transaction.error());
    return recovered;
}

} // namespace detour
