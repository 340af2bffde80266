// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ParameterSupport.h"

#include "endpoints/Catalog.h"

namespace detour {

using namespace Qt::StringLiterals;

const RouteStep *ParameterSupport::firstStep(const RoutePlan &plan)
{
    for (const RouteStep &step : plan.steps) {
        if (step.enabled)
            return &step;
    }
    return nullptr;
}

ParameterSupport ParameterSupport::of(const RoutePlan &plan, const std::optional<ModelInfo> &model)
{
    ParameterSupport support;
    const RouteStep *step = firstStep(plan);
    if (!step)
        return support;
    support.m_model = step->target.model;
    const Endpoint *endpoint = plan.endpoint(step->endpointId);
    // Only OpenRouter's catalog says what a model takes; a list of none means "not said".
    if (!endpoint || endpoint->kind != EndpointKind::OpenRouter || !model
        || model->id != step->target.model || model->supportedParameters.isEmpty())
        return support;
    support.m_supported = model->supportedParameters;
    return support;
}

ParameterSupport ParameterSupport::of(const RoutePlan &plan, const Catalog *catalog)
{
    const RouteStep *step = firstStep(plan);
    return of(plan, catalog && step ? catalog->model(step->target.model) : std::nullopt);
}

bool ParameterSupport::takes(const QString &parameter) const
{
    return !m_supported || m_supported->contains(parameter);
}

QString ParameterSupport::refusal(const QString &parameter) const
{
    return takes(parameter) ? QString() : tr("%1 does not take %2").arg(m_model, parameter);
}

} // namespace detour
