// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Database.h"

#include "SqlUtil.h"
#include "StoreLog.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

constexpr QByteArrayView sqliteMagic { "SQLite format 3\0", 16 };
constexpr int startupLockWaitMs = 30'000;
const char *const companionSuffixes[] = { "-wal", "-shm", "-journal" };

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return u"detour-store-%1"_s.arg(counter.fetchAndAddRelaxed(1) + 1);
}

} // namespace

Database::Database() = default;

Database::~Database()
{
    close();
}

QString Database::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/detour.sqlite3"_s;
}

QSqlDatabase Database::connection() const
{
    return m_connectionName.isEmpty() ? QSqlDatabase()
                                      : QSqlDatabase::database(m_connectionName, false);
}

Result<> Database::open(const QString &path)
{
    return open(path, Options());
}

Result<> Database::open(const QString &path, const Options &options)
{
    close();
    m_path = QFileInfo(path).absoluteFilePath();
    m_notice.clear();
    m_movedAsidePath.clear();
    m_schemaVersion = 0;

    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath())) {
        return Error(tr("Cannot create the folder %1 for the conversation database.")
                         .arg(QDir::toNativeSeparators(info.absolutePath())));
    }
    // Start-up (inspecting, moving aside, creating, migrating) is one process at
    // a time: a second Detour must not take a file being created for empty.
    QLockFile startup(m_path + u".lock"_s);
    startup.setStaleLockTime(0); // stale only when its process is gone
    if (!startup.tryLock(startupLockWaitMs)) {
        return Error(startup.error() == QLockFile::LockFailedError
                ? tr("Another Detour has been opening %1 for %2 s; try again when it is done.")
                      .arg(QDir::toNativeSeparators(m_path))
                      .arg(startupLockWaitMs / 1000)
                : tr("Cannot create the lock file %1 next to the conversation database (the folder "
                     "is not writable).")
                      .arg(QDir::toNativeSeparators(startup.fileName())));
    }
    if (const Result<> opened = openLocked(m_path, options); !opened) {
        qCWarning(lcStore).noquote() << opened.error();
        close();
        return opened;
    }
    if (!m_notice.isEmpty())
        qCWarning(lcStore).noquote() << m_notice;
    return {};
}

Result<> Database::openLocked(const QString &path, const Options &options)
{
    const QList<Migration> &steps =
        options.migrations.isEmpty() ? migrations() : options.migrations;
    const int latest = steps.isEmpty() ? 0 : steps.constLast().version;
    const int target = options.targetVersion < 0 ? latest : std::min(options.targetVersion, latest);

    const Result<Inspection> inspection = inspect(latest);
    if (!inspection)
        return Error(inspection.error());
    if (inspection->verdict == Verdict::Broken) {
        if (Result<> moved = moveAside(inspection->reason); !moved)
            return moved;
    }
    if (Result<> connected = openConnection(false); !connected)
        return connected;
    if (Result<> configured = configure(); !configured)
        return configured;
    const std::optional<QVariant> version = sql::scalar(connection(), u"PRAGMA user_version"_s);
    if (!version)
        return Error(
            tr("Cannot read the schema version of %1.").arg(QDir::toNativeSeparators(path)));
    m_schemaVersion = version->toInt();
    if (m_schemaVersion > latest) { // only when a newer Detour created it meanwhile
        return Error(
            tr("%1 was written by a newer version of Detour (schema %2; this version knows up "
               "to %3), so it was left untouched.")
                .arg(QDir::toNativeSeparators(path))
                .arg(m_schemaVersion)
                .arg(latest));
    }
    return migrate(steps, target);
}

Result<> Database::openConnection(bool readOnly)
{
    m_connectionName = nextConnectionName();
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    db.setDatabaseName(m_path);
    if (readOnly)
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
    if (!db.open()) {
        return Error(tr("Cannot open %1: %2")
                         .arg(QDir::toNativeSeparators(m_path), sql::describe(db.lastError())));
    }
    // Before anything reads: wait for other processes' locks instead of failing.
    QSqlError error;
    if (!sql::exec(db, u"PRAGMA busy_timeout = %1"_s.arg(busyTimeoutMs), &error)) {
        return Error(
            tr("Cannot use %1: %2").arg(QDir::toNativeSeparators(m_path), sql::describe(error)));
    }
    return {};
}

bool Database::isCorruption(const QSqlError &error) const
{
    const int code = sql::sqliteCode(error);
    return code == 11 /* SQLITE_CORRUPT */ || code == 26 /* SQLITE_NOTADB */;
}

// Decides what the file at m_path is without writing to it (a read-only
// connection: not even a WAL checkpoint), and closes that connection again.
Result<Database::Inspection> Database::inspect(int latest)
{
    Result<Inspection> inspection = inspectReadOnly(latest);
    close();
    return inspection;
}

Result<Database::Inspection> Database::inspectReadOnly(int latest)
{
    const auto broken = [](const QString &reason) {
        return Inspection { Verdict::Broken, reason };
    };
    const QFileInfo info(m_path);
    if (!info.exists())
        return Inspection { Verdict::Fresh, {} };
    if (info.size() == 0)
        return broken(tr("it is empty"));
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error(
            tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(m_path), file.errorString()));
    }
    if (file.read(sqliteMagic.size()) != sqliteMagic)
        return broken(tr("it is not an SQLite database"));
    file.close();

    if (const Result<> connected = openConnection(true); !connected)
        return Error(connected.error());
    const QSqlDatabase db = connection();
    const auto unreadable = [&](const QSqlError &error) -> Result<Inspection> {
        if (isCorruption(error))
            return broken(tr("it is damaged: %1").arg(sql::describe(error)));
        return Error(
            tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(m_path), sql::describe(error)));
    };

    QSqlError error;
    const std::optional<QVariant> appId = sql::scalar(db, u"PRAGMA application_id"_s, &error);
    if (!appId)
        return unreadable(error);
    const std::optional<QVariant> version = sql::scalar(db, u"PRAGMA user_version"_s, &error);
    if (!version)
        return unreadable(error);
    const std::optional<QVariant> objects =
        sql::scalar(db, u"SELECT count(*) FROM sqlite_master"_s, &error);
    if (!objects)
        return unreadable(error);

    if (appId->toInt() != applicationId) {
        // An SQLite file with nothing in it is as good as a new one.
        if (appId->toInt() == 0 && version->toInt() == 0 && objects->toInt() == 0)
            return Inspection { Verdict::Fresh, {} };
        return broken(tr("it belongs to another application"));
    }
    if (version->toInt() > latest) {
        return Error(
            tr("%1 was written by a newer version of Detour (schema %2; this version knows up "
               "to %3), so it was left untouched.")
                .arg(QDir::toNativeSeparators(m_path))
                .arg(version->toInt())
                .arg(latest));
    }

    if (info.size() > fullCheckMaxBytes)
        return Inspection { Verdict::Usable, {} };
    QSqlQuery check(db);
    check.setForwardOnly(true);
    if (!check.exec(u"PRAGMA quick_check"_s))
        return unreadable(check.lastError());
    QStringList problems;
    while (check.next())
        problems << check.value(0).toString();
    if (check.lastError().isValid())
        return unreadable(check.lastError());
    if (problems != QStringList { u"ok"_s })
        return broken(
            tr("it is damaged: %1").arg(problems.value(0, tr("the integrity check failed"))));
    return Inspection { Verdict::Usable, {} };
}

Result<> Database::moveAside(const QString &reason)
{
    close();
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    QString target = m_path + u".broken-"_s + stamp;
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = m_path + u".broken-"_s + stamp + u'-' + QString::number(n);

    QFile file(m_path);
    if (!file.rename(target)) {
        return Error(
            tr("%1 cannot be used (%2) and could not be moved aside to %3 (%4), so it was left "
               "as it is.")
                .arg(QDir::toNativeSeparators(m_path), reason, QDir::toNativeSeparators(target),
                    file.errorString()));
    }
    // Its journal or WAL goes with it: left behind, SQLite would replay it into the new file.
    for (const char *suffix : companionSuffixes) {
        QFile companion(m_path + QLatin1StringView(suffix));
        if (companion.exists() && !companion.rename(target + QLatin1StringView(suffix))) {
            return Error(
                tr("%1 cannot be used (%2); it was moved to %3, but %4 could not be moved "
                   "with it (%5), so no new database was created.")
                    .arg(QDir::toNativeSeparators(m_path), reason, QDir::toNativeSeparators(target),
                        QDir::toNativeSeparators(companion.fileName()), companion.errorString()));
        }
    }
    m_movedAsidePath = target;
    m_notice = tr("The conversation database %1 could not be used (%2), so it was moved to %3 and "
                  "a new, empty one was created.")
                   .arg(QDir::toNativeSeparators(m_path), reason, QDir::toNativeSeparators(target));
    return {};
}

Result<> Database::configure()
{
    const QSqlDatabase db = connection();
    QSqlError error;
    const auto fail = [&](const QString &what) {
        return Error(tr("Cannot set up %1 (%2): %3")
                         .arg(QDir::toNativeSeparators(m_path), what, sql::describe(error)));
    };
    if (!sql::exec(db, u"PRAGMA foreign_keys = ON"_s, &error))
        return fail(u"foreign_keys"_s);
    const std::optional<QVariant> mode = sql::scalar(db, u"PRAGMA journal_mode = WAL"_s, &error);
    if (!mode)
        return fail(u"journal_mode"_s);
    if (mode->toString().compare(u"wal"_s, Qt::CaseInsensitive) != 0) {
        return Error(
            tr("Cannot use %1: SQLite refused write-ahead logging there (journal mode %2); "
               "it needs a local file system.")
                .arg(QDir::toNativeSeparators(m_path), mode->toString()));
    }
    if (!sql::exec(db, u"PRAGMA synchronous = NORMAL"_s, &error))
        return fail(u"synchronous"_s);
    return {};
}

Result<> Database::migrate(const QList<Migration> &steps, int target)
{
    const QSqlDatabase db = connection();
    for (qsizetype i = 0; i < steps.size(); ++i) {
        if (steps[i].version != int(i) + 1) {
            return Error(tr("Internal error: schema step %1 is numbered %2.")
                             .arg(i + 1)
                             .arg(steps[i].version));
        }
    }
    for (const Migration &step : steps) {
        if (step.version <= m_schemaVersion || step.version > target)
            continue;
        QSqlError error;
        QString failed;
        sql::WriteTransaction transaction(db);
        if (!transaction.isActive()) {
            error = transaction.error();
            failed = u"BEGIN IMMEDIATE"_s;
        } else if (const auto current = sql::scalar(db, u"PRAGMA user_version"_s, &error)) {
            // Under the write lock: had another process run this step meanwhile, skip it.
            if (current->toInt() >= step.version) {
                m_schemaVersion = current->toInt();
                continue;
            }
        } else {
            failed = u"PRAGMA user_version"_s;
        }
        for (const QString &statement : step.statements) {
            if (!failed.isEmpty())
                break;
            if (!sql::exec(db, statement, &error))
                failed = statement;
        }
        if (failed.isEmpty() && m_schemaVersion == 0
            && !sql::exec(db, u"PRAGMA application_id = %1"_s.arg(applicationId), &error))
            failed = u"PRAGMA application_id"_s;
        if (failed.isEmpty()
            && !sql::exec(db, u"PRAGMA user_version = %1"_s.arg(step.version), &error))
            failed = u"PRAGMA user_version"_s;
        if (failed.isEmpty() && !transaction.commit()) {
            error = transaction.error();
            failed = u"COMMIT"_s;
        }
        if (!failed.isEmpty()) {
            QString detail = sql::describe(error);
            if (detail.contains(u"no such module"_s) || detail.contains(u"no such tokenizer"_s))
                detail = tr("this SQLite library lacks full-text search (FTS5 with the trigram "
                            "tokenizer, SQLite 3.34 or later): %1")
                             .arg(detail);
            return Error(
                tr("Updating the conversation database %1 to schema version %2 (%3) failed, "
                   "so it was left at version %4: %5")
                    .arg(QDir::toNativeSeparators(m_path))
                    .arg(step.version)
                    .arg(step.description)
                    .arg(m_schemaVersion)
                    .arg(detail));
        }
        m_schemaVersion = step.version;
    }
    return {};
}

void Database::close()
{
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

} // namespace detour
