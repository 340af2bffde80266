// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RelayReport.h"

#include "GatewayPreset.h"
#include "protocol/ErrorKeywords.h"

#include <QCoreApplication>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(RelayReport)
};

bool sameName(const QString &a, const QString &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

void RelayReport::apply(Attempt &attempt, const Diagnosis &diagnosis, const Endpoint &endpoint)
{
    const ErrorBody &body = diagnosis.error;
    // OpenRouter names the providers behind it in its own fields: relaying is its job,
    // and the rows of its server-side attempts already say who did what. A gateway's
    // envelope is what marks a relay there.
    QString upstream = body.envelopeProvider;
    if (upstream.isEmpty() && endpoint.kind != EndpointKind::OpenRouter)
        upstream = ErrorKeywords::relayedProvider(body.message);
    if (upstream.isEmpty())
        return;

    QString gateway = GatewayPreset::recognize(endpoint);
    if (gateway.isEmpty() && body.message.contains("litellm"_L1, Qt::CaseInsensitive))
        gateway = u"LiteLLM"_s;
    attempt.relayedBy = gateway.isEmpty() ? endpoint.id : gateway;
    attempt.upstream = upstream;
    // The provider behind the upstream: named inside the carried error, or beside it.
    QString behind = body.embeddedProvider;
    if (behind.isEmpty() && !sameName(body.providerName, upstream))
        behind = body.providerName;
    if (!behind.isEmpty() && !sameName(behind, upstream))
        attempt.provider = behind;
    else if (attempt.provider.isEmpty())
        attempt.provider = upstream;
    const QString relay = sentence(attempt);
    attempt.summary = attempt.summary.isEmpty() ? QString(relay + u'.')
                                                : QString(relay + u": "_s + attempt.summary);
}

QString RelayReport::sentence(const Attempt &attempt)
{
    if (attempt.relayedBy.isEmpty() || attempt.upstream.isEmpty())
        return {};
    if (!attempt.provider.isEmpty() && !sameName(attempt.provider, attempt.upstream)) {
        return Text::tr("%1 relayed %2's error (provider %3)")
            .arg(attempt.relayedBy, attempt.upstream, attempt.provider);
    }
    return Text::tr("%1 relayed %2's error").arg(attempt.relayedBy, attempt.upstream);
}

} // namespace detour
