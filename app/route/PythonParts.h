// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace detour {

// The pieces the two Python exports share, so that both judge a reply the same
// way: what counts as an error inside a 200, and what a failure does once the
// text has started (print what came, say why, exit status 3) or before it.
class PythonParts final {
public:
    // The function `error_of(reply, finish_reason=None)`.
    static QString errorOf();
    // Lines at `indent` that handle `error` for the step named `what` (an
    // expression): after `started`, end with exit status 3; else say why.
    static QString failureBranch(const QString &indent, const QString &what);
};

} // namespace detour
