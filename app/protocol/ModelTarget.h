// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace detour {

// OpenRouter's preferred_min_throughput / preferred_max_latency: one number (OpenRouter
// applies it to the median, p50) or an object of percentile cut-offs, every one of which
// an endpoint must meet to be preferred; endpoints that miss them are deprioritised, not
// excluded. https://openrouter.ai/docs/guides/routing/provider-selection
// The percentiles' shape (PercentileLatencyCutoffs):
// https://openrouter.ai/docs/client-sdks/python/components/percentilelatencycutoffs
struct PerformanceCutoffs {
    std::optional<double> p50;
    std::optional<double> p75;
    std::optional<double> p90;
    std::optional<double> p99;
    bool asObject = false; // false: written as the number p50

    bool isSet() const { return p50 || p75 || p90 || p99; }
    bool operator==(const PerformanceCutoffs &) const = default;
};

// OpenRouter's `provider` object: how OpenRouter picks among the providers of one model.
// Fields: https://openrouter.ai/docs/guides/routing/provider-selection
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
    // With it, `sort` is written as the object {"by": sort, "partition": ...}: "model"
    // (OpenRouter's default: endpoints are sorted within each model, fallback models stay
    // fallbacks) or "none" (all endpoints of all the request's models sorted together).
    // https://openrouter.ai/docs/client-sdks/typescript/models/partition
    QString sortPartition {};
    bool sortAsObject = false; // a file's {"by": ...} without partition stays an object
    PerformanceCutoffs preferredMinThroughput {}; // tokens per second
    PerformanceCutoffs preferredMaxLatency {}; // seconds
    // Only Zero Data Retention endpoints.
    std::optional<bool> zdr {};
    // Only models whose publishers allow their text output to be used for distillation.
    std::optional<bool> enforceDistillableText {};

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
    // openrouter/auto only: the model patterns the Auto Router may choose from ("anthropic/*"),
    // sent as the auto-router plugin's allowed_models; empty: OpenRouter's default list.
    // https://openrouter.ai/docs/guides/routing/routers/auto-router
    QStringList autoAllowedModels {};

    bool operator==(const ModelTarget &) const = default;
};

} // namespace detour
