// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

class QTextStream;

namespace detour {

// `detour --explain FILE [--kind openrouter|openai]`: diagnoses a saved raw
// HTTP response ("-" reads stdin) and prints one JSON object.
class ExplainCommand final {
public:
    static int run(const QString &file, const QString &kind, QTextStream &out, QTextStream &err);
};

} // namespace detour
