// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <QStringList>
#include <nlohmann/json_fwd.hpp>
#include <optional>

namespace detour {

// Checks the messages of a chat completion request the way OpenRouter does
// before routing: a message's `content` is a string or an array of parts, each
// {"type":"text","text":...}, {"type":"image_url","image_url":{"url":...}} or
// {"type":"file","file":{"filename":...,"file_data":...}}, URLs either http(s)
// or base64 data URLs. Also says which input modalities the request needs.
class SimContentParts final {
public:
    SimContentParts() = delete;

    // Why the messages are malformed (the 400's message), or nothing when they are fine.
    static std::optional<QString> problem(const nlohmann::json &messages);
    // "image" and/or "file" when a part needs them.
    static QStringList neededModalities(const nlohmann::json &messages);
};

} // namespace detour
