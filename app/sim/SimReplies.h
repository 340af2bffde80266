// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <nlohmann/json_fwd.hpp>

namespace detour {

// The replies of a scenario with "reply_by_question": true (the built-in demo): the served
// text follows what was asked, so that the demo shows what the chat pane renders. The same
// question always gets the same reply (no randomness, no network). Rules, first match wins,
// on the last user message, case-insensitive:
//
//   code   code, function, script, snippet, example, program, implement, python, c++, cpp,
//          javascript, typescript, bash, shell, sql, rust
//          -> a short intro and a fenced code block (language from the question, else python)
//   table  table, compare, comparison, versus, vs, difference(s)
//          -> a Markdown table
//   list   list, steps, step by step, how do/can I, how to, checklist, bullet(s), tips, ideas,
//          ways -> a numbered list (steps, how to) or a bulleted one
//   long   long, in detail, detailed, in depth, essay, thorough, elaborate
//          -> several paragraphs, a few hundred words
//   greeting  a short message that opens with hello / hi / hey / hallo (or no text)
//          -> the scenario's own "reply" (the demo's explanation, in the UI's language)
//   else   one of a few short answers, picked by a stable hash of the question
//
// Every composed reply names the provider that served it.
class SimReplies final {
public:
    SimReplies() = delete;

    enum class Kind { Code, Table, List, Long, Greeting, Short };

    static Kind classify(const QString &question);
    static QString compose(const QString &question, const QString &model, const QString &provider,
        const QString &greeting);

    // The text of a chat request's last user message (or its "prompt").
    static QString question(const nlohmann::json &request);
};

} // namespace detour
