// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "ProviderEndpointInfo.h"
#include "protocol/ModelTarget.h"

#include <QCoreApplication>

namespace detour {

// Which of a model's provider endpoints (from the catalog) a step's provider
// preferences leave OpenRouter to choose from: `only`, `ignore`, `max_price`
// and `quantizations`, matched as OpenRouter matches them (provider name or
// slug, any case). A fact the catalog does not know (an endpoint's price or
// quantization) never excludes it: a step is flagged only when it surely
// cannot be served. The catalog has no data-policy facts, so
// `data_collection` is not judged here.
class ProviderEligibility final {
    Q_DECLARE_TR_FUNCTIONS(detour::ProviderEligibility)

public:
    static bool names(const ProviderEndpointInfo &endpoint, const QString &provider);
    static bool isEligible(
        const ProviderPreferences &preferences, const ProviderEndpointInfo &endpoint);
    static QList<ProviderEndpointInfo> eligible(
        const ProviderPreferences &preferences, const QList<ProviderEndpointInfo> &known);
    // One sentence when `known` lists providers and the preferences exclude
    // every one of them; empty otherwise (also when nothing is known).
    static QString problem(const QString &model, const ProviderPreferences &preferences,
        const QList<ProviderEndpointInfo> &known);
};

} // namespace detour
