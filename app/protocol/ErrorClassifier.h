// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Diagnosis.h"
#include "EndpointKind.h"
#include "HttpHeaders.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QString>
#include <nlohmann/json_fwd.hpp>

namespace detour {

// Classifies failures. Pure functions of their inputs (the clock is passed in).
class ErrorClassifier final {
public:
    // An HTTP error response (or a 200 whose body carries `error`).
    static Diagnosis classify(int httpStatus, const HttpHeaders &headers, QByteArrayView body,
        EndpointKind kind, const QDateTime &now = QDateTime::currentDateTimeUtc());
    // An `error` object that arrived inside a stream (mid-stream error chunk).
    // `provider` is the chunk's own `provider` field, used when the error names none.
    static Diagnosis classifyStreamError(
        const nlohmann::json &error, EndpointKind kind, const QString &provider = {});
    // Without --kind, `--explain` guesses from the body: OpenRouter's
    // metadata / numeric codes / user_id versus OpenAI's `type` + string code.
    static EndpointKind inferKind(QByteArrayView body);

    enum class TimeoutPhase { Connect, FirstToken, Idle, Total };
    static Diagnosis timeout(TimeoutPhase phase, qint64 afterMs, EndpointKind kind);
    static Diagnosis network(const QString &detail, EndpointKind kind);
    // The secure connection failed before anything was sent: the server's certificate
    // was not trusted (`untrustedCertificate`, `detail` lists why) or TLS could not be agreed.
    static Diagnosis insecureConnection(
        const QString &detail, bool untrustedCertificate, EndpointKind kind);
    // The endpoint's "ca_file" could not be used (`detail` names the file and why),
    // so nothing was sent.
    static Diagnosis authorityFileUnusable(const QString &detail);
    // The computer has no network (the reachability signal says so): nothing was
    // sent, and nothing about the endpoint can be concluded.
    static Diagnosis offline(EndpointKind kind);
    // The proxy between Detour and the endpoint refused: it could not be reached,
    // closed the connection, or asks for credentials (407, `needsCredentials`).
    // `proxy` is "host:port" (empty when unknown). Never the endpoint's fault.
    static Diagnosis proxyRefused(
        const QString &proxy, const QString &detail, bool needsCredentials, EndpointKind kind);
    // A stream that ended without [DONE] / finish_reason, or with bytes that are not a chunk.
    static Diagnosis malformed(const QString &detail, EndpointKind kind);
    static Diagnosis cancelled();
};

} // namespace detour
