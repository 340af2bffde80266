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

QString seconds(qint64 ms)
{
    return Text::tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
}

QString cost(double dollars)
{
    // Two significant digits, so small costs stay readable: $0.0003, not $0.00 or 3e-04.
    const int decimals =
        dollars > 0 ? std::clamp(1 - int(std::floor(std::log10(dollars))), 2, 10) : 2;
    QString text = QString::number(dollars, 'f', decimals);
    while (text.endsWith(u'0') && text.indexOf(u'.') < text.size() - 3)
        text.chop(1);
    return u"$"_s + text;
}

} // namespace

int TurnBadge::fallbacks(const TurnResult &result)
{
    int count = 0;
    for (const Attempt &attempt : result.attempts) {
        if (attempt.index >= result.servedAttempt && result.servedAttempt >= 0)
            break;
        ++count;
    }
    if (const Attempt *served = result.served()) {
        for (const ServerAttempt &server : served->serverAttempts)
            count += server.source == ServerAttempt::Source::RouterMetadata && server.status != 200
                ? 1
                : 0;
    }
    return count;
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
    if (const int count = fallbacks(result))
        parts << (count == 1 ? Text::tr("after 1 fallback")
                             : Text::tr("after %1 fallbacks").arg(count));
    if (served->timings.firstTokenMs >= 0)
        parts << Text::tr("first token %1").arg(seconds(served->timings.firstTokenMs));
    parts << seconds(result.durationMs);
    if (served->usage) {
        parts << Text::tr("%1 tok").arg(served->usage->totalTokens);
        if (served->usage->cost)
            parts << cost(*served->usage->cost);
    }
    return parts.join(u" · "_s);
}

} // namespace detour
