// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Property checks for the fuzz targets. A broken property is a finding like a
// crash: FUZZ_CHECK prints what broke and aborts, so libFuzzer keeps the input.
// The replay test (test_fuzz_regressions) installs a handler that throws
// instead, so that one bad input fails one test row rather than the whole run.
#include <QString>
#include <cstdio>
#include <cstdlib>

namespace detour::fuzz {

using FailureHandler = void (*)(const QString &message);

inline FailureHandler &failureHandler()
{
    static FailureHandler handler = nullptr;
    return handler;
}

[[noreturn]] inline void checkFailed(
    const char *file, int line, const char *condition, const QString &detail)
{
    const QString message = QStringLiteral("%1:%2: property broken: %3%4")
                                .arg(QString::fromUtf8(file))
                                .arg(line)
                                .arg(QString::fromUtf8(condition),
                                    detail.isEmpty() ? QString() : QStringLiteral(" — ") + detail);
    if (FailureHandler handler = failureHandler())
        handler(message); // throws in the replay test
    std::fprintf(stderr, "%s\n", message.toLocal8Bit().constData());
    std::abort();
}

// Shows bytes in a failure message: printable ASCII as is, the rest as \xNN, at most 300 bytes.
inline QString printable(QByteArrayView bytes)
{
    constexpr qsizetype limit = 300;
    QString text;
    for (qsizetype i = 0; i < bytes.size() && i < limit; ++i) {
        const auto byte = static_cast<unsigned char>(bytes[i]);
        if (byte >= 0x20 && byte < 0x7f && byte != '\\')
            text += QChar(char16_t(byte));
        else
            text += QStringLiteral("\\x%1").arg(byte, 2, 16, QChar(u'0'));
    }
    if (bytes.size() > limit)
        text += QStringLiteral("... (%1 bytes)").arg(bytes.size());
    return text;
}

} // namespace detour::fuzz

// `detail` (a QString) is only evaluated when the check fails.
#define FUZZ_CHECK(condition, detail)                                                              \
    do {                                                                                           \
        if (!(condition))                                                                          \
            ::detour::fuzz::checkFailed(__FILE__, __LINE__, #condition, (detail));                 \
    } while (false)
