// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ChatOpenAiArguments.h"

#include "CodeLiteral.h"
#include "protocol/JsonUtil.h"

namespace detour {

using namespace Qt::StringLiterals;
using OrderedJson = nlohmann::ordered_json;

namespace {

struct FieldName {
    const char *body;
    const char *python; // langchain_openai.ChatOpenAI
    const char *javaScript; // @langchain/openai ChatOpenAI; nullptr: no field of its own
};

constexpr FieldName fieldNames[] = {
    { "stream", "streaming", "streaming" },
    { "temperature", "temperature", "temperature" },
    { "top_p", "top_p", "topP" },
    { "frequency_penalty", "frequency_penalty", "frequencyPenalty" },
    { "presence_penalty", "presence_penalty", "presencePenalty" },
    { "max_tokens", "max_tokens", "maxTokens" },
    { "seed", "seed", nullptr },
    { "stop", "stop", "stop" },
    { "n", "n", "n" },
};

const char *fieldName(const std::string &key, ChatOpenAiArguments::Style style)
{
    for (const FieldName &name : fieldNames) {
        if (key == name.body)
            return style == ChatOpenAiArguments::Style::Python ? name.python : name.javaScript;
    }
    return nullptr;
}

} // namespace

ChatOpenAiArguments ChatOpenAiArguments::of(const nlohmann::json &body, Style style)
{
    ChatOpenAiArguments arguments;
    const OrderedJson all = CodeLiteral::parameters(body);
    for (auto it = all.begin(); it != all.end(); ++it) {
        const std::string &key = it.key();
        if (key == "model") {
            arguments.model = it.value();
        } else if (key == "stream_options" && it.value().size() == 1
            && it.value().contains("include_usage")) {
            arguments.streamUsage = true;
            arguments.fields.append({ style == Style::Python ? u"stream_usage"_s : u"streamUsage"_s,
                it.value()["include_usage"] });
        } else if (const char *name = fieldName(key, style)) {
            arguments.fields.append({ QString::fromLatin1(name), it.value() });
        } else {
            arguments.extra[key] = it.value();
        }
    }
    return arguments;
}

} // namespace detour
