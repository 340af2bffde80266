// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "PythonParts.h"

namespace detour {

using namespace Qt::StringLiterals;

QString PythonParts::errorOf()
{
    return u"def error_of(reply, finish_reason=None):\n"
           u"    \"\"\"OpenRouter reports some failures inside a 200: an `error` in the body or\n"
           u"    in a streamed chunk, or a choice that finished with \"error\".\"\"\"\n"
           u"    error = getattr(reply, \"error\", None)\n"
           u"    if error:\n"
           u"        return error.get(\"message\", str(error)) if isinstance(error, dict) else "
           u"str(error)\n"
           u"    if finish_reason == \"error\":\n"
           u"        return 'the reply finished with \"error\"'\n"
           u"    return None\n\n\n"_s;
}

QString PythonParts::failureBranch(const QString &indent, const QString &what)
{
    const QString lines[] = {
        u"if started:"_s,
        u"    # Like Detour: once the text has started there is no falling back."_s,
        u"    print()"_s,
        u"    print(f\"{"_s + what
            + u"} failed after its reply had started: {error}\", file=sys.stderr)"_s,
        u"    sys.exit(3)"_s,
        u"print(f\"{"_s + what + u"} failed: {error}\", file=sys.stderr)"_s,
    };
    QString out;
    for (const QString &line : lines)
        out += indent + line + u'\n';
    return out;
}

} // namespace detour
