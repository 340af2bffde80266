// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace detour {

// The SQLite file behind the conversation store, through QtSql (QSQLITE).
//
// open() creates the file (and its folder) when missing and brings its schema
// up to date with forward migrations (`PRAGMA user_version`; each step in its
// own transaction). The connection runs in WAL mode with synchronous=NORMAL,
// foreign keys on and a 5 s busy timeout, so several Detour processes can use
// one file at once: readers never block the writer, writers wait for each other.
//
// A file that is not Detour's database (not SQLite, another application's
// SQLite file, an empty file, or one failing `PRAGMA quick_check`) is moved aside
// to `<name>.broken-<yyyyMMdd-HHmmss>` (with its -wal/-shm/-journal) and a fresh
// database is created; notice() then says so in one sentence. A database written
// by a newer Detour (higher schema version) is refused and left untouched.
// `PRAGMA quick_check` reads the whole file, so it runs at open only while the
// file is small (fullCheckMaxBytes: a few milliseconds); on a year of history
// it would take longer than the whole start-up. A larger file is checked as it
// is read: SQLite reports a damaged page it meets (SQLITE_CORRUPT), and WAL
// with synchronous=NORMAL is not damaged by a crash of the writer.
//
// Each Database has its own connection (unique name); close() or the destructor
// removes it. Objects that run queries on it must be gone by then.
class Database final {
    Q_DECLARE_TR_FUNCTIONS(detour::Database)
    Q_DISABLE_COPY_MOVE(Database)

public:
    // One forward schema step: running `statements` (one SQL statement each)
    // in a transaction takes the schema from `version - 1` to `version`.
    struct Migration {
        int version = 0;
        QString description;
        QStringList statements;
    };

    struct Options {
        int targetVersion = -1; // migrate up to this version; -1: the latest (tests use others)
        QList<Migration> migrations; // empty: Database::migrations()
    };

    static constexpr qint32 applicationId = 0x44747572; // "Dtur", in the SQLite header
    static constexpr int busyTimeoutMs = 5000;
    static constexpr qint64 fullCheckMaxBytes = 4 * 1024 * 1024; // see above

    Database();
    ~Database();

    // <AppDataLocation>/detour.sqlite3, e.g. ~/.local/share/Detour/detour/detour.sqlite3
    static QString defaultPath();
    // The schema's history, oldest first (see Schema.cpp).
    static const QList<Migration> &migrations();
    static int latestVersion();

    // The reason when the file cannot be used; nothing was lost then.
    Result<> open(const QString &path);
    Result<> open(const QString &path, const Options &options);
    void close();

    bool isOpen() const { return !m_connectionName.isEmpty(); }
    QSqlDatabase connection() const;
    QString connectionName() const { return m_connectionName; }
    QString path() const { return m_path; }
    int schemaVersion() const { return m_schemaVersion; }
    // One sentence when open() had to move a broken file aside; empty otherwise.
    QString notice() const { return m_notice; }
    QString movedAsidePath() const { return m_movedAsidePath; }

private:
    // What a file found at the path is; one that must be left alone is an error instead.
    enum class Verdict { Usable, Fresh, Broken };
    struct Inspection {
        Verdict verdict = Verdict::Fresh;
        QString reason; // why it is Broken
    };

    Result<> openLocked(const QString &path, const Options &options);
    Result<> openConnection(bool readOnly);
    Result<Inspection> inspect(int latest);
    Result<Inspection> inspectReadOnly(int latest);
    Result<> moveAside(const QString &reason);
    Result<> configure();
    Result<> migrate(const QList<Migration> &steps, int target);
    bool isCorruption(const QSqlError &error) const;

    QString m_path;
    QString m_connectionName;
    int m_schemaVersion = 0;
    QString m_notice;
    QString m_movedAsidePath;
};

} // namespace detour
