// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "route/Attempt.h"

#include <QString>

namespace detour {

// "Copy as report": one attempt as Markdown — diagnosis, timings, redacted
// headers, the raw body pretty-printed (with metadata.raw decoded when it is
// nested JSON). Attempts never hold request headers, so no key can appear.
class AttemptReport final {
public:
    // The inspector shows the summary above its fixes already; a pasted report needs it.
    enum class Summary { Included, LeftOut };
    static QString markdown(const Attempt &attempt, Summary summary = Summary::Included);
    // The body as indented JSON when it parses (nested `raw` decoded), else as received.
    static QString prettyBody(const QByteArray &body);
};

} // namespace detour
