// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "FuzzCheck.h"
#include "FuzzTargets.h"
#include "protocol/ErrorBody.h"
#include "protocol/ErrorClassifier.h"
#include "protocol/JsonUtil.h"
#include "protocol/RawHttpResponse.h"

#include <QSet>
#include <cmath>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace detour::fuzz {
namespace {

using Json = nlohmann::json;

// For input that is not a saved response: its first byte picks the status.
constexpr std::array statuses { 0, 200, 301, 400, 401, 402, 403, 404, 408, 413, 422, 429, 500, 502,
    503, 504, 520, 599, 418, 204 };

bool hasLineBreaks(const QString &text)
{
    return text.contains(u'\n') || text.contains(u'\r');
}

void checkBody(const ErrorBody &error, QByteArrayView body)
{
    const bool empty = body.trimmed().isEmpty();
    FUZZ_CHECK((error.format == ErrorBody::Format::Empty) == empty,
        u"format Empty for a body that is not, or the other way round"_s);
    if (error.format == ErrorBody::Format::PlainText)
        FUZZ_CHECK(error.message.size() <= 4096, u"a plain-text message is not cut"_s);
    if (error.retryAfterS)
        FUZZ_CHECK(std::isfinite(*error.retryAfterS) && *error.retryAfterS >= 0,
            u"availability.retry_after %1"_s.arg(*error.retryAfterS));
    for (const ServerAttempt &attempt : error.previousErrors) {
        FUZZ_CHECK(attempt.status >= 0 && attempt.status < 1000, u"a previous error's status"_s);
        if (attempt.latencyMs)
            FUZZ_CHECK(*attempt.latencyMs >= 0, u"a negative latency"_s);
    }

    // An `error` object reads the same in a whole body and as a mid-stream error.
    if (error.format != ErrorBody::Format::Json)
        return;
    const std::optional<Json> parsed = parseBodyJson(body.trimmed());
    FUZZ_CHECK(parsed.has_value(), u"format Json for a body that does not parse"_s);
    if (!parsed->is_object())
        return;
    const auto member = parsed->find("error");
    if (member == parsed->end() || !member->is_object())
        return;
    const ErrorBody streamed = ErrorBody::fromErrorObject(*member);
    FUZZ_CHECK(streamed.isError && error.isError, u"an error object that is not an error"_s);
    FUZZ_CHECK(streamed.code == error.code && streamed.type == error.type
            && streamed.providerName == error.providerName && streamed.raw == error.raw
            && streamed.rawMessage == error.rawMessage && streamed.modelSlug == error.modelSlug
            && streamed.previousErrors == error.previousErrors
            && (streamed.message.isEmpty() || streamed.message == error.message),
        u"the same error object reads differently in a body and mid-stream"_s);
}

void checkDiagnosis(const Diagnosis &d, int status, const QString &what)
{
    FUZZ_CHECK(!d.summary.isEmpty(), what + u": no summary"_s);
    FUZZ_CHECK(!hasLineBreaks(d.summary), what + u": a line break in the summary: "_s + d.summary);
    FUZZ_CHECK(QSet<Fix>(d.fixes.begin(), d.fixes.end()).size() == d.fixes.size(),
        what + u": a fix suggested twice"_s);
    if (d.retryAfterS) // at most a year: the engine turns it into milliseconds
        FUZZ_CHECK(std::isfinite(*d.retryAfterS) && *d.retryAfterS >= 0
                && *d.retryAfterS <= 366 * 24 * 3600.0,
            what + u": retry after %1 s"_s.arg(*d.retryAfterS));
    if (status >= 400 && status <= 599)
        FUZZ_CHECK(d.outcome != Outcome::Served, what + u": an HTTP error diagnosed as served"_s);

    // `--explain` prints this: it must serialise, and read back.
    std::string text;
    try {
        text = d.toJson().dump(2);
    } catch (const Json::exception &ex) {
        FUZZ_CHECK(
            false, what + u": toJson() does not serialise: "_s + QString::fromUtf8(ex.what()));
    }
    const std::optional<Json> back =
        json::parse(QByteArrayView(text.data(), qsizetype(text.size())));
    FUZZ_CHECK(back && back->is_object(), what + u": toJson() does not read back"_s);
    FUZZ_CHECK(outcomeFromName(json::stringAt(*back, "outcome")) == d.outcome,
        what + u": the outcome name does not read back"_s);
}

} // namespace

void checkErrorDiagnosis(QByteArrayView input)
{
    // A saved response as `--explain` reads it, or else the bytes as a body.
    int status = 0;
    HttpHeaders headers;
    QByteArray body;
    if (const Result<RawHttpResponse> response = RawHttpResponse::parse(input)) {
        status = response->status;
        headers = response->headers;
        body = response->body;
    } else if (!input.isEmpty()) {
        status = statuses[quint8(input.front()) % statuses.size()];
        body = input.sliced(1).toByteArray();
    }

    checkBody(ErrorBody::fromBody(body), body);

    const QDateTime now = QDateTime::fromMSecsSinceEpoch(1'790'000'000'000, Qt::UTC);
    const EndpointKind inferred = ErrorClassifier::inferKind(body);
    for (EndpointKind kind : { EndpointKind::OpenRouter, EndpointKind::OpenAiCompatible }) {
        const QString what = kind == inferred ? u"inferred kind"_s : u"other kind"_s;
        const Diagnosis d = ErrorClassifier::classify(status, headers, body, kind, now);
        FUZZ_CHECK(d.httpStatus == status, what + u": HTTP status not kept"_s);
        checkDiagnosis(d, status, what);
    }
    if (const std::optional<Json> parsed = parseBodyJson(body.trimmed());
        parsed && parsed->is_object() && parsed->contains("error")) {
        const Diagnosis d =
            ErrorClassifier::classifyStreamError(parsed->at("error"), inferred, u"Some Provider"_s);
        checkDiagnosis(d, 0, u"mid-stream"_s);
    }

    // Transport failures quote one line of their detail, whatever its size.
    const QString detail = QString::fromUtf8(body);
    for (const Diagnosis &d :
        { ErrorClassifier::malformed(detail, inferred), ErrorClassifier::network(detail, inferred),
            ErrorClassifier::insecureConnection(detail, true, inferred) }) {
        FUZZ_CHECK(d.summary.size() <= 600 && !hasLineBreaks(d.summary),
            u"a transport summary quotes too much: "_s + d.summary.left(300));
    }
}

} // namespace detour::fuzz
