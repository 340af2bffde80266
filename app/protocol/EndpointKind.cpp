// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "EndpointKind.h"

#include "EnumNames.h"

namespace detour {
namespace {

using namespace Qt::StringLiterals;

constexpr EnumNames kindNames { std::array {
    std::pair { EndpointKind::OpenRouter, "openrouter"_L1 },
    std::pair { EndpointKind::OpenAiCompatible, "openai"_L1 },
} };

} // namespace

QString endpointKindName(EndpointKind kind)
{
    return kindNames.name(kind);
}

std::optional<EndpointKind> endpointKindFromName(const QString &name)
{
    return kindNames.value(name);
}

} // namespace detour
