// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ProviderEligibility.h"

#include <algorithm>

namespace detour {

namespace {

bool namesAny(const ProviderEndpointInfo &endpoint, const QStringList &providers)
{
    return std::any_of(providers.cbegin(), providers.cend(),
        [&endpoint](const QString &name) { return ProviderEligibility::names(endpoint, name); });
}

bool withinPrice(const std::optional<double> &perMillion, const std::optional<double> &max)
{
    return !perMillion || !max || *perMillion <= *max;
}

} // namespace

bool ProviderEligibility::names(const ProviderEndpointInfo &endpoint, const QString &provider)
{
    const QString wanted = provider.trimmed();
    if (wanted.isEmpty())
        return false;
    // "Groq" (the name), "groq" (the slug), "chutes/fp8" (a tag with its variant).
    const QString slug = endpoint.tag.section(u'/', 0, 0);
    return endpoint.providerName.compare(wanted, Qt::CaseInsensitive) == 0
        || endpoint.tag.compare(wanted, Qt::CaseInsensitive) == 0
        || (!slug.isEmpty() && slug.compare(wanted, Qt::CaseInsensitive) == 0);
}

bool ProviderEligibility::isEligible(
    const ProviderPreferences &preferences, const ProviderEndpointInfo &endpoint)
{
    if (!preferences.only.isEmpty() && !namesAny(endpoint, preferences.only))
        return false;
    if (namesAny(endpoint, preferences.ignore))
        return false;
    if (!withinPrice(endpoint.promptPricePerMillion(), preferences.maxPricePrompt)
        || !withinPrice(endpoint.completionPricePerMillion(), preferences.maxPriceCompletion))
        return false;
    const QString quantization = endpoint.quantization.trimmed();
    const bool knownQuantization = !quantization.isEmpty() && quantization != u"unknown";
    return preferences.quantizations.isEmpty() || !knownQuantization
        || preferences.quantizations.contains(quantization, Qt::CaseInsensitive);
}

QList<ProviderEndpointInfo> ProviderEligibility::eligible(
    const ProviderPreferences &preferences, const QList<ProviderEndpointInfo> &known)
{
    QList<ProviderEndpointInfo> kept;
    std::copy_if(known.cbegin(), known.cend(), std::back_inserter(kept),
        [&preferences](
            const ProviderEndpointInfo &endpoint) { return isEligible(preferences, endpoint); });
    return kept;
}

QString ProviderEligibility::problem(const QString &model, const ProviderPreferences &preferences,
    const QList<ProviderEndpointInfo> &known)
{
    if (known.isEmpty() || !eligible(preferences, known).isEmpty())
        return {};
    return tr("The provider preferences leave none of the %n provider(s) that serve %1, so this "
              "step cannot be served: loosen only, ignore, the price limit or the quantizations.",
        nullptr, int(known.size()))
        .arg(model);
}

} // namespace detour
