// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Endpoint.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace detour {

// How exported code writes values: string literals, shell words, comments,
// JSON values as Python or TypeScript literals in the formatters' style
// (black, prettier), and variable names. Shared by every language of
// RouteCodeExporter.
class CodeLiteral final {
public:
    enum class Syntax { Python, TypeScript };

    // Route names, ids and models are shown in comments: one line, nothing invisible.
    static QString commentText(const QString &text);
    // A double-quoted string literal, valid and equal to `text` in Python 3 and in
    // TypeScript. Visible non-ASCII text is kept readable; astral characters that
    // must be escaped are one \U escape in Python and a surrogate pair in TypeScript.
    static QString quoted(const QString &text, Syntax syntax);
    static bool isAsciiIdentifier(const QString &text, bool allowDollar);
    // A name sh passes on from the environment; empty (keyless) counts: nothing is read then.
    static bool isShellName(const QString &variable);
    // POSIX sh: a single-quoted word, with ' written as '\''.
    static QString shellQuoted(const QString &text);
    // The URL without its password (a secret too).
    static QString urlText(const QUrl &url);
    // A variable per endpoint: openrouter_client (Python), openrouterClient (TypeScript).
    static QList<QString> clientNames(const QList<const Endpoint *> &endpoints, Syntax syntax);
    // `name=os.environ["KEY"],` for the endpoint's key variable, or a placeholder
    // with a comment for a keyless endpoint.
    static QString pythonKeyArgument(const Endpoint &endpoint, const QString &name);
    // The same in TypeScript / JavaScript: `name: process.env.KEY,`, or a placeholder.
    static QString javaScriptKeyArgument(const Endpoint &endpoint, const QString &name);

    static int lineLimit(Syntax syntax); // black's and prettier's defaults
    // `value` on one line.
    static QString flatLiteral(const nlohmann::ordered_json &value, Syntax syntax);
    // `prefix` then `value` on a line indented by `indent`: on that line when it
    // fits, else one item per line with trailing commas (the formatters' style).
    static QString assignment(const QString &prefix, const nlohmann::ordered_json &value,
        Syntax syntax, qsizetype indent);

    // Same values, same (sorted) order; dump() round-trips numbers exactly.
    static nlohmann::ordered_json ordered(const nlohmann::json &value);
    // The body without `messages`, "model" first: the per-step request parameters.
    static nlohmann::ordered_json parameters(const nlohmann::json &body);

private:
    static QString literal(
        const nlohmann::ordered_json &value, Syntax syntax, qsizetype indent, qsizetype column);
    static QString keyText(const std::string &key, Syntax syntax);
};

} // namespace detour
