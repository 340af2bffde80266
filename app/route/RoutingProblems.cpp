// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RoutingProblems.h"

#include "protocol/ModelVariant.h"

namespace detour {

using namespace Qt::StringLiterals;

bool RoutingProblems::isKnown(const QString &model, const QStringList &knownModels)
{
    if (knownModels.isEmpty() || knownModels.contains(model) || ModelVariant::isPreset(model))
        return true;
    const QString base = ModelVariant::base(model);
    if (base == ModelVariant::autoRouter() || base == ModelVariant::freeRouter())
        return true;
    // Routing variants are accepted on any model and are not in the catalog; :free is.
    return ModelVariant::isRoutingVariant(ModelVariant::of(model)) && knownModels.contains(base);
}

QStringList RoutingProblems::of(const ModelTarget &target, const QStringList &knownModels)
{
    QStringList list;
    const QString &model = target.model;
    if (model.trimmed().isEmpty())
        return list;
    const ModelVariant::Kind variant = ModelVariant::of(model);
    const QString base = ModelVariant::base(model);
    const bool router = base == ModelVariant::autoRouter() || base == ModelVariant::freeRouter();

    if (variant != ModelVariant::Kind::None && router) {
        list << tr("%1 is a router, not a model: the %2 variant does not apply to it.")
                    .arg(base, ModelVariant::suffix(variant));
    } else if (variant == ModelVariant::Kind::Free && !knownModels.isEmpty()
        && !knownModels.contains(model)) {
        list << (knownModels.contains(base)
                ? tr("%1 is not in the model catalog: it lists no free variant of %2.")
                      .arg(model, base)
                : tr("%1 is not in the model catalog (renamed or removed?).").arg(model));
    } else if (!isKnown(model, knownModels)) {
        list << tr("%1 is not in the model catalog (renamed or removed?).").arg(model);
    }

    const ProviderPreferences &provider = target.provider;
    const QString implied = ModelVariant::impliedSort(variant);
    if (!implied.isEmpty() && !provider.sort.isEmpty() && provider.sort != implied) {
        list << tr("%1 already sorts providers by %2; sorting by %3 contradicts it.")
                    .arg(ModelVariant::suffix(variant), implied, provider.sort);
    } else if (variant == ModelVariant::Kind::Exacto && !provider.sort.isEmpty()) {
        list << tr(":exacto sorts providers by tool-calling quality; sorting by %1 "
                   "contradicts it.")
                    .arg(provider.sort);
    }
    if (!provider.sortPartition.isEmpty() && provider.sort.isEmpty())
        list << tr("The sort partition has no effect without a sort (price, throughput or "
                   "latency).");
    else if (provider.sortPartition == "none"_L1 && target.fallbackModels.isEmpty())
        list << tr("Sorting across models (partition \"none\") needs server-side fallback "
                   "models to mix.");
    if (!provider.order.isEmpty()) {
        list << tr("An explicit provider order turns off OpenRouter's sticky routing for "
                   "prompt caching: a conversation may land on a provider without its cache "
                   "and pay full price for the prompt again.");
    }
    return list;
}

} // namespace detour
