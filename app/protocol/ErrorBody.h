// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "HttpHeaders.h"
#include "ServerAttempt.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <nlohmann/json_fwd.hpp>
#include <optional>

namespace detour {

// Everything an error body can tell, whatever its dialect: OpenRouter's
// `{error:{code,message,metadata{provider_name,raw,...}}}`, OpenAI's
// `{error:{message,type,code}}`, Ollama's `{error:"..."}`, FastAPI's
// `{detail:...}`, a top-level `{message:...}`, plain text or a proxy's HTML page.
// Never throws; whatever the bytes, the result describes them.
struct ErrorBody {
    enum class Format { Empty, Json, PlainText, Html };
    Format format = Format::Empty;
    bool isError = false; // JSON that has the shape of an error (not, say, a chat completion)
    QString code; // number or string in the body, as text
    QString message;
    QString type; // OpenAI-style `type`
    QString providerName; // metadata.provider_name
    QString raw; // metadata.raw as text (may itself be JSON)
    QString rawMessage; // the message inside `raw` when raw is nested JSON
    QString limitSource; // metadata.limit_source
    QString remedyHint; // metadata.remedy_hint
    QString errorType; // metadata.error_type
    QString providerCode; // metadata.provider_code
    QString modelSlug; // metadata.model_slug
    QStringList moderationReasons; // metadata.reasons
    QString flaggedInput; // metadata.flagged_input
    QList<ServerAttempt> previousErrors; // metadata.previous_errors (Source::ErrorMetadata)
    QString availabilityCode; // error.availability.code
    std::optional<bool> retryable; // error.availability.retryable
    std::optional<double> retryAfterS; // error.availability.retry_after
    QStringList requestedModels; // error.availability.requested_models
    QStringList affectedProviders; // error.availability.affected_providers
    HttpHeaders headers; // metadata.headers (OpenRouter repeats rate-limit headers there)
    // A gateway's relay: the upstream it names beside the error (Portkey's top-level
    // "provider": "openrouter"), and the provider named inside an error it carried as
    // JSON text ("Invalid response received from openrouter: {…provider_name: Chutes…}").
    QString envelopeProvider;
    QString embeddedProvider;
    QString htmlTitle; // <title> of an HTML page
    // An HTTP error status the body states beside its code ("status_code": 400,
    // "status": 429), for errors that arrive inside a 200 or a stream.
    std::optional<int> statedStatus;

    // Reads a whole response body (any content type).
    static ErrorBody fromBody(QByteArrayView body);
    // Reads an already-parsed `error` object (a mid-stream error chunk).
    static ErrorBody fromErrorObject(const nlohmann::json &error);
};

// Parses a response body as JSON when it plausibly is one: bodies over 4 MiB or
// nested deeper than 128 levels are refused up front, so a hostile body cannot
// exhaust memory. Never throws.
std::optional<nlohmann::json> parseBodyJson(QByteArrayView body);

} // namespace detour
