// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// The fuzz targets: one check function per parser. Each feeds the input to the
// parser and verifies properties beyond "no crash" (FuzzCheck.h). The same
// functions run under libFuzzer (FuzzEntry.cpp, `make fuzz`) and in the
// regular test suite, which replays tests/fuzz/regressions/ and the seeds.
#include <QByteArrayView>
#include <array>

namespace detour::fuzz {

// SseParser: one chunk, byte by byte and split at every position all give the
// same events, and the same events as a plain reading of the WHATWG rules.
void checkSseParser(QByteArrayView input);
// ResponseParser: a chunk or an error, never both; text never longer than the
// input; token counts plausible; error messages bounded.
void checkResponseParser(QByteArrayView input);
// ErrorBody + ErrorClassifier on a saved response (or on bare bytes as a body):
// a diagnosis that says something, prints as JSON and agrees with itself.
void checkErrorDiagnosis(QByteArrayView input);
// RouteFile: a file that loads re-serialises and reloads equal.
void checkRouteFile(QByteArrayView input);
// RawHttpResponse (`--explain`): what parses re-serialises and parses equal.
void checkRawHttpResponse(QByteArrayView input);
// ChatGptExport (a list) or JanThreads (anything else, as messages.jsonl), then
// HistoryWriter: a refusal says why; what is read is a well-formed forest; it is
// written whole or changes nothing, and a second import adds nothing.
void checkHistoryImport(QByteArrayView input);

struct Target {
    const char *name; // the directory name under regressions/ and seeds/
    void (*check)(QByteArrayView input);
};

inline constexpr std::array targets {
    Target { "sse_parser", &checkSseParser },
    Target { "response_parser", &checkResponseParser },
    Target { "error_diagnosis", &checkErrorDiagnosis },
    Target { "route_file", &checkRouteFile },
    Target { "raw_http_response", &checkRawHttpResponse },
    Target { "history_import", &checkHistoryImport },
};

} // namespace detour::fuzz
