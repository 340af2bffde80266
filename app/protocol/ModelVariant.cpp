// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ModelVariant.h"

namespace detour {

using namespace Qt::StringLiterals;

namespace {

const QString presetPrefix = u"@preset/"_s;

} // namespace

QList<ModelVariant::Kind> ModelVariant::kinds()
{
    return { Kind::Free, Kind::Nitro, Kind::Floor, Kind::Exacto };
}

QString ModelVariant::suffix(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::Free:
        return u":free"_s;
    case Kind::Nitro:
        return u":nitro"_s;
    case Kind::Floor:
        return u":floor"_s;
    case Kind::Exacto:
        return u":exacto"_s;
    }
    return {};
}

std::optional<ModelVariant::Kind> ModelVariant::kindFromSuffix(const QString &suffix)
{
    for (Kind kind : kinds()) {
        if (ModelVariant::suffix(kind) == suffix)
            return kind;
    }
    return std::nullopt;
}

ModelVariant::Kind ModelVariant::of(const QString &model)
{
    if (isPreset(model))
        return Kind::None;
    const qsizetype colon = model.lastIndexOf(u':');
    if (colon < 0)
        return Kind::None;
    return kindFromSuffix(model.mid(colon)).value_or(Kind::None);
}

QString ModelVariant::base(const QString &model)
{
    const Kind kind = of(model);
    return kind == Kind::None ? model : model.chopped(suffix(kind).size());
}

QString ModelVariant::withVariant(const QString &model, Kind kind)
{
    return base(model) + suffix(kind);
}

bool ModelVariant::isRoutingVariant(Kind kind)
{
    return kind == Kind::Nitro || kind == Kind::Floor || kind == Kind::Exacto;
}

QString ModelVariant::impliedSort(Kind kind)
{
    switch (kind) {
    case Kind::Nitro:
        return u"throughput"_s;
    case Kind::Floor:
        return u"price"_s;
    default:
        return {};
    }
}

QString ModelVariant::help(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return tr("The model as it is, routed by OpenRouter's defaults.");
    case Kind::Free:
        return tr("The free variant: no cost, but its own lower rate limits, and only for "
                  "models the catalog lists with one.");
    case Kind::Nitro:
        return tr("Fastest providers first (the same as sorting providers by throughput).");
    case Kind::Floor:
        return tr("Cheapest providers first (the same as sorting providers by price).");
    case Kind::Exacto:
        return tr("Providers with the best tool-calling quality first.");
    }
    return {};
}

bool ModelVariant::isPreset(const QString &model)
{
    return model.startsWith(presetPrefix) && model.size() > presetPrefix.size();
}

QString ModelVariant::presetSlug(const QString &model)
{
    return isPreset(model) ? model.mid(presetPrefix.size()) : QString();
}

} // namespace detour
