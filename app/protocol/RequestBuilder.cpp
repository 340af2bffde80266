// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RequestBuilder.h"

#include "AuthorityFile.h"
#include "ImageShrinker.h"
#include "JsonUtil.h"
#include "ModelVariant.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace {

template<typename T> void putIfSet(Json &object, const char *key, const std::optional<T> &value)
{
    if (value)
        object[key] = *value;
}

// A fence longer than any run of backticks inside, so the file cannot close it.
QString fenceFor(const QString &text)
{
    qsizetype longest = 0;
    qsizetype run = 0;
    for (const QChar c : text) {
        run = c == u'`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return QString(std::max<qsizetype>(3, longest + 1), u'`');
}

// The message's text with each text attachment after it as a fenced block headed by its name.
QString textWithInlinedFiles(const ChatMessage &message)
{
    QString text = message.content;
    for (const Attachment &attachment : message.attachments) {
        if (attachment.kind != Attachment::Kind::Text)
            continue;
        const QString body = QString::fromUtf8(attachment.data);
        const QString fence = fenceFor(body);
        if (!text.isEmpty())
            text += u"\n\n"_s;
        text += attachment.fileName + u'\n' + fence + u'\n' + body
            + (body.endsWith(u'\n') ? u""_s : u"\n"_s) + fence;
    }
    return text;
}

std::string dataUrl(const Attachment &attachment)
{
    return "data:" + attachment.mimeType.toStdString() + ";base64,"
        + attachment.data.toBase64().toStdString();
}

// Shapes documented by OpenRouter, compared in tests/protocol/test_request_builder.cpp:
// images: https://openrouter.ai/docs/guides/overview/multimodal/image-understanding
//   {"type":"image_url","image_url":{"url":"data:image/png;base64,..."}}, text part first;
// PDFs: https://openrouter.ai/docs/guides/overview/multimodal/pdfs
//   {"type":"file","file":{"filename":"x.pdf","file_data":"data:application/pdf;base64,..."}}
//   with "plugins":[{"id":"file-parser","pdf":{"engine":"pdf-text"}}].
Json content(const ChatMessage &message)
{
    const QString text = textWithInlinedFiles(message);
    if (!RequestBuilder::hasBinaryAttachments(message))
        return json::toStd(text);
    auto parts = Json::array();
    parts.push_back({ { "type", "text" }, { "text", json::toStd(text) } });
    for (const Attachment &attachment : message.attachments) {
        if (attachment.kind == Attachment::Kind::Image) {
            parts.push_back({ { "type", "image_url" },
                { "image_url", { { "url", dataUrl(ImageShrinker::forSending(attachment)) } } } });
        } else if (attachment.kind == Attachment::Kind::Pdf) {
            parts.push_back({ { "type", "file" },
                { "file",
                    { { "filename", json::toStd(attachment.fileName) },
                        { "file_data", dataUrl(attachment) } } } });
        }
    }
    return parts;
}

Json messagesArray(const QList<ChatMessage> &messages)
{
    auto array = Json::array();
    for (const ChatMessage &message : messages)
        array.push_back({ { "role", json::toStd(message.role) }, { "content", content(message) } });
    return array;
}

bool hasPdf(const QList<ChatMessage> &messages)
{
    for (const ChatMessage &message : messages) {
        for (const Attachment &attachment : message.attachments) {
            if (attachment.kind == Attachment::Kind::Pdf)
                return true;
        }
    }
    return false;
}

// A number (OpenRouter applies it to p50) or {"p50": …, "p90": …}.
// https://openrouter.ai/docs/guides/routing/provider-selection
Json cutoffsJson(const PerformanceCutoffs &cutoffs)
{
    if (!cutoffs.asObject && cutoffs.p50 && !cutoffs.p75 && !cutoffs.p90 && !cutoffs.p99)
        return *cutoffs.p50;
    Json object = Json::object();
    putIfSet(object, "p50", cutoffs.p50);
    putIfSet(object, "p75", cutoffs.p75);
    putIfSet(object, "p90", cutoffs.p90);
    putIfSet(object, "p99", cutoffs.p99);
    return object;
}

} // namespace

Json RequestBuilder::reasoningObject(const ReasoningParameters &reasoning)
{
    Json object = Json::object();
    // OpenRouter documents effort and max_tokens as "one of, not both".
    if (!reasoning.effort.isEmpty())
        object["effort"] = json::toStd(reasoning.effort);
    else
        putIfSet(object, "max_tokens", reasoning.maxTokens);
    putIfSet(object, "exclude", reasoning.exclude);
    return object;
}

Json RequestBuilder::providerObject(const ProviderPreferences &preferences)
{
    Json provider = Json::object();
    if (!preferences.order.isEmpty())
        provider["order"] = json::fromStringList(preferences.order);
    putIfSet(provider, "allow_fallbacks", preferences.allowFallbacks);
    if (!preferences.only.isEmpty())
        provider["only"] = json::fromStringList(preferences.only);
    if (!preferences.ignore.isEmpty())
        provider["ignore"] = json::fromStringList(preferences.ignore);
    // A string, or {"by": …, "partition": "model" | "none"}:
    // https://openrouter.ai/docs/client-sdks/typescript/models/providersortconfig
    if (!preferences.sortPartition.isEmpty() || preferences.sortAsObject) {
        Json sort = Json::object();
        if (!preferences.sort.isEmpty())
            sort["by"] = json::toStd(preferences.sort);
        if (!preferences.sortPartition.isEmpty())
            sort["partition"] = json::toStd(preferences.sortPartition);
        provider["sort"] = sort;
    } else if (!preferences.sort.isEmpty()) {
        provider["sort"] = json::toStd(preferences.sort);
    }
    if (preferences.maxPricePrompt || preferences.maxPriceCompletion) {
        Json maxPrice = Json::object();
        putIfSet(maxPrice, "prompt", preferences.maxPricePrompt);
        putIfSet(maxPrice, "completion", preferences.maxPriceCompletion);
        provider["max_price"] = maxPrice;
    }
    if (!preferences.dataCollection.isEmpty())
        provider["data_collection"] = json::toStd(preferences.dataCollection);
    putIfSet(provider, "require_parameters", preferences.requireParameters);
    if (!preferences.quantizations.isEmpty())
        provider["quantizations"] = json::fromStringList(preferences.quantizations);
    if (preferences.preferredMinThroughput.isSet())
        provider["preferred_min_throughput"] = cutoffsJson(preferences.preferredMinThroughput);
    if (preferences.preferredMaxLatency.isSet())
        provider["preferred_max_latency"] = cutoffsJson(preferences.preferredMaxLatency);
    putIfSet(provider, "zdr", preferences.zdr);
    putIfSet(provider, "enforce_distillable_text", preferences.enforceDistillableText);
    return provider;
}

Json RequestBuilder::body(EndpointKind kind, const ModelTarget &target, const ChatRequest &request)
{
    const bool openRouter = kind == EndpointKind::OpenRouter;
    Json body = Json::object();
    body["model"] = json::toStd(target.model);
    body["messages"] = messagesArray(request.messages);
    body["stream"] = request.stream;
    if (request.stream && openRouter)
        body["stream_options"] = { { "include_usage", true } };

    const SamplingParameters &sampling = request.sampling;
    putIfSet(body, "temperature", sampling.temperature);
    putIfSet(body, "top_p", sampling.topP);
    putIfSet(body, "frequency_penalty", sampling.frequencyPenalty);
    putIfSet(body, "presence_penalty", sampling.presencePenalty);
    putIfSet(body, "max_tokens", sampling.maxTokens);
    putIfSet(body, "seed", sampling.seed);

    if (!openRouter)
        return body;

    // OpenRouter-only: a plain OpenAI-compatible server may reject unknown fields.
    putIfSet(body, "top_k", sampling.topK);
    if (request.reasoning.isSet())
        body["reasoning"] = reasoningObject(request.reasoning);
    putIfSet(body, "repetition_penalty", sampling.repetitionPenalty);
    QStringList fallbacks = target.fallbackModels;
    fallbacks.removeAll(QString());
    if (!fallbacks.isEmpty())
        body["models"] = json::fromStringList(fallbacks);
    if (!target.provider.isEmpty())
        body["provider"] = providerObject(target.provider);
    if (!request.sessionId.isEmpty())
        body["session_id"] = json::toStd(request.sessionId);
    auto plugins = Json::array();
    if (hasPdf(request.messages)) {
        const QString engine = target.pdfEngine.isEmpty() ? u"pdf-text"_s : target.pdfEngine;
        plugins.push_back(
            { { "id", "file-parser" }, { "pdf", { { "engine", json::toStd(engine) } } } });
    }
    // The Auto Router's choice of models is the auto-router plugin's allowed_models
    // (wildcards allowed): https://openrouter.ai/docs/guides/routing/routers/auto-router
    if (!target.autoAllowedModels.isEmpty() && target.model == ModelVariant::autoRouter()) {
        plugins.push_back({ { "id", "auto-router" },
            { "allowed_models", json::fromStringList(target.autoAllowedModels) } });
    }
    if (!plugins.empty())
        body["plugins"] = plugins;
    return body;
}

bool RequestBuilder::hasBinaryAttachments(const ChatMessage &message)
{
    return std::any_of(message.attachments.cbegin(), message.attachments.cend(),
        [](const Attachment &attachment) { return attachment.kind != Attachment::Kind::Text; });
}

QUrl RequestBuilder::endpointUrl(const QUrl &baseUrl, const QString &path)
{
    QUrl url = baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    QString tail = path;
    while (tail.startsWith(u'/'))
        tail.remove(0, 1);
    url.setPath(basePath + u'/' + tail);
    return url;
}

QByteArray RequestBuilder::userAgent()
{
    return QByteArrayLiteral("Detour/" DETOUR_VERSION " (+https://github.com/detour-chat/detour)");
}

void RequestBuilder::setUserAgent(QNetworkRequest &request)
{
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
}

QNetworkRequest RequestBuilder::networkRequest(
    EndpointKind kind, const QUrl &baseUrl, const QString &key, const ClientIdentity &identity)
{
    QNetworkRequest request(endpointUrl(baseUrl, u"chat/completions"_s));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "application/json, text/event-stream");
    setUserAgent(request);
    if (!key.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + key.toUtf8());
    if (kind == EndpointKind::OpenRouter) {
        request.setRawHeader("HTTP-Referer", identity.referer.toUtf8());
        request.setRawHeader("X-OpenRouter-Title", identity.title.toUtf8());
        request.setRawHeader("X-Title", identity.title.toUtf8());
        request.setRawHeader("X-OpenRouter-Metadata", "enabled");
    }
    // Our own timers decide when to give up (connect, first token, idle), and
    // a redirect must never carry the Authorization header elsewhere.
    request.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // HTTP/1.1 on purpose (Qt 6 would offer h2 by ALPN on https):
    // - Stop is QNetworkReply::abort(). Over HTTP/1.1 that closes the request's own
    //   connection, which is how OpenRouter and upstream providers notice a
    //   cancelled stream and stop generating (and billing) at once. Over HTTP/2 it
    //   is a RST_STREAM on a shared connection, and Qt's handling of aborted h2
    //   streams has produced connection errors for other Qt 6 clients
    //   ("HEADERS on invalid stream", maplibre-native #3644).
    // - Debian 12 ships Qt 6.4, where some HTTP/2 replies never finish
    //   (QTBUG-111417): a turn would sit until its own timeouts.
    // - Offices authenticate proxies with Negotiate/NTLM; over HTTP/2 QNAM neither
    //   falls back nor emits finished (QTBUG-146829, QTBUG-143926).
    // - Nothing to gain: a turn is one long request, so multiplexing saves nothing.
    // tests/protocol/test_request_builder.cpp pins this decision.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    return request;
}

void RequestBuilder::trustAuthorities(
    QNetworkRequest &request, const QList<QSslCertificate> &authorities)
{
    if (!authorities.isEmpty())
        request.setSslConfiguration(AuthorityFile::configurationTrusting(authorities));
}

QByteArray RequestBuilder::bodyText(
    EndpointKind kind, const ModelTarget &target, const ChatRequest &request)
{
    return QByteArray::fromStdString(body(kind, target, request).dump(2));
}

} // namespace detour
