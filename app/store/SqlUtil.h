#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <optional>

// Small helpers shared by Database and ConversationStore (not part of the store's API).
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

// A write transaction taken at once (BEGIN IMMEDIATE), so that two processes
// wait for each other in the busy handler instead of failing on lock upgrade.
// Rolled back on destruction unless committed.
class WriteTransaction final {
public:
    explicit WriteTransaction(const QSqlDatabase &db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    bool isActive() const { return m_active; }
    bool commit();
    const QSqlError &error() const { return m_error; }

private:
    QSqlDatabase m_db;
    bool m_active = false;
    QSqlError m_error;
};

} // namespace detour::sql
