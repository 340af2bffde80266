// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QLatin1StringView>
#include <QString>
#include <QStringView>
#include <array>
#include <cstddef>
#include <optional>
#include <utility>

namespace detour {

// The stable wire names of an enum, both directions from one table. Each enum
// keeps its table in its own .cpp beside `xName()` / `xFromName()`:
//
//     constexpr EnumNames outcomeNames { std::array {
//         std::pair { Outcome::Served, "served"_L1 }, ... } };
//     QString outcomeName(Outcome o) { return outcomeNames.name(o); }
//
// A value missing from its table has the empty name; an unknown name no value.
template<typename Enum, std::size_t Size> class EnumNames final {
public:
    using Entry = std::pair<Enum, QLatin1StringView>;

    constexpr explicit EnumNames(std::array<Entry, Size> entries)
        : m_entries(entries)
    {
    }

    QString name(Enum value) const
    {
        for (const auto &[candidate, candidateName] : m_entries) {
            if (candidate == value)
                return QString(candidateName);
        }
        return {};
    }

    std::optional<Enum> value(QStringView name) const
    {
        for (const auto &[candidate, candidateName] : m_entries) {
            if (name == candidateName)
                return candidate;
        }
        return std::nullopt;
    }

    constexpr const std::array<Entry, Size> &entries() const { return m_entries; }

private:
    std::array<Entry, Size> m_entries;
};

} // namespace detour
