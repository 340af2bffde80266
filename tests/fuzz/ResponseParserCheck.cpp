// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "FuzzCheck.h"
#include "FuzzTargets.h"
#include "protocol/ErrorClassifier.h"
#include "protocol/JsonUtil.h"
#include "protocol/ResponseParser.h"

#include <cmath>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace detour::fuzz {
namespace {

// Integers above this cannot be told apart as doubles: the parser ignores them.
constexpr qint64 largestExactInteger = qint64(1) << 53;

bool plausibleCount(qint64 value)
{
    return value >= 0 && value <= largestExactInteger;
}

// Characters a parser may put into an error message: no line breaks or other controls.
bool hasControlCharacters(const QString &text)
{
    for (QChar ch : text) {
        if (ch.unicode() < 0x20 || ch.unicode() == 0x7f)
            return true;
    }
    return false;
}

void checkResult(const Result<CompletionChunk> &result, QByteArrayView input, const char *which)
{
    const QString where = QString::fromLatin1(which);
    FUZZ_CHECK(result.hasValue() != !result.error().isEmpty(),
        where + u": a chunk and an error, or neither: "_s + result.error());
    if (!result) {
        // Bounded whatever the input: a quote of at most 120 bytes and a short reason.
        FUZZ_CHECK(result.error().size() <= 600,
            where + u": error message of %1 characters"_s.arg(result.error().size()));
        FUZZ_CHECK(!hasControlCharacters(result.error()),
            where + u": control characters in the error message: "_s + result.error());
        return;
    }
    const CompletionChunk &chunk = *result;
    // Text comes out of the input: never longer than it (in UTF-16 units per byte).
    for (const QString *text : { &chunk.id, &chunk.model, &chunk.provider, &chunk.content,
             &chunk.reasoning, &chunk.finishReason }) {
        FUZZ_CHECK(text->size() <= input.size(),
            where
                + u": a field of %1 characters from %2 bytes"_s.arg(text->size())
                      .arg(input.size()));
    }
    if (chunk.usage) {
        const Usage &usage = *chunk.usage;
        for (qint64 count : { usage.promptTokens, usage.completionTokens, usage.totalTokens,
                 usage.reasoningTokens }) {
            FUZZ_CHECK(plausibleCount(count), where + u": token count %1"_s.arg(count));
        }
        if (usage.cost)
            FUZZ_CHECK(std::isfinite(*usage.cost), where + u": cost is not finite"_s);
    }
    for (const ServerAttempt &attempt : chunk.routerAttempts) {
        FUZZ_CHECK(attempt.status >= 0 && attempt.status <= 999,
            where + u": attempt status %1"_s.arg(attempt.status));
        if (attempt.latencyMs)
            FUZZ_CHECK(plausibleCount(*attempt.latencyMs),
                where + u": attempt latency %1"_s.arg(*attempt.latencyMs));
    }
    if (chunk.hasError()) {
        // What TurnRunner does with an error chunk.
        const Diagnosis diagnosis = ErrorClassifier::classifyStreamError(
            chunk.error, EndpointKind::OpenRouter, chunk.provider);
        FUZZ_CHECK(!diagnosis.summary.isEmpty(), where + u": an error chunk without a summary"_s);
        FUZZ_CHECK(diagnosis.outcome != Outcome::Served, where + u": an error chunk served"_s);
    }
}

} // namespace

void checkResponseParser(QByteArrayView input)
{
    const Result<CompletionChunk> chunk = ResponseParser::parseChunk(input);
    checkResult(chunk, input, "parseChunk");
    const Result<CompletionChunk> completion = ResponseParser::parseCompletion(input);
    checkResult(completion, input, "parseCompletion");
    FUZZ_CHECK(chunk.hasValue() == completion.hasValue(),
        u"parseChunk and parseCompletion disagree on whether the input is an object"_s);

    // A well-formed object of sane depth is always accepted.
    if (const auto value = json::parse(input); value && value->is_object())
        FUZZ_CHECK(chunk.hasValue(), u"an object refused: "_s + chunk.error());

    // Deep nesting is refused before anything copies or prints the document.
    if (json::nestsDeeperThan(input, json::maxDepth))
        FUZZ_CHECK(!chunk, u"a document nested deeper than json::maxDepth parsed"_s);
}

} // namespace detour::fuzz
