// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "TurnBadge.h"

#include "protocol/NumberText.h"

#include <QCoreApplication>
#include <algorithm>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// A struct rather than a tr() function, so that lupdate files every string below
// under the context the code looks it up in.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(TurnBadge)
};

} // namespace

QString TurnBadge::seconds(qint64 ms, const QLocale &locale)
{
    return NumberText::seconds(double(ms) / 1000.0, 1, locale);
}

QString TurnBadge::dollars(double cost, const QLocale &locale)
{
    return NumberText::dollars(cost, locale);
}

QString TurnBadge::hedged(const TurnResult &result)
{
    const Attempt *served = result.served();
    if (!served)
        return {};
    qint64 by = -1;
    for (const Attempt &attempt : result.attempts)
        by = std::max(by, attempt.lostRaceByMs());
    if (by < 0)
        return {};
    const QString winner = !served->provider.isEmpty() ? served->provider
        : served->servedModel.isEmpty()                ? served->requestedModel
                                                       : served->servedModel;
    return Text::tr("hedged: %1 was first by %2").arg(winner, seconds(by));
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
    if (const QString race = hedged(result); !race.isEmpty())
        parts << race;
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

namespace detour {

QList<TurnBadge::Hop> TurnBadge::hops(const TurnResult &result)
{
    QList<Hop> hops;
    const auto add = [&hops](Hop hop) {
        if (!hops.isEmpty()) {
            Hop &last = hops.last();
            if (last.outcome == hop.outcome && last.who == hop.who
                && last.httpStatus == hop.httpStatus && last.serverSide == hop.serverSide) {
                ++last.count;
                return;
            }
        }
        hops.append(hop);
    };
    for (const Attempt &attempt : result.attempts) {
        for (const ServerAttempt &server : attempt.serverAttempts) {
            if (server.status == 200)
                continue; // the request itself stands for the provider that answered
            add({ server.status == 429 ? Outcome::RateLimitedUpstream : Outcome::ServerError,
                server.provider.isEmpty() ? server.model : server.provider, server.status, true });
        }
        QString who = attempt.provider;
        if (who.isEmpty())
            who = attempt.requestedModel.isEmpty() ? attempt.endpointId : attempt.requestedModel;
        add({ attempt.outcome, who, attempt.httpStatus == 200 ? 0 : attempt.httpStatus, false });
    }
    return hops;
}

QString TurnBadge::symbol(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Served:
        return u"✓"_s;
    case Outcome::Skipped:
        return u"↷"_s;
    default:
        return u"✗"_s;
    }
}

QString TurnBadge::hopText(const Hop &hop)
{
    QString text = symbol(hop.outcome) + u' ' + hop.who;
    if (hop.httpStatus > 0)
        text = Text::tr("%1 %2", "attempts line: who, HTTP status").arg(text).arg(hop.httpStatus);
    else if (hop.outcome != Outcome::Served)
        text =
            Text::tr("%1 · %2", "attempts line: who, outcome").arg(text, outcomeLabel(hop.outcome));
    if (hop.count > 1)
        text = Text::tr("%1 ×%2", "attempts line: a hop repeated").arg(text).arg(hop.count);
    return text;
}

QString TurnBadge::attemptsLine(const TurnResult &result)
{
    const QList<Hop> all = hops(result);
    if (all.isEmpty()
        || (all.size() == 1 && all.first().outcome == Outcome::Served && all.first().count == 1))
        return {};
    QStringList parts;
    for (const Hop &hop : all)
        parts << hopText(hop);
    return parts.join(u" → "_s);
}

} // namespace detour
