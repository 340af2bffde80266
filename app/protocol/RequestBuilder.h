// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "ChatRequest.h"
#include "EndpointKind.h"
#include "ModelTarget.h"

#include <QList>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QUrl>
#include <nlohmann/json_fwd.hpp>

namespace detour {

// How Detour introduces itself to OpenRouter (app attribution headers).
struct ClientIdentity {
    QString referer = QStringLiteral("https://github.com/detour-chat/detour");
    QString title = QStringLiteral("Detour");
};

// Builds `POST {base}/chat/completions` requests. OpenRouter-only fields
// (`models`, `provider`, `reasoning`, `session_id`, `top_k`, `repetition_penalty`,
// metadata header) are never sent to a plain OpenAI-compatible endpoint.
class RequestBuilder final {
public:
    static nlohmann::json body(
        EndpointKind kind, const ModelTarget &target, const ChatRequest &request);
    static nlohmann::json providerObject(const ProviderPreferences &preferences);
    static nlohmann::json reasoningObject(const ReasoningParameters &reasoning);
    // True when `message` has an image or a PDF: its content then goes as an array of
    // parts (text first); text files are inlined into the text as fenced blocks.
    static bool hasBinaryAttachments(const ChatMessage &message);
    // body(), indented for people to read (the route editor's preview).
    static QByteArray bodyText(
        EndpointKind kind, const ModelTarget &target, const ChatRequest &request);

    // `key` may be empty (local servers); then no Authorization header is set.
    static QNetworkRequest networkRequest(EndpointKind kind, const QUrl &baseUrl,
        const QString &key, const ClientIdentity &identity = {});
    // Makes `request` trust `authorities` in addition to the system's (an
    // endpoint's "ca_file"); with none it keeps Qt's default configuration.
    static void trustAuthorities(
        QNetworkRequest &request, const QList<QSslCertificate> &authorities);
    // The one User-Agent of every request Detour sends (chat, catalog, key checks,
    // generation stats, local-server probes): "Detour/<version>
    // (+https://github.com/detour-chat/detour)". The project's address lets a server's
    // operator find out who calls; no platform, so it says nothing about this computer.
    static QByteArray userAgent();
    static void setUserAgent(QNetworkRequest &request);
    // `{base}/{path}` without doubling slashes.
    static QUrl endpointUrl(const QUrl &baseUrl, const QString &path);
};

} // namespace detour
