// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RoutePlan.h"

#include <QCoreApplication>
#include <QSet>

namespace detour {

using namespace Qt::StringLiterals;

namespace {
// A struct rather than a tr() function, so that lupdate files every string below
// under the context the code looks it up in.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(RoutePlan)
};
} // namespace

const Endpoint *RoutePlan::endpoint(const QString &id) const
{
    for (const Endpoint &candidate : endpoints) {
        if (candidate.id == id)
            return &candidate;
    }
    return nullptr;
}

QStringList RoutePlan::validate() const
{
    QStringList problems;
    QSet<QString> ids;
    for (const Endpoint &candidate : endpoints) {
        if (candidate.id.isEmpty())
            problems << Text::tr("An endpoint has no id.");
        else if (ids.contains(candidate.id))
            problems << Text::tr("Endpoint id \"%1\" is used twice.").arg(candidate.id);
        ids.insert(candidate.id);
        const QString scheme = candidate.baseUrl.scheme();
        if (!candidate.baseUrl.isValid() || candidate.baseUrl.host().isEmpty()
            || (scheme != "http"_L1 && scheme != "https"_L1)) {
            problems << Text::tr("Endpoint \"%1\" needs an http:// or https:// base URL.")
                            .arg(candidate.id);
        } else if (candidate.baseUrl.hasFragment()) {
            // A fragment never reaches the server; and one holding a '#' does not
            // survive saving (Qt writes it as %23 and reads that back as another URL).
            problems << Text::tr("Endpoint \"%1\": a base URL has no #fragment.").arg(candidate.id);
        }
        if (const QString problem = EndpointParam::problemOf(candidate); !problem.isEmpty())
            problems << problem;
    }
    static const QStringList sorts { QString(), u"price"_s, u"throughput"_s, u"latency"_s };
    static const QStringList dataPolicies { QString(), u"allow"_s, u"deny"_s };
    bool anyEnabled = false;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const RouteStep &step = steps[i];
        anyEnabled = anyEnabled || step.enabled;
        const QString where = Text::tr("Step %1").arg(i + 1);
        if (!endpoint(step.endpointId))
            problems << Text::tr("%1 uses endpoint \"%2\", which the route does not define.")
                            .arg(where, step.endpointId);
        if (step.target.model.trimmed().isEmpty())
            problems << Text::tr("%1 has no model.").arg(where);
        if (!sorts.contains(step.target.provider.sort))
            problems
                << Text::tr("%1: provider sort must be price, throughput or latency.").arg(where);
        if (!dataPolicies.contains(step.target.provider.dataCollection))
            problems << Text::tr("%1: data collection must be allow or deny.").arg(where);
        const QStringList &only = step.target.provider.only;
        if (!only.isEmpty()) {
            bool anyLeft = false;
            for (const QString &provider : only)
                anyLeft = anyLeft || !step.target.provider.ignore.contains(provider);
            if (!anyLeft)
                problems << Text::tr("%1 ignores every provider it allows.").arg(where);
        }
    }
    if (!anyEnabled)
        problems << Text::tr("The route has no enabled step.");
    return problems;
}

RoutePlan RoutePlan::redirectedTo(const QUrl &baseUrl) const
{
    RoutePlan copy = *this;
    for (Endpoint &candidate : copy.endpoints) {
        candidate.baseUrl = baseUrl;
        candidate.keyEnv.clear(); // a real key never goes to the simulator
    }
    return copy;
}

} // namespace detour
