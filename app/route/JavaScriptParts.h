// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace detour {

// The pieces the TypeScript and the LangChain (JavaScript) exports share, so
// that both judge a reply the same way: what counts as an error inside a 200,
// and what a failure does once the text has started (print what came, say why,
// exit status 3) or before (say why, try the next step).
class JavaScriptParts final {
public:
    // The function `errorOf(reply, finishReason)`, typed when `typeScript`.
    static QString errorOf(bool typeScript);
    // The body of a catch block of `error`, at `indent`; reads `started` and `what`
    // (who failed), returns when the reply had started.
    static QString failureBranch(const QString &indent);
};

} // namespace detour
