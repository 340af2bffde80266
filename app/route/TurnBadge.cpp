// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "TurnBadge.h"

#include <QCoreApplication>
#include <QLocale>
#include <algorithm>
#include <cmath>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// A struct rather than a tr() function, so that lupdate files every string below
// under the context the code looks it up in.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(TurnBadge)
};

} // namespace

QString TurnBadge::seconds(qint64 ms)
{
    return Text::tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
}

QString TurnBadge::dollars(double cost)
{
    // Two significant digits, so small costs stay readable: $0.0003, not $0.00 or 3e-04.
    if (cost == 0)
        return u"$0"_s;
    const int magnitude = int(std::floor(std::log10(std::abs(cost))));
    const int decimals = std::clamp(1 - magnitude, 2, 10);
    QString text = QString::number(cost, 'f', decimals);
    const qsizetype point = text.indexOf(u'.');
    while (text.size() > point + 3 && text.endsWith(u'0'))
        text.chop(1);
    // The digits in the person's locale, like every other number on screen.
    const QLocale locale;
    return u'$' + text.replace(u'.', locale.decimalPoint());
}

QString TurnBadge::fallbacks(int count)
{
    // Two forms rather than %n: exports and --ask also run without a translator.
    return count == 1 ? Text::tr("after 1 fallback") : Text::tr("after %1 fallbacks").arg(count);
}

QString TurnBadge::text(const TurnResult &result)
{
    switch (result.status) {
    case TurnResult::Status::Failed:
        return Text::tr("Not served: %1").arg(result.summary);
    case TurnResult::Status::Cancelled:
        return Text::tr("Stopped.");
    case TurnResult::Status::Interrupted:
        return Text::tr("Interrupted: %1").arg(result.summary);
    case TurnResult::Status::Served:
        break;
    }
    const Attempt *served = result.served();
    if (!served)
        return {};
    QStringList parts;
    if (!served->provider.isEmpty())
        parts << served->provider;
    parts << (served->servedModel.isEmpty() ? served->requestedModel : served->servedModel);
    if (const int count = fallbackCount(result.attempts, result.servedAttempt))
        parts << fallbacks(count);
    if (served->timings.firstTokenMs >= 0)
        parts << Text::tr("first token %1").arg(seconds(served->timings.firstTokenMs));
    parts << seconds(result.durationMs);
    if (served->usage) {
        parts << Text::tr("%1 tok").arg(served->usage->totalTokens);
        if (served->usage->cost)
            parts << dollars(*served->usage->cost);
    }
    return parts.join(u" · "_s);
}

} // namespace detour
