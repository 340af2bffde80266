// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "JavaScriptParts.h"

namespace detour {

using namespace Qt::StringLiterals;

QString JavaScriptParts::errorOf(bool typeScript)
{
    const QString signature = typeScript
        ? u"function errorOf(reply: object, finishReason?: string | null): string | undefined {\n"
          u"  const error = (reply as { error?: { message?: string } }).error;\n"_s
        : u"function errorOf(reply, finishReason) {\n"
          u"  const error = reply.error;\n"_s;
    return u"// OpenRouter reports some failures inside a 200: an `error` object in the body\n"
           u"// or in a streamed chunk, or a choice that finished with \"error\".\n"_s
        + signature
        + u"  if (error) return error.message ?? JSON.stringify(error);\n"
          u"  if (finishReason === \"error\") return 'the reply finished with \"error\"';\n"
          u"  return undefined;\n"
          u"}\n\n"_s;
}

QString JavaScriptParts::failureBranch(const QString &indent)
{
    const QString lines[] = {
        u"const reason = error instanceof Error ? error.message : String(error);"_s,
        u"if (started) {"_s,
        u"  // Like Detour: once the text has started there is no falling back."_s,
        u"  process.stdout.write(\"\\n\");"_s,
        u"  console.error(`${what} failed after its reply had started: ${reason}`);"_s,
        u"  process.exitCode = 3;"_s,
        u"  return;"_s,
        u"}"_s,
        u"console.error(`${what} failed: ${reason}`);"_s,
    };
    QString out;
    for (const QString &line : lines)
        out += indent + line + u'\n';
    return out;
}

} // namespace detour
