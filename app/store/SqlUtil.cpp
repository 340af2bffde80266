// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SqlUtil.h"

#include <QHash>

namespace detour::sql {

using namespace Qt::StringLiterals;

QString describe(const QSqlError &error)
{
    QString text = error.databaseText();
    if (text.isEmpty())
        text = error.driverText();
    if (text.isEmpty())
        text = error.text();
    if (text.isEmpty() && !error.nativeErrorCode().isEmpty())
        text = u"SQLite error %1"_s.arg(error.nativeErrorCode());
    return text;
}

int sqliteCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1;
}

bool exec(const QSqlDatabase &db, const QString &statement, QSqlError *error)
{
    QSqlQuery query(db);
    if (query.exec(statement))
        return true;
    if (error)
        *error = query.lastError();
    return false;
}

std::optional<QVariant> scalar(const QSqlDatabase &db, const QString &statement, QSqlError *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(statement)) {
        if (error)
            *error = query.lastError();
        return std::nullopt;
    }
    if (!query.next()) {
        if (error)
            *error = query.lastError();
        return std::nullopt;
    }
    return query.value(0);
}

Result<> run(QSqlQuery &query)
{
    if (query.exec())
        return {};
    return failure(query.lastError());
}

Error failure(const QSqlError &error)
{
    return Error(describe(error));
}

namespace {

// How many write transactions are open on each connection of this thread (a
// connection is used by one thread only), so that an inner one knows to be a
// savepoint.
int &depthOf(const QSqlDatabase &db)
{
    thread_local QHash<QString, int> depths;
    return depths[db.connectionName()];
}

} // namespace

WriteTransaction::WriteTransaction(const QSqlDatabase &db)
    : m_db(db)
{
    int &depth = depthOf(m_db);
    if (depth > 0)
        m_savepoint = u"nested_%1"_s.arg(depth);
    m_active =
        exec(m_db, isNested() ? u"SAVEPOINT "_s + m_savepoint : u"BEGIN IMMEDIATE"_s, &m_error);
    if (m_active)
        ++depth;
}

WriteTransaction::~WriteTransaction()
{
    if (m_active)
        rollback();
}

void WriteTransaction::rollback()
{
    if (isNested()) {
        exec(m_db, u"ROLLBACK TO "_s + m_savepoint);
        exec(m_db, u"RELEASE "_s + m_savepoint);
    } else {
        exec(m_db, u"ROLLBACK"_s);
    }
    m_active = false;
    --depthOf(m_db);
}

bool WriteTransaction::commit()
{
    if (!m_active)
        return false;
    if (!exec(m_db, isNested() ? u"RELEASE "_s + m_savepoint : u"COMMIT"_s, &m_error)) {
        // A failed COMMIT leaves the transaction open: roll it back explicitly.
        rollback();
        return false;
    }
    m_active = false;
    --depthOf(m_db);
    return true;
}

} // namespace detour::sql
