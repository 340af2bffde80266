// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QList>
#include <QString>
#include <nlohmann/json.hpp>
#include <utility>

namespace detour {

// A step's request body as the arguments of LangChain's ChatOpenAI, in Python
// (snake_case) or JavaScript (camelCase): the model, the fields ChatOpenAI names
// itself (streaming, stream usage, sampling), and the rest as it is, which
// ChatOpenAI sends unchanged (extra_body / modelKwargs). Shared by both
// LangChain exports, so they send the same body.
struct ChatOpenAiArguments {
    enum class Style { Python, JavaScript };

    nlohmann::ordered_json model;
    QList<std::pair<QString, nlohmann::ordered_json>> fields; // named in the style, body order
    nlohmann::ordered_json extra = nlohmann::ordered_json::object();
    bool streamUsage = false; // the body's stream_options became a field

    static ChatOpenAiArguments of(const nlohmann::json &body, Style style);
};

} // namespace detour
