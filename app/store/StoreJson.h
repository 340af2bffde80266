// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "StoreTypes.h"
#include "protocol/Result.h"

#include <QByteArray>
#include <nlohmann/json_fwd.hpp>
#include <optional>

// Lossless JSON forms of the engine's values, for the store's JSON columns and
// the conversation export (see ConversationExporter.h for the document shape).
namespace detour::storejson {

// Bytes: a string when they are valid UTF-8, else {"base64": "..."}.
nlohmann::json bytes(const QByteArray &data);
std::optional<QByteArray> bytesFrom(const nlohmann::json &value);

// [[name, value], ...] in order; names and values as bytes() above.
nlohmann::json headers(const HttpHeaders &headers);
std::optional<HttpHeaders> headersFrom(const nlohmann::json &value);

nlohmann::json fixes(const QList<Fix> &fixes);
std::optional<QList<Fix>> fixesFrom(const nlohmann::json &value);

nlohmann::json serverAttempt(const ServerAttempt &attempt);
Result<ServerAttempt> serverAttemptFrom(const nlohmann::json &value);

// Every field of an Attempt; attemptFrom(attempt(a)) == a, field by field.
nlohmann::json attempt(const Attempt &attempt);
Result<Attempt> attemptFrom(const nlohmann::json &value);

// "2025-01-31T12:00:00.123Z", or null for an invalid time.
nlohmann::json time(const QDateTime &moment);
std::optional<QDateTime> timeFrom(const nlohmann::json &value); // null -> invalid QDateTime

// Reads fields of a JSON object leniently about absence (defaults) and strictly
// about types: the first wrong type is remembered in error().
class Reader final {
public:
    QString str(const nlohmann::json &object, const char *key);
    qint64 integer(const nlohmann::json &object, const char *key, qint64 fallback = 0);
    std::optional<qint64> optionalInteger(const nlohmann::json &object, const char *key);
    std::optional<double> optionalNumber(const nlohmann::json &object, const char *key);
    bool boolean(const nlohmann::json &object, const char *key, bool fallback = false);
    std::optional<bool> optionalBoolean(const nlohmann::json &object, const char *key);
    // The member, or null when absent.
    const nlohmann::json &member(const nlohmann::json &object, const char *key);

    void fail(const QString &message);
    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }

private:
    QString m_error;
};

// Serialises without throwing (invalid text is replaced, never an exception).
QByteArray dump(const nlohmann::json &value, int indent = -1);

} // namespace detour::storejson
