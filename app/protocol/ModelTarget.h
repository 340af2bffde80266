// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace detour {

// OpenRouter's `provider` object: how OpenRouter picks among the providers of one model.
struct ProviderPreferences {
    QStringList order;
    std::optional<bool> allowFallbacks;
    QStringList only;
    QStringList ignore;
    QString sort; // "", "price", "throughput" or "latency"
    std::optional<double> maxPricePrompt; // USD per million tokens
    std::optional<double> maxPriceCompletion;
    QString dataCollection; // "", "allow" or "deny"
    std::optional<bool> requireParameters;
    QStringList quantizations;

    bool isEmpty() const;
    bool operator==(const ProviderPreferences &) const = default;
};

// The model a step asks for, with the fallbacks OpenRouter itself may use.
struct ModelTarget {
    QString model;
    QStringList fallbackModels; // OpenRouter's `models` array (server-side fallback)
    ProviderPreferences provider;
    // How OpenRouter's file-parser plugin reads a PDF sent to this step: "pdf-text",
    // "mistral-ocr" or "native"; empty: "pdf-text" (RequestBuilder). Not sent elsewhere.
    QString pdfEngine {};

    bool operator==(const ModelTarget &) const = default;
};

} // namespace detour
