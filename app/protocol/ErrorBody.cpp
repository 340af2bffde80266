// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ErrorBody.h"

#include "JsonUtil.h"
#include "RetryAfter.h"

#include <QRegularExpression>
#include <QUrl>
#include <algorithm>
#include <nlohmann/json.hpp>

namespace detour {
namespace {

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

constexpr qsizetype maxJsonBytes = 4 * 1024 * 1024;
constexpr int maxJsonDepth = 128;
constexpr qsizetype maxTextChars = 4096; // message kept from a plain-text body
constexpr qsizetype htmlScanBytes = 64 * 1024;
constexpr int maxRawNesting = 4; // metadata.raw holding JSON holding raw holding JSON...

// Text of a value that should be a string but is sometimes a number or an object.
QString textOf(const Json &value)
{
    if (value.is_string() || value.is_number())
        return json::scalarText(value);
    if (value.is_object() || value.is_array())
        return json::toQt(value.dump(-1, ' ', false, Json::error_handler_t::replace));
    return {};
}

QString textAt(const Json &object, const char *key)
{
    if (!object.is_object())
        return {};
    const auto it = object.find(key);
    return it == object.end() ? QString() : textOf(*it);
}

const Json *memberAt(const Json &object, const char *key)
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

void readTopLevel(const Json &value, ErrorBody &body, int nesting);

// metadata.raw: plain text, a JSON document in a string, or an inline JSON value.
void readRaw(const Json &raw, ErrorBody &body, int nesting)
{
    std::optional<Json> nested;
    if (raw.is_string()) {
        body.raw = json::toQt(raw.get<std::string>());
        const QByteArray bytes = body.raw.toUtf8().trimmed();
        if (bytes.startsWith('{') || bytes.startsWith('['))
            nested = parseBodyJson(bytes);
    } else if (raw.is_object() || raw.is_array()) {
        body.raw = textOf(raw);
        nested = raw;
    } else {
        body.raw = textOf(raw);
    }
    if (!nested || nesting >= maxRawNesting)
        return;
    ErrorBody inner;
    readTopLevel(*nested, inner, nesting + 1);
    body.rawMessage = !inner.rawMessage.isEmpty() ? inner.rawMessage : inner.message;
    body.embeddedProvider =
        !inner.embeddedProvider.isEmpty() ? inner.embeddedProvider : inner.providerName;
    if (body.modelSlug.isEmpty())
        body.modelSlug = inner.modelSlug;
}

ServerAttempt attemptFrom(const Json &item)
{
    ServerAttempt attempt;
    attempt.sources = { ServerAttempt::Source::ErrorMetadata };
    attempt.provider = json::stringAt(item, "provider");
    if (attempt.provider.isEmpty())
        attempt.provider = json::stringAt(item, "provider_name");
    attempt.model = json::stringAt(item, "model");
    if (const auto status = json::numberAt(item, "status");
        status && *status >= 0 && *status < 1000) {
        attempt.status = int(*status);
    }
    attempt.code = textAt(item, "code");
    auto latency = json::numberAt(item, "latency_ms");
    if (!latency)
        latency = json::numberAt(item, "latency");
    if (latency && *latency >= 0 && *latency < 1e12)
        attempt.latencyMs = qint64(*latency);
    attempt.isByok = json::boolAt(item, "is_byok");
    return attempt;
}

void readMetadata(const Json &metadata, ErrorBody &body, int nesting)
{
    body.providerName = json::stringAt(metadata, "provider_name");
    body.limitSource = json::stringAt(metadata, "limit_source");
    body.remedyHint = json::stringAt(metadata, "remedy_hint");
    body.errorType = json::stringAt(metadata, "error_type");
    body.providerCode = textAt(metadata, "provider_code");
    body.modelSlug = json::stringAt(metadata, "model_slug");
    body.moderationReasons = json::stringListAt(metadata, "reasons");
    body.flaggedInput = json::stringAt(metadata, "flagged_input");
    if (const Json *raw = memberAt(metadata, "raw"))
        readRaw(*raw, body, nesting);
    if (const Json *previous = memberAt(metadata, "previous_errors");
        previous && previous->is_array()) {
        for (const Json &item : *previous) {
            if (item.is_object())
                body.previousErrors.append(attemptFrom(item));
        }
    }
    if (const Json *headers = memberAt(metadata, "headers"); headers && headers->is_object()) {
        for (auto it = headers->begin(); it != headers->end(); ++it) {
            const QString value = json::scalarText(it.value());
            if (!value.isEmpty())
                body.headers.append({ QByteArray::fromStdString(it.key()), value.toUtf8() });
        }
    }
}

void readAvailability(const Json &availability, ErrorBody &body)
{
    body.availabilityCode = textAt(availability, "code");
    body.retryable = json::boolAt(availability, "retryable");
    if (const auto retry = json::numberAt(availability, "retry_after"); retry && *retry >= 0)
        body.retryAfterS = *retry;
    body.requestedModels = json::stringListAt(availability, "requested_models");
    body.affectedProviders = json::stringListAt(availability, "affected_providers");
}

void readStatedStatus(const Json &object, ErrorBody &body)
{
    for (const char *key : { "status_code", "status" }) {
        if (const auto status = json::numberAt(object, key);
            status && *status >= 400 && *status <= 599 && !body.statedStatus) {
            body.statedStatus = int(*status);
        }
    }
}

// An `error` member: OpenRouter's or OpenAI's object, or Ollama's plain string.
void readErrorValue(const Json &error, ErrorBody &body, int nesting)
{
    if (error.is_null())
        return;
    body.isError = true;
    if (!error.is_object()) {
        body.message = textOf(error);
        return;
    }
    body.code = json::scalarText(error.value("code", Json()));
    body.message = textAt(error, "message");
    readStatedStatus(error, body);
    body.type = json::stringAt(error, "type");
    if (const Json *metadata = memberAt(error, "metadata"); metadata && metadata->is_object())
        readMetadata(*metadata, body, nesting);
    if (const Json *availability = memberAt(error, "availability");
        availability && availability->is_object()) {
        readAvailability(*availability, body);
    }
}

// FastAPI's `detail`: a string, or a list of {loc, msg, type}.
QString detailText(const Json &detail)
{
    if (detail.is_string())
        return json::toQt(detail.get<std::string>());
    if (detail.is_array() && !detail.empty()) {
        const Json &first = detail.front();
        QString text = json::stringAt(first, "msg");
        if (text.isEmpty())
            text = textAt(first, "message");
        return text.isEmpty() ? textOf(first) : text;
    }
    if (detail.is_object()) {
        QString text = textAt(detail, "message");
        return text.isEmpty() ? textOf(detail) : text;
    }
    return textOf(detail);
}

void readTopLevel(const Json &value, ErrorBody &body, int nesting)
{
    if (value.is_array()) {
        // Some OpenAI-compatible gateways wrap the error in a one-element array.
        if (!value.empty() && value.front().is_object())
            readTopLevel(value.front(), body, nesting);
        return;
    }
    if (value.is_string()) {
        body.isError = true;
        body.message = json::toQt(value.get<std::string>());
        return;
    }
    if (!value.is_object())
        return;
    // Gateways name the upstream beside the error: Portkey's {"error":{...},"provider":"openai"}.
    if (const Json *provider = memberAt(value, "provider"); provider && provider->is_string()) {
        body.providerName = json::toQt(provider->get<std::string>());
        if (memberAt(value, "error") && nesting == 0)
            body.envelopeProvider = body.providerName;
    }
    if (const Json *error = memberAt(value, "error")) {
        const QString provider = body.providerName;
        readErrorValue(*error, body, nesting);
        readStatedStatus(value, body);
        if (body.providerName.isEmpty())
            body.providerName = provider;
        if (body.message.isEmpty())
            body.message = textAt(value, "message");
        return;
    }
    if (const Json *detail = memberAt(value, "detail")) {
        body.isError = true;
        body.message = detailText(*detail);
        return;
    }
    // vLLM's and Mistral's {"object":"error","message":...}; a chat completion is no error.
    const bool errorObject = json::stringAt(value, "object") == "error"_L1;
    if (const Json *message = memberAt(value, "message");
        message && !value.contains("choices") && (errorObject || !value.contains("object"))) {
        body.isError = true;
        body.message = textOf(*message);
        body.code = json::scalarText(value.value("code", Json()));
        body.type = json::stringAt(value, "type");
    }
}

QString decodeEntities(QString text)
{
    static const std::pair<QLatin1StringView, QLatin1StringView> entities[] = {
        { "&lt;"_L1, "<"_L1 }, { "&gt;"_L1, ">"_L1 }, { "&quot;"_L1, "\""_L1 },
        { "&#39;"_L1, "'"_L1 }, { "&apos;"_L1, "'"_L1 }, { "&nbsp;"_L1, " "_L1 },
        { "&amp;"_L1, "&"_L1 }, // last, so "&amp;lt;" stays "&lt;"
    };
    for (const auto &[entity, replacement] : entities)
        text.replace(entity, replacement, Qt::CaseInsensitive);
    return text;
}

// The text between <tag ...> and </tag>, tags inside removed.
QString elementText(QByteArrayView html, QByteArrayView lowered, QByteArrayView tag)
{
    const QByteArray open = '<' + tag.toByteArray();
    const QByteArray close = "</" + tag.toByteArray();
    qsizetype start = lowered.indexOf(open);
    while (start >= 0) {
        const qsizetype after = start + open.size();
        if (after < lowered.size() && (lowered[after] == '>' || lowered[after] == ' '))
            break;
        start = lowered.indexOf(open, after);
    }
    if (start < 0)
        return {};
    const qsizetype contentStart = lowered.indexOf('>', start);
    if (contentStart < 0)
        return {};
    qsizetype end = lowered.indexOf(close, contentStart);
    if (end < 0)
        end = lowered.size();
    QString text;
    bool inTag = false;
    const QString content =
        QString::fromUtf8(html.sliced(contentStart + 1, end - contentStart - 1));
    for (QChar c : content) {
        if (c == u'<')
            inTag = true;
        else if (c == u'>')
            inTag = false;
        else if (!inTag)
            text.append(c);
    }
    return decodeEntities(text).simplified();
}

bool looksLikeHtml(QByteArrayView lowered)
{
    if (!lowered.startsWith('<'))
        return false;
    for (QByteArrayView marker :
        { QByteArrayView("<!doctype html"), QByteArrayView("<html"), QByteArrayView("<head"),
            QByteArrayView("<title"), QByteArrayView("<body"), QByteArrayView("<h1") }) {
        if (lowered.indexOf(marker) >= 0)
            return true;
    }
    return false;
}

// A message that carries another server's error as JSON text ("Invalid response
// received from openrouter: {...}", a relayed body in a string): the inner
// message and provider, so the words that decide are the upstream's own.
void readEmbeddedError(ErrorBody &body, int nesting)
{
    if (nesting >= maxRawNesting || !body.rawMessage.isEmpty())
        return;
    const qsizetype open = body.message.indexOf(u'{');
    const qsizetype close = body.message.lastIndexOf(u'}');
    if (open < 0 || close <= open)
        return;
    const auto nested = parseBodyJson(body.message.sliced(open, close - open + 1).toUtf8());
    if (!nested || !nested->is_object())
        return;
    ErrorBody inner;
    readTopLevel(*nested, inner, nesting + 1);
    readEmbeddedError(inner, nesting + 1);
    if (!inner.isError && inner.message.isEmpty())
        return;
    body.rawMessage = !inner.rawMessage.isEmpty() ? inner.rawMessage : inner.message;
    body.embeddedProvider =
        !inner.embeddedProvider.isEmpty() ? inner.embeddedProvider : inner.providerName;
    if (body.providerName.isEmpty())
        body.providerName = inner.providerName;
    if (body.code.isEmpty())
        body.code = inner.code;
    if (body.type.isEmpty())
        body.type = inner.type;
}

// Some servers percent-encode their messages ("Incorrect%20API%20key").
void decodePercentEncoding(QString &text)
{
    if (text.contains("%20"_L1) && !text.contains(u' '))
        text = QUrl::fromPercentEncoding(text.toUtf8());
}

// "try again in 17.359s", "retry after 20 seconds", "Please retry in 1m30s":
// a wait said only in words.
std::optional<double> waitInWords(const QString &text)
{
    static const QRegularExpression phrase(
        uR"((?:try again|retry)\s+(?:in|after)\s+((?:\d+(?:\.\d+)?\s*(?:ms|h|m|s))+\b|\d+(?:\.\d+)?)\s*(seconds?|secs?|minutes?|mins?)?)"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = phrase.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const QString amount = match.captured(1).remove(u' ');
    const QString unit = match.captured(2).toLower();
    if (unit.startsWith("min"_L1))
        return amount.toDouble() * 60;
    if (!unit.isEmpty())
        return amount.toDouble();
    return parseDurationText(amount.toLatin1());
}

// The first event of an SSE body that carries an error (a stream that failed,
// replayed whole): its error object, with the chunk's provider beside it.
std::optional<ErrorBody> errorEventOf(QByteArrayView body)
{
    for (const QByteArray &line : body.toByteArray().split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (!trimmed.startsWith("data:"))
            continue;
        const auto event = parseBodyJson(trimmed.sliced(5).trimmed());
        if (!event || !event->is_object())
            continue;
        ErrorBody result;
        result.format = ErrorBody::Format::Json;
        readTopLevel(*event, result, 0);
        if (result.isError)
            return result;
    }
    return std::nullopt;
}

void finish(ErrorBody &body)
{
    decodePercentEncoding(body.message);
    readEmbeddedError(body, 0);
    if (!body.retryAfterS) {
        for (const QString *text : { &body.rawMessage, &body.message, &body.raw }) {
            if ((body.retryAfterS = waitInWords(*text)))
                break;
        }
    }
}

} // namespace

std::optional<nlohmann::json> parseBodyJson(QByteArrayView body)
{
    if (body.size() > maxJsonBytes || json::nestsDeeperThan(body, maxJsonDepth))
        return std::nullopt;
    return json::parse(body);
}

ErrorBody ErrorBody::fromBody(QByteArrayView body)
{
    ErrorBody result;
    const QByteArrayView trimmed = body.trimmed();
    if (trimmed.isEmpty())
        return result; // Format::Empty
    if (const auto parsed = parseBodyJson(trimmed)) {
        result.format = Format::Json;
        readTopLevel(*parsed, result, 0);
        finish(result);
        return result;
    }
    if (auto event = errorEventOf(trimmed)) {
        finish(*event);
        return *event;
    }
    const QByteArrayView head = trimmed.first(std::min(trimmed.size(), htmlScanBytes));
    const QByteArray lowered = head.toByteArray().toLower();
    if (looksLikeHtml(lowered)) {
        result.format = Format::Html;
        result.htmlTitle = elementText(head, lowered, "title");
        result.message =
            !result.htmlTitle.isEmpty() ? result.htmlTitle : elementText(head, lowered, "h1");
        return result;
    }
    result.format = Format::PlainText;
    // Invalid UTF-8 becomes U+FFFD; a huge body keeps only its beginning (the
    // attempt stores the raw bytes).
    result.message = QString::fromUtf8(trimmed.first(std::min(trimmed.size(), maxTextChars * 4)))
                         .left(maxTextChars)
                         .trimmed();
    finish(result);
    return result;
}

ErrorBody ErrorBody::fromErrorObject(const nlohmann::json &error)
{
    ErrorBody result;
    result.format = Format::Json;
    readErrorValue(error, result, 0);
    finish(result);
    return result;
}

} // namespace detour
