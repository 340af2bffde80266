// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "SimAttempt.h"

#include <QList>
#include <QString>

namespace detour {

// A served generation as GET /api/v1/generation reports it.
struct SimGeneration {
    QString id;
    QString model;
    QString provider;
    qint64 startedAtMs = 0; // when the request arrived
    qint64 finishedAtMs = -1; // -1 while streaming
    qint64 latencyMs = 0; // to the first token
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    double promptPrice = 0; // USD per token
    double completionPrice = 0;
    QString finishReason; // empty: null
    bool streamed = false;
    bool cancelled = false;
    QList<SimAttempt> attempts;

    double cost() const { return promptTokens * promptPrice + completionTokens * completionPrice; }
};

} // namespace detour
