// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <optional>

// Small helpers shared by the store's classes (not part of the store's API).
namespace detour::sql {

// The driver's text, or its SQLite code when there is none.
QString describe(const QSqlError &error);
// The primary SQLite result code (SQLITE_CORRUPT = 11, SQLITE_NOTADB = 26, ...); -1 when unknown.
int sqliteCode(const QSqlError &error);

// Runs one statement; on failure `*error` (when given) receives the reason.
bool exec(const QSqlDatabase &db, const QString &statement, QSqlError *error = nullptr);
// The first column of the first row, or nullopt (with `*error`) when there is none.
std::optional<QVariant> scalar(
    const QSqlDatabase &db, const QString &statement, QSqlError *error = nullptr);

// Times are stored as milliseconds since the epoch (UTC); NULL for "never".
inline QVariant time(const QDateTime &moment)
{
    return moment.isValid() ? QVariant(moment.toMSecsSinceEpoch()) : QVariant();
}
inline QDateTime timeFrom(const QVariant &value)
{
    return value.isNull() ? QDateTime()
                          : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

// NOT NULL text columns: a null QString would bind as NULL.
inline QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}
// A row id, or NULL for 0 ("none").
inline QVariant id(qint64 value)
{
    return value > 0 ? QVariant(value) : QVariant();
}
template<typename T> QVariant optional(const std::optional<T> &value)
{
    return value ? QVariant::fromValue(*value) : QVariant();
}
inline QVariant optional(const std::optional<bool> &value)
{
    return value ? QVariant(int(*value)) : QVariant();
}
inline std::optional<bool> boolFrom(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<bool>(value.toLongLong() != 0);
}
inline std::optional<qint64> integerFrom(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}
inline std::optional<double> realFrom(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<double>(value.toDouble());
}

// Runs a prepared query; on failure, the reason as an Error.
Result<> run(QSqlQuery &query);
// The reason a transaction could not begin or commit.
Error failure(const QSqlError &error);

// A write transaction taken at once (BEGIN IMMEDIATE), so that two processes
// wait for each other in the busy handler instead of failing on lock upgrade.
// Rolled back on destruction unless committed. Nested in another on the same
// connection (a bulk writer wrapping many store calls in one transaction), it is
// a SAVEPOINT: its commit releases it into the outer one, its rollback undoes
// only its own writes, and nothing reaches the file before the outer commit.
class WriteTransaction final {
public:
    explicit WriteTransaction(const QSqlDatabase &db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    bool isActive() const { return m_active; }
    bool commit();
    const QSqlError &error() const { return m_error; }

    bool isNested() const { return !m_savepoint.isEmpty(); }

private:
    void rollback();

    QSqlDatabase m_db;
    bool m_active = false;
    QString m_savepoint; // empty: the outermost, BEGIN IMMEDIATE
    QSqlError m_error;
};

} // namespace detour::sql
