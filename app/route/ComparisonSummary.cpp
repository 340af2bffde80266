// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ComparisonSummary.h"

#include "TurnBadge.h"

#include <QCoreApplication>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// A struct rather than a tr() function, so that lupdate files every string below
// under the context the code looks it up in.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(ComparisonSummary)
};

// The index of the smallest `value` among the entries it gives one for; ties go to the
// earlier column.
template<typename Value> int smallest(const QList<ComparisonSummary::Entry> &entries, Value value)
{
    int best = -1;
    for (int i = 0; i < entries.size(); ++i) {
        const auto v = value(entries[i]);
        if (!v || (best >= 0 && *v >= *value(entries[best])))
            continue;
        best = i;
    }
    return best;
}

} // namespace

ComparisonSummary ComparisonSummary::of(const QList<Entry> &entries)
{
    using Ms = std::optional<qint64>;
    ComparisonSummary summary;
    summary.firstToken = smallest(entries,
        [](const Entry &e) { return e.served && e.firstTokenMs >= 0 ? Ms(e.firstTokenMs) : Ms(); });
    summary.fastest = smallest(entries,
        [](const Entry &e) { return e.served && e.durationMs >= 0 ? Ms(e.durationMs) : Ms(); });
    summary.cheapest = smallest(
        entries, [](const Entry &e) { return e.served ? e.cost : std::optional<double>(); });
    return summary;
}

QString ComparisonSummary::text(const QList<Entry> &entries) const
{
    if (entries.isEmpty())
        return {};
    if (fastest < 0 && firstToken < 0)
        return Text::tr("No route served this question.");
    QStringList parts;
    if (firstToken >= 0) {
        parts << Text::tr("first token: %1 (%2)")
                     .arg(entries[firstToken].name,
                         TurnBadge::seconds(entries[firstToken].firstTokenMs));
    }
    if (fastest >= 0) {
        parts << Text::tr("fastest overall: %1 (%2)")
                     .arg(entries[fastest].name, TurnBadge::seconds(entries[fastest].durationMs));
    }
    parts << (cheapest >= 0
            ? Text::tr("cheapest: %1 (%2)")
                  .arg(entries[cheapest].name, TurnBadge::dollars(*entries[cheapest].cost))
            : Text::tr("cost not known"));
    QString sentence = parts.join(Text::tr("; ")) + u'.';
    sentence[0] = sentence[0].toUpper();
    return sentence;
}

std::optional<double> ComparisonSummary::tokensPerSecond(const TurnResult &result)
{
    const Attempt *served = result.served();
    if (!served || !served->usage || served->usage->completionTokens <= 0)
        return std::nullopt;
    const AttemptTimings &t = served->timings;
    if (t.firstTokenMs < 0 || t.lastTokenMs <= t.firstTokenMs)
        return std::nullopt;
    return double(served->usage->completionTokens) * 1000.0
        / double(t.lastTokenMs - t.firstTokenMs);
}

std::optional<double> ComparisonSummary::cost(const TurnResult &result)
{
    const Attempt *served = result.served();
    return served && served->usage ? served->usage->cost : std::nullopt;
}

} // namespace detour
