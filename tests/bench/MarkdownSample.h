// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace detour::sample {

// Reply-shaped Markdown for the benchmarks: a heading, a paragraph, a list and
// a fenced code block, varied by `seed` so that no two sections are the same.
QString section(int seed);

// Sections one after another until the text has `tokens` whitespace-separated
// tokens (the simulator streams one such token per chunk); cut to exactly that.
QString reply(int tokens);

} // namespace detour::sample
