// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RetryAfter.h"

#include <QDate>
#include <QTime>
#include <QTimeZone>
#include <algorithm>
#include <array>
#include <cmath>

namespace detour {
namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// A plain non-negative decimal ("8", "7.66", ".5"); no sign, exponent, hex, inf or nan.
std::optional<double> parseDecimal(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 32)
        return std::nullopt;
    int digits = 0;
    bool dot = false;
    for (char c : text) {
        if (isDigit(c)) {
            ++digits;
        } else if (c == '.' && !dot) {
            dot = true;
        } else {
            return std::nullopt;
        }
    }
    if (digits == 0)
        return std::nullopt;
    bool ok = false;
    const double value = text.toByteArray().toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<int> parseInt(QByteArrayView text, int minDigits, int maxDigits)
{
    if (text.size() < minDigits || text.size() > maxDigits)
        return std::nullopt;
    int value = 0;
    for (char c : text) {
        if (!isDigit(c))
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

std::optional<int> monthFromName(QByteArrayView name)
{
    static constexpr std::array<const char *, 12> months { "jan", "feb", "mar", "apr", "may", "jun",
        "jul", "aug", "sep", "oct", "nov", "dec" };
    for (int i = 0; i < 12; ++i) {
        if (name.compare(QByteArrayView(months[i]), Qt::CaseInsensitive) == 0)
            return i + 1;
    }
    return std::nullopt;
}

std::optional<QTime> timeFromText(QByteArrayView text)
{
    if (text.size() != 8 || text[2] != ':' || text[5] != ':')
        return std::nullopt;
    const auto h = parseInt(text.sliced(0, 2), 2, 2);
    const auto m = parseInt(text.sliced(3, 2), 2, 2);
    const auto s = parseInt(text.sliced(6, 2), 2, 2);
    if (!h || !m || !s)
        return std::nullopt;
    const QTime time(*h, *m, std::min(*s, 59)); // a leap second is the end of that minute
    return time.isValid() ? std::optional(time) : std::nullopt;
}

// A four-digit year, or RFC 850's two digits (70-99: 19xx, else 20xx).
std::optional<int> yearFromText(QByteArrayView text)
{
    if (text.size() == 4)
        return parseInt(text, 4, 4);
    const auto twoDigits = parseInt(text, 2, 2);
    if (!twoDigits)
        return std::nullopt;
    return *twoDigits + (*twoDigits < 70 ? 2000 : 1900);
}

// RFC 9110 HTTP-date in its three historic forms:
//   IMF-fixdate  "Sun, 06 Nov 1994 08:49:37 GMT"
//   RFC 850      "Sunday, 06-Nov-94 08:49:37 GMT"
//   asctime      "Sun Nov  6 08:49:37 1994"
std::optional<QDateTime> parseHttpDate(QByteArrayView text)
{
    QList<QByteArrayView> tokens;
    qsizetype start = -1;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        const bool separator =
            i == text.size() || text[i] == ' ' || text[i] == ',' || text[i] == '-';
        if (separator && start >= 0) {
            tokens.append(text.sliced(start, i - start));
            start = -1;
        } else if (!separator && start < 0) {
            start = i;
        }
    }
    // Drop the weekday: it is redundant and not checked.
    if (!tokens.isEmpty() && !tokens.front().isEmpty() && !isDigit(tokens.front().front())
        && !monthFromName(tokens.front()))
        tokens.removeFirst();

    std::optional<int> day, month, year;
    std::optional<QTime> time;
    if (tokens.size() == 5 && tokens[4].compare("GMT", Qt::CaseInsensitive) == 0) {
        day = parseInt(tokens[0], 1, 2);
        month = monthFromName(tokens[1]);
        year = yearFromText(tokens[2]);
        time = timeFromText(tokens[3]);
    } else if (tokens.size() == 4) {
        month = monthFromName(tokens[0]);
        day = parseInt(tokens[1], 1, 2);
        time = timeFromText(tokens[2]);
        year = parseInt(tokens[3], 4, 4);
    }
    if (!day || !month || !year || !time)
        return std::nullopt;
    const QDate date(*year, *month, *day);
    if (!date.isValid())
        return std::nullopt;
    return QDateTime(date, *time, QTimeZone::utc());
}

double secondsUntil(const QDateTime &now, const QDateTime &then)
{
    return std::max(0.0, double(now.msecsTo(then)) / 1000.0);
}

std::optional<double> fromRetryAfterMs(QByteArrayView value)
{
    if (const auto ms = parseDecimal(value))
        return *ms / 1000.0;
    return std::nullopt;
}

std::optional<double> fromRetryAfter(QByteArrayView value, const QDateTime &now)
{
    if (const auto seconds = parseDecimal(value))
        return *seconds;
    if (!now.isValid())
        return std::nullopt;
    if (const auto date = parseHttpDate(value))
        return secondsUntil(now, *date);
    return std::nullopt;
}

// OpenRouter sends epoch milliseconds; others send epoch seconds, delta seconds
// or a duration with units.
std::optional<double> fromRateLimitReset(QByteArrayView value, const QDateTime &now)
{
    if (const auto number = parseDecimal(value)) {
        constexpr double epochMsFrom = 1e11; // 1973 in ms; year 5138 in seconds
        constexpr double epochSecondsFrom = 1e8; // 1973 in seconds; ~3 years as a delta
        if (*number < epochSecondsFrom)
            return *number;
        if (!now.isValid())
            return std::nullopt;
        const double nowMs = double(now.toMSecsSinceEpoch());
        const double resetMs = *number >= epochMsFrom ? *number : *number * 1000.0;
        return std::max(0.0, (resetMs - nowMs) / 1000.0);
    }
    if (const auto duration = parseDurationText(value))
        return duration;
    if (!now.isValid())
        return std::nullopt;
    if (const auto date = parseHttpDate(value))
        return secondsUntil(now, *date);
    return std::nullopt;
}

} // namespace

std::optional<double> retryAfterSeconds(const HttpHeaders &headers, const QDateTime &now)
{
    // A header with a value we cannot read counts as absent: the next one is tried.
    const auto value = [&](QByteArrayView name) -> std::optional<QByteArray> {
        auto found = headerValue(headers, name);
        if (found)
            *found = found->trimmed();
        return found;
    };
    // Absolute times count from the response's own Date when it has one: a saved
    // response explained later, or a server whose clock is off from ours, still
    // gives the wait it asked for (at worst a second long, Date having whole seconds).
    QDateTime reference = now;
    if (const auto date = value("date")) {
        if (const auto sent = parseHttpDate(*date))
            reference = *sent;
    }
    std::optional<double> seconds;
    if (const auto v = value("retry-after-ms"))
        seconds = fromRetryAfterMs(*v);
    if (!seconds) {
        if (const auto v = value("retry-after"))
            seconds = fromRetryAfter(*v, reference);
    }
    if (!seconds) {
        if (const auto v = value("x-ratelimit-reset"))
            seconds = fromRateLimitReset(*v, reference);
    }
    for (QByteArrayView name : { QByteArrayView("x-ratelimit-reset-requests"),
             QByteArrayView("x-ratelimit-reset-tokens") }) {
        if (seconds)
            break;
        if (const auto v = value(name))
            seconds = parseDurationText(*v);
    }
    if (!seconds || !std::isfinite(*seconds))
        return std::nullopt;
    return std::max(0.0, *seconds);
}

std::optional<double> parseDurationText(QByteArrayView text)
{
    text = text.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    // A bare number is seconds.
    if (const auto plain = parseDecimal(text))
        return plain;

    // Go-style durations, as OpenAI-compatible servers print them: "1h2m3.5s", "250ms".
    struct Unit {
        QByteArrayView name;
        double seconds;
    };
    static constexpr std::array<Unit, 7> units { {
        { "ms", 1e-3 },
        { "us", 1e-6 },
        { "\xC2\xB5s", 1e-6 }, // µs
        { "ns", 1e-9 },
        { "h", 3600.0 },
        { "m", 60.0 },
        { "s", 1.0 },
    } };
    double total = 0;
    qsizetype pos = 0;
    while (pos < text.size()) {
        qsizetype numberEnd = pos;
        while (numberEnd < text.size() && (isDigit(text[numberEnd]) || text[numberEnd] == '.'))
            ++numberEnd;
        const auto number = parseDecimal(text.sliced(pos, numberEnd - pos));
        if (!number)
            return std::nullopt;
        const QByteArrayView rest = text.sliced(numberEnd);
        const Unit *unit = nullptr;
        for (const Unit &candidate : units) {
            if (rest.startsWith(candidate.name)) {
                unit = &candidate;
                break;
            }
        }
        if (!unit)
            return std::nullopt;
        total += *number * unit->seconds;
        pos = numberEnd + unit->name.size();
    }
    if (!std::isfinite(total))
        return std::nullopt;
    return total;
}

} // namespace detour
