// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Shared by the suites that use the store: a store on a fresh database in a
// temporary directory, complete attempts to round-trip, field-by-field
// comparison, and a second (raw) connection to look at a database from outside.
#include "route/Attempt.h"
#include "store/ConversationStore.h"
#include "store/Database.h"
#include "store/StoreTypes.h"

#include <QAtomicInteger>
#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QVariant>
#include <memory>

namespace storetest {

using namespace Qt::StringLiterals;

inline QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

// A ConversationStore on a new database, "detour.sqlite3" in a temporary
// directory that goes with it. Made in a suite's init(), dropped in cleanup():
//
//     m_temp = std::make_unique<storetest::TempStore>();
//     QVERIFY2(m_temp->opened(), qPrintable(m_temp->opened().error()));
class TempStore final {
public:
    TempStore()
        : m_opened(m_database.open(path()))
    {
        if (m_opened)
            m_store = std::make_unique<detour::ConversationStore>(m_database);
    }
    TempStore(const TempStore &) = delete;
    TempStore &operator=(const TempStore &) = delete;

    // Whether the database opened; the store exists only then.
    const detour::Result<> &opened() const { return m_opened; }
    QString path() const { return m_dir.filePath(u"detour.sqlite3"_s); }
    detour::Database &database() { return m_database; }
    detour::ConversationStore *store() const { return m_store.get(); }

private:
    QTemporaryDir m_dir; // first made, last removed
    detour::Database m_database;
    detour::Result<> m_opened;
    std::unique_ptr<detour::ConversationStore> m_store;
};

// A QSQLITE connection of its own, for looking at a database the way another
// process would. Never opens a file that does not exist (that would create it).
class RawConnection final {
public:
    explicit RawConnection(const QString &path)
    {
        static QAtomicInteger<int> counter;
        m_name = u"raw-%1"_s.arg(counter.fetchAndAddRelaxed(1));
        if (!QFile::exists(path))
            return;
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery(db).exec(u"PRAGMA busy_timeout = 5000"_s);
            m_open = true;
        }
    }
    ~RawConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    RawConnection(const RawConnection &) = delete;
    RawConnection &operator=(const RawConnection &) = delete;

    bool isOpen() const { return m_open; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

    // The first column of every row; empty on error.
    QVariantList column(const QString &statement) const
    {
        QVariantList values;
        if (!m_open)
            return values;
        QSqlQuery query(db());
        if (!query.exec(statement))
            return values;
        while (query.next())
            values << query.value(0);
        return values;
    }
    QVariant value(const QString &statement) const { return column(statement).value(0); }
    bool exec(const QString &statement) const
    {
        QSqlQuery query(db());
        const bool ok = query.exec(statement);
        if (!ok)
            qWarning("%s: %s", qPrintable(statement), qPrintable(query.lastError().text()));
        return ok;
    }

private:
    QString m_name;
    bool m_open = false;
};

inline QList<detour::Outcome> allOutcomes()
{
    using detour::Outcome;
    return { Outcome::Served, Outcome::RateLimitedUpstream, Outcome::RateLimitedKey,
        Outcome::NoCredits, Outcome::Auth, Outcome::Moderation, Outcome::NotFound,
        Outcome::ContextLength, Outcome::BadRequest, Outcome::Timeout, Outcome::ServerError,
        Outcome::Unavailable, Outcome::Network, Outcome::Cancelled, Outcome::Skipped };
}

// An attempt with every field set to something other than its default.
inline detour::Attempt fullAttempt(detour::Outcome outcome, int index = 1)
{
    using namespace detour;
    Attempt a;
    a.index = index;
    a.stepIndex = index + 2;
    a.endpointId = u"or-main"_s;
    a.endpointKind = EndpointKind::OpenAiCompatible;
    a.requestedModel = u"moonshotai/kimi-k2:free"_s;
    a.servedModel = u"moonshotai/kimi-k2"_s;
    a.provider = u"Chutes"_s;
    a.generationId = u"gen-1760000000-AbCdEf"_s;
    a.httpStatus = outcome == Outcome::Served ? 200 : 429;
    a.outcome = outcome;
    a.party = Party::Provider;
    a.summary =
        u"Chutes is rate-limiting OpenRouter's shared capacity, \"quoted\", with a comma."_s;
    a.fixes = { Fix::Wait, Fix::Byok, Fix::PaidVariant };
    a.retryAfterS = 0.1; // not exactly representable: must survive as the same double
    a.errorCode = u"429"_s;
    a.message = u"Provider returned error"_s;
    a.raw =
        u"moonshotai/kimi-k2:free is temporarily rate-limited upstream. Please retry shortly."_s;
    a.body = QByteArray("{\"error\":{\"code\":429}}\n") + QByteArray("\xff\xfe")
        + QByteArray(" binary tail");
    a.headers = { { "Content-Type", "application/json" }, { "Retry-After", "7" },
        { "X-Odd", QByteArray("\xc3\x28", 2) } };
    a.waitBeforeMs = 750;
    a.coolingUntil = QDateTime::fromMSecsSinceEpoch(1'760'000'123'456, Qt::UTC);
    a.interrupted = true;
    a.finishReason = u"error"_s;
    a.timings = { 5, 120, 340, 1999, 2001 };
    a.usage = Usage { 120, 212, 332, 17, 0.000301, true };
    a.startedAt = QDateTime::fromMSecsSinceEpoch(1'767'225'600'123, Qt::UTC);
    a.serverAttempts = {
        { u"Cerebras"_s, u"moonshotai/kimi-k2"_s, 429, u"rate_limit_exceeded"_s, 120, false,
            { ServerAttempt::Source::RouterMetadata } },
        { u"Groq"_s, QString(), 200, QString(), std::nullopt, std::nullopt,
            { ServerAttempt::Source::ErrorMetadata } },
    };
    return a;
}

// Compares every field; on a difference the calling test has failed (check
// QTest::currentTestFailed()).
inline void compareAttempts(const detour::Attempt &actual, const detour::Attempt &expected)
{
    QCOMPARE(actual.index, expected.index);
    QCOMPARE(actual.stepIndex, expected.stepIndex);
    QCOMPARE(actual.endpointId, expected.endpointId);
    QCOMPARE(actual.endpointKind, expected.endpointKind);
    QCOMPARE(actual.requestedModel, expected.requestedModel);
    QCOMPARE(actual.servedModel, expected.servedModel);
    QCOMPARE(actual.provider, expected.provider);
    QCOMPARE(actual.generationId, expected.generationId);
    QCOMPARE(actual.httpStatus, expected.httpStatus);
    QCOMPARE(actual.outcome, expected.outcome);
    QCOMPARE(actual.party, expected.party);
    QCOMPARE(actual.summary, expected.summary);
    QCOMPARE(actual.fixes, expected.fixes);
    QCOMPARE(actual.retryAfterS.has_value(), expected.retryAfterS.has_value());
    if (expected.retryAfterS)
        QCOMPARE(*actual.retryAfterS, *expected.retryAfterS);
    QCOMPARE(actual.errorCode, expected.errorCode);
    QCOMPARE(actual.message, expected.message);
    QCOMPARE(actual.raw, expected.raw);
    QCOMPARE(actual.body, expected.body.left(detour::Attempt::maxStoredBody));
    QCOMPARE(actual.headers, detour::redactedHeaders(expected.headers));
    QCOMPARE(actual.waitBeforeMs, expected.waitBeforeMs);
    QCOMPARE(actual.coolingUntil, expected.coolingUntil);
    QCOMPARE(actual.interrupted, expected.interrupted);
    QCOMPARE(actual.finishReason, expected.finishReason);
    QCOMPARE(actual.timings.sentMs, expected.timings.sentMs);
    QCOMPARE(actual.timings.headersMs, expected.timings.headersMs);
    QCOMPARE(actual.timings.firstTokenMs, expected.timings.firstTokenMs);
    QCOMPARE(actual.timings.lastTokenMs, expected.timings.lastTokenMs);
    QCOMPARE(actual.timings.finishedMs, expected.timings.finishedMs);
    QCOMPARE(actual.usage.has_value(), expected.usage.has_value());
    if (expected.usage)
        QCOMPARE(*actual.usage, *expected.usage);
    QCOMPARE(actual.startedAt, expected.startedAt);
    QCOMPARE(actual.serverAttempts.size(), expected.serverAttempts.size());
    for (qsizetype i = 0; i < expected.serverAttempts.size(); ++i)
        QVERIFY2(actual.serverAttempts[i] == expected.serverAttempts[i],
            qPrintable(u"server attempt %1"_s.arg(i)));
}

inline void compareTurns(const detour::StoredTurn &actual, const detour::StoredTurn &expected)
{
    QCOMPARE(actual.status, expected.status);
    QCOMPARE(actual.summary, expected.summary);
    QCOMPARE(actual.durationMs, expected.durationMs);
    QCOMPARE(actual.startedAt, expected.startedAt);
    QCOMPARE(actual.servedAttempt, expected.servedAttempt);
    QCOMPARE(actual.attempts.size(), expected.attempts.size());
    for (qsizetype i = 0; i < expected.attempts.size(); ++i) {
        compareAttempts(actual.attempts[i], expected.attempts[i]);
        if (QTest::currentTestFailed())
            return;
    }
}

} // namespace storetest
