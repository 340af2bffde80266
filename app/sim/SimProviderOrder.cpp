// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SimProviderOrder.h"

#include "SimRouter.h"
#include "protocol/JsonUtil.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace detour {

namespace {

bool containsProvider(const QStringList &list, const QString &name)
{
    return std::any_of(list.cbegin(), list.cend(),
        [&name](const QString &candidate) { return SimRouter::sameProvider(candidate, name); });
}

// A number, or {"p50": …, …}: the strictest of the cut-offs (`strictest` picks it).
std::optional<QString> readCutoff(const nlohmann::json &provider, const char *key,
    std::optional<double> &into, const std::function<double(double, double)> &strictest)
{
    const auto it = provider.find(key);
    if (it == provider.end() || it->is_null())
        return std::nullopt;
    const auto bad = u"\"provider.%1\" must be a number or an object of p50, p75, p90, p99"_s.arg(
        QLatin1StringView(key));
    if (it->is_number()) {
        into = it->get<double>();
        return std::nullopt;
    }
    if (!it->is_object())
        return bad;
    for (const auto &[name, value] : it->items()) {
        if ((name != "p50" && name != "p75" && name != "p90" && name != "p99")
            || !value.is_number())
            return bad;
        const double cutoff = value.get<double>();
        into = into ? strictest(*into, cutoff) : cutoff;
    }
    return std::nullopt;
}

} // namespace

std::optional<QString> SimPreferences::read(const nlohmann::json &provider, SimPreferences &into)
{
    if (!provider.is_object())
        return u"\"provider\" must be an object"_s;
    into.order = json::stringListAt(provider, "order");
    into.only = json::stringListAt(provider, "only");
    into.ignore = json::stringListAt(provider, "ignore");
    into.allowFallbacks = json::boolAt(provider, "allow_fallbacks").value_or(true);
    into.zdr = json::boolAt(provider, "zdr").value_or(false);
    into.distillableOnly = json::boolAt(provider, "enforce_distillable_text").value_or(false);
    const QStringList sorts { u"price"_s, u"throughput"_s, u"latency"_s };
    if (const auto sort = provider.find("sort"); sort != provider.end() && !sort->is_null()) {
        if (sort->is_string()) {
            into.sort = json::toQt(sort->get<std::string>());
        } else if (sort->is_object()) {
            into.sort = json::stringAt(*sort, "by");
            const QString partition = json::stringAt(*sort, "partition");
            if (!partition.isEmpty() && partition != "model"_L1 && partition != "none"_L1)
                return u"\"provider.sort.partition\" must be \"model\" or \"none\""_s;
            into.partitionNone = partition == "none"_L1;
        } else {
            return u"\"provider.sort\" must be a string or an object"_s;
        }
        if (!into.sort.isEmpty() && !sorts.contains(into.sort))
            return u"\"provider.sort\" must be one of price, throughput, latency"_s;
    }
    // The strictest: the highest minimum throughput, the lowest maximum latency.
    if (auto problem = readCutoff(provider, "preferred_min_throughput", into.minThroughput,
            [](double a, double b) { return std::max(a, b); }))
        return problem;
    if (auto problem = readCutoff(provider, "preferred_max_latency", into.maxLatencyS,
            [](double a, double b) { return std::min(a, b); }))
        return problem;
    return std::nullopt;
}

double SimProviderOrder::sortKey(const SimScenario::Provider &provider, const QString &sort)
{
    if (sort == "price"_L1)
        return provider.price;
    if (sort == "latency"_L1)
        return double(provider.latencyMs);
    if (sort == "throughput"_L1) {
        // 0 means "not scripted": after every measured provider.
        return provider.tokensPerSecond > 0 ? -provider.tokensPerSecond
                                            : std::numeric_limits<double>::max();
    }
    return 0;
}

bool SimProviderOrder::missesCutoff(
    const SimScenario::Provider &provider, const SimPreferences &preferences)
{
    if (preferences.minThroughput && provider.tokensPerSecond > 0
        && provider.tokensPerSecond < *preferences.minThroughput)
        return true;
    return preferences.maxLatencyS
        && double(provider.latencyMs) / 1000.0 > *preferences.maxLatencyS;
}

QStringList SimProviderOrder::providersFor(
    const SimScenario &scenario, const SimScenario::Model &model, const SimPreferences &preferences)
{
    if (preferences.distillableOnly && !model.distillable)
        return {};
    QList<const SimScenario::Provider *> allowed;
    for (const QString &name : model.providers) {
        if (!preferences.only.isEmpty() && !containsProvider(preferences.only, name))
            continue;
        if (containsProvider(preferences.ignore, name))
            continue;
        const SimScenario::Provider *provider = scenario.provider(name);
        if (!provider || (preferences.zdr && !provider->zdr))
            continue;
        allowed.append(provider);
    }
    // Sorted, then those meeting the preferred cut-offs before those missing them.
    std::stable_sort(allowed.begin(), allowed.end(),
        [&preferences](const SimScenario::Provider *a, const SimScenario::Provider *b) {
            return sortKey(*a, preferences.sort) < sortKey(*b, preferences.sort);
        });
    std::stable_partition(allowed.begin(), allowed.end(),
        [&preferences](const SimScenario::Provider *p) { return !missesCutoff(*p, preferences); });

    QStringList ordered;
    for (const QString &wanted : preferences.order) {
        for (const SimScenario::Provider *provider : std::as_const(allowed)) {
            if (SimRouter::sameProvider(wanted, provider->name)
                && !ordered.contains(provider->name))
                ordered.append(provider->name);
        }
    }
    if (!preferences.allowFallbacks) {
        // Only the order list; with no order list, only the top provider.
        if (preferences.order.isEmpty() && !allowed.isEmpty())
            return { allowed.first()->name };
        return ordered;
    }
    for (const SimScenario::Provider *provider : std::as_const(allowed)) {
        if (!ordered.contains(provider->name))
            ordered.append(provider->name);
    }
    return ordered;
}

} // namespace detour
