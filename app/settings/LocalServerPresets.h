// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "route/Endpoint.h"

#include <QList>
#include <QString>
#include <optional>

namespace detour {

// A local OpenAI-compatible server Detour knows how to reach out of the box.
struct LocalServerPreset {
    QString name; // shown to the person: "Ollama", "llama.cpp server", "LM Studio"
    Endpoint endpoint; // kind openai, loopback base URL, no key

    bool operator==(const LocalServerPreset &) const = default;
};

// Ready endpoints for the usual local servers on their default ports.
class LocalServerPresets final {
public:
    static QList<LocalServerPreset> all();
    static QList<Endpoint> endpoints();
    static std::optional<LocalServerPreset> find(const QString &endpointId);
};

} // namespace detour
