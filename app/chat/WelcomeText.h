// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QCoreApplication>

namespace detour {

struct RoutePlan;

// What an empty chat says: what Detour does, the active route, and a sample
// question as a "prompt:" link (its text percent-encoded) to start with.
class WelcomeText final {
    Q_DECLARE_TR_FUNCTIONS(detour::WelcomeText)

public:
    static QString html(const RoutePlan &route, bool simulated);
    static QString samplePrompt();
};

} // namespace detour
