// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <optional>

namespace detour {

// OpenRouter understands routing fields (`models`, `provider`) and router
// metadata; a plain OpenAI-compatible server (Ollama, llama.cpp, Groq, ...) does not.
enum class EndpointKind { OpenRouter, OpenAiCompatible };

QString endpointKindName(EndpointKind kind); // "openrouter" | "openai"
std::optional<EndpointKind> endpointKindFromName(const QString &name);

} // namespace detour
