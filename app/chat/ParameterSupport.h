// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "endpoints/ModelInfo.h"
#include "route/RoutePlan.h"

#include <QCoreApplication>
#include <QStringList>
#include <optional>

namespace detour {

class Catalog;

// Which request parameters the model of a route's first enabled step takes, from the
// catalog's `supported_parameters` (OpenRouter's names: "temperature", "top_p",
// "max_tokens", "seed", "reasoning", ...). Unknown (no catalog, a model the catalog does
// not list or lists without parameters, a step on a plain OpenAI-compatible endpoint):
// every parameter is offered.
class ParameterSupport final {
    Q_DECLARE_TR_FUNCTIONS(detour::ParameterSupport)

public:
    ParameterSupport() = default;
    // `model`: what the catalog knows of the first enabled step's model, if anything.
    static ParameterSupport of(const RoutePlan &plan, const std::optional<ModelInfo> &model);
    static ParameterSupport of(const RoutePlan &plan, const Catalog *catalog);
    static const RouteStep *firstStep(const RoutePlan &plan);

    QString model() const { return m_model; }
    bool isKnown() const { return m_supported.has_value(); }
    bool takes(const QString &parameter) const;
    // Why a parameter is not offered, e.g. "x/y does not take top_p"; empty when it is.
    QString refusal(const QString &parameter) const;

private:
    QString m_model;
    std::optional<QStringList> m_supported;
};

} // namespace detour
