#include "RouteSort.h"

#include <array>
#include <utility>

namespace detour {
namespace {

constexpr std::array sortNames {
    std::pair { RouteSort::None, QLatin1StringView("none") },
    std::pair { RouteSort::Throughput, QLatin1StringView("throughput") },
    std::pair { RouteSort::Latency, QLatin1StringView("latency") },
    std::pair { RouteSort::SuccessRate, QLatin1StringView("success_rate") },
};

} // namespace

QString routeSortName(RouteSort sort)
{
    for (const auto &[candidate, name] : sortNames) {
        if (candidate == sort)
            return QString(name);
    }
    return {};
}

std::optional<RouteSort> routeSortFromName(const QString &name)
{
    for (const auto &[candidate, candidateName] : sortNames) {
        if (name == candidateName)
            return candidate;
    }
    return std::nullopt;
}

} // namespace detour
