// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "LocalServerPresets.h"

namespace detour {

using namespace Qt::StringLiterals;

QList<LocalServerPreset> LocalServerPresets::all()
{
    const auto preset = [](const QString &name, const QString &id, const QString &url) {
        return LocalServerPreset { name,
            Endpoint { id, EndpointKind::OpenAiCompatible, QUrl(url), QString() } };
    };
    return {
        preset(u"Ollama"_s, u"ollama"_s, u"http://127.0.0.1:11434/v1"_s),
        preset(u"llama.cpp server"_s, u"llamacpp"_s, u"http://127.0.0.1:8080/v1"_s),
        preset(u"LM Studio"_s, u"lmstudio"_s, u"http://127.0.0.1:1234/v1"_s),
    };
}

QList<Endpoint> LocalServerPresets::endpoints()
{
    QList<Endpoint> list;
    for (const LocalServerPreset &preset : all())
        list.append(preset.endpoint);
    return list;
}

std::optional<LocalServerPreset> LocalServerPresets::find(const QString &endpointId)
{
    for (const LocalServerPreset &preset : all()) {
        if (preset.endpoint.id == endpointId)
            return preset;
    }
    return std::nullopt;
}

} // namespace detour
