// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SimContentParts.h"

#include <QByteArray>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace detour {

namespace {

using Json = nlohmann::json;

bool isString(const Json &object, const char *key)
{
    return object.is_object() && object.contains(key) && object.at(key).is_string();
}

// http(s) or "data:<type>;base64,<valid base64>", the type starting with `typePrefix`.
bool isUsableUrl(const std::string &url, const std::string &typePrefix)
{
    if (url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0)
        return true;
    if (url.rfind("data:" + typePrefix, 0) != 0)
        return false;
    const std::size_t comma = url.find(',');
    if (comma == std::string::npos || url.compare(comma - 7, 7, ";base64") != 0)
        return false;
    const auto decoded = QByteArray::fromBase64Encoding(
        QByteArray::fromStdString(url.substr(comma + 1)), QByteArray::AbortOnBase64DecodingErrors);
    return decoded && !decoded.decoded.isEmpty();
}

std::optional<QString> partProblem(const Json &part, const QString &where)
{
    if (!isString(part, "type"))
        return u"%1: each content part must be an object with a string \"type\""_s.arg(where);
    const std::string type = part.at("type").get<std::string>();
    if (type == "text") {
        if (!isString(part, "text"))
            return u"%1: a text part needs a string \"text\""_s.arg(where);
        return std::nullopt;
    }
    if (type == "image_url") {
        if (!part.contains("image_url") || !isString(part.at("image_url"), "url"))
            return u"%1: an image_url part needs \"image_url\": {\"url\": ...}"_s.arg(where);
        if (!isUsableUrl(part.at("image_url").at("url").get<std::string>(), "image/"))
            return u"%1: image_url.url must be an http(s) URL or a base64 data:image/... URL"_s.arg(
                where);
        return std::nullopt;
    }
    if (type == "file") {
        const Json *file = part.contains("file") ? &part.at("file") : nullptr;
        if (!file || !isString(*file, "filename") || !isString(*file, "file_data"))
            return u"%1: a file part needs \"file\": {\"filename\": ..., \"file_data\": ...}"_s.arg(
                where);
        if (!isUsableUrl(file->at("file_data").get<std::string>(), ""))
            return u"%1: file.file_data must be a URL or a base64 data URL"_s.arg(where);
        return std::nullopt;
    }
    return u"%1: unknown content part type \"%2\""_s.arg(where, QString::fromStdString(type));
}

} // namespace

std::optional<QString> SimContentParts::problem(const Json &messages)
{
    for (std::size_t i = 0; i < messages.size(); ++i) {
        const Json &message = messages[i];
        if (!message.is_object() || !message.contains("content"))
            continue; // OpenRouter's other checks are not simulated
        const Json &content = message.at("content");
        if (content.is_string() || content.is_null())
            continue;
        const QString where = u"messages[%1].content"_s.arg(i);
        if (!content.is_array())
            return u"%1 must be a string or an array of content parts"_s.arg(where);
        for (std::size_t p = 0; p < content.size(); ++p) {
            if (auto found = partProblem(content[p], u"%1[%2]"_s.arg(where).arg(p)))
                return found;
        }
    }
    return std::nullopt;
}

QStringList SimContentParts::neededModalities(const Json &messages)
{
    QStringList needed;
    for (const Json &message : messages) {
        if (!message.is_object() || !message.contains("content") || !message["content"].is_array())
            continue;
        for (const Json &part : message["content"]) {
            const std::string type = isString(part, "type") ? part["type"].get<std::string>() : "";
            if (type == "image_url" && !needed.contains("image"_L1))
                needed.append(u"image"_s);
            if (type == "file" && !needed.contains("file"_L1))
                needed.append(u"file"_s);
        }
    }
    return needed;
}

} // namespace detour
