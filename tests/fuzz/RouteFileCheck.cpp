// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "FuzzCheck.h"
#include "FuzzTargets.h"
#include "route/RouteFile.h"

using namespace Qt::StringLiterals;

namespace detour::fuzz {

void checkRouteFile(QByteArrayView input)
{
    const Result<RoutePlan> plan = RouteFile::read(input);
    const QString &error = plan.error();
    if (!plan) {
        FUZZ_CHECK(!error.isEmpty(), u"refused without saying why"_s);
        return;
    }
    FUZZ_CHECK(plan->validate().isEmpty(),
        u"loaded a plan that does not validate: "_s + plan->validate().join(u' '));
    const RoutePolicy &policy = plan->policy;
    FUZZ_CHECK(policy.maxRetries >= 0, u"negative max_retries"_s);
    for (milliseconds duration :
        { policy.backoffBase, policy.backoffCap, policy.connectTimeout, policy.firstTokenTimeout,
            policy.idleTimeout, policy.totalTimeout, policy.cooldownDefault, policy.cooldownCap }) {
        FUZZ_CHECK(duration.count() >= 0, u"a negative duration: %1 ms"_s.arg(duration.count()));
    }

    // What loads, saves; what is saved loads back equal, and saves the same bytes.
    const QByteArray written = RouteFile::write(*plan);
    const Result<RoutePlan> reloaded = RouteFile::read(written);
    const QString &reloadError = reloaded.error();
    FUZZ_CHECK(reloaded.hasValue(),
        u"the saved file does not load: "_s + reloadError + u"\n"_s + QString::fromUtf8(written));
    FUZZ_CHECK(
        *reloaded == *plan, u"the saved file loads different: "_s + QString::fromUtf8(written));
    FUZZ_CHECK(RouteFile::write(*reloaded) == written, u"saving is not stable"_s);
}

} // namespace detour::fuzz
