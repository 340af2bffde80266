// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Result.h"
#include "ServerAttempt.h"

#include <QList>
#include <QString>
#include <optional>

namespace detour {

// OpenRouter's `GET /generation?id=...` record of one generation.
struct GenerationStats {
    QString id;
    QString model;
    QString providerName;
    std::optional<qint64> latencyMs;
    std::optional<qint64> generationTimeMs;
    std::optional<qint64> tokensPrompt;
    std::optional<qint64> tokensCompletion;
    std::optional<qint64> nativeTokensPrompt;
    std::optional<qint64> nativeTokensCompletion;
    std::optional<double> totalCost;
    std::optional<bool> isByok;
    QString finishReason;
    QList<ServerAttempt> providerResponses; // Source::GenerationStats

    // Parses the `{"data": {...}}` body; the reason when it is not one.
    static Result<GenerationStats> fromJson(QByteArrayView body);
};

} // namespace detour
