// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Fixtures.h"
#include "HeaderText.h"
#include "protocol/RawHttpResponse.h"
#include "protocol/RetryAfter.h"

#include <QTest>
#include <QTimeZone>
#include <cmath>

using namespace Qt::StringLiterals;
using namespace detour;
using testing::fixedNow;
using testing::headersFrom;

namespace {

QByteArray epochMs(qint64 ms)
{
    return QByteArray::number(ms);
}

} // namespace

class TestRetryAfter final : public QObject {
    Q_OBJECT

private slots:
    void retryAfterSeconds_data();
    void retryAfterSeconds();
    void parseDurationText_data();
    void parseDurationText();
    void fixtureHeaders_data();
    void fixtureHeaders();
    void dateFormsNeedAClock();
};

void TestRetryAfter::retryAfterSeconds_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<bool>("known");
    QTest::addColumn<double>("seconds");

    const qint64 nowMs = fixedNow().toMSecsSinceEpoch();
    const qint64 nowS = nowMs / 1000;

    // retry-after-ms
    QTest::addRow("retry-after-ms") << QByteArray("retry-after-ms: 1500") << true << 1.5;
    QTest::addRow("retry-after-ms fractional")
        << QByteArray("retry-after-ms: 250.5") << true << 0.2505;
    QTest::addRow("Retry-After-Ms mixed case") << QByteArray("Retry-After-Ms: 2000") << true << 2.0;

    // Retry-After: delta seconds
    QTest::addRow("Retry-After seconds") << QByteArray("Retry-After: 8") << true << 8.0;
    QTest::addRow("retry-after lower case") << QByteArray("retry-after: 12") << true << 12.0;
    QTest::addRow("RETRY-AFTER upper case") << QByteArray("RETRY-AFTER: 30") << true << 30.0;
    QTest::addRow("Retry-After fractional") << QByteArray("Retry-After: 2.5") << true << 2.5;
    QTest::addRow("Retry-After zero") << QByteArray("Retry-After: 0") << true << 0.0;
    QTest::addRow("Retry-After padded") << QByteArray("Retry-After:   7   ") << true << 7.0;

    // Retry-After: HTTP-date, relative to now
    QTest::addRow("Retry-After IMF-fixdate")
        << QByteArray("Retry-After: Wed, 30 Sep 2026 18:00:30 GMT") << true << 30.0;
    QTest::addRow("Retry-After RFC 850 date")
        << QByteArray("Retry-After: Wednesday, 30-Sep-26 18:02:00 GMT") << true << 120.0;
    QTest::addRow("Retry-After asctime date")
        << QByteArray("Retry-After: Wed Sep 30 18:00:45 2026") << true << 45.0;
    QTest::addRow("Retry-After asctime single-digit day")
        << QByteArray("Retry-After: Thu Oct  1 00:00:00 2026") << true << 6 * 3600.0;
    QTest::addRow("Retry-After date in the past clamps to 0")
        << QByteArray("Retry-After: Tue, 29 Sep 2026 18:00:00 GMT") << true << 0.0;

    // X-RateLimit-Reset: OpenRouter epoch milliseconds, epoch seconds, durations
    QTest::addRow("X-RateLimit-Reset epoch ms")
        << QByteArray("X-RateLimit-Reset: " + epochMs(nowMs + 3'600'000)) << true << 3600.0;
    QTest::addRow("x-ratelimit-reset epoch ms lower case")
        << QByteArray("x-ratelimit-reset: " + epochMs(nowMs + 1500)) << true << 1.5;
    QTest::addRow("X-RateLimit-Reset epoch ms in the past")
        << QByteArray("X-RateLimit-Reset: " + epochMs(nowMs - 60'000)) << true << 0.0;
    QTest::addRow("X-RateLimit-Reset epoch seconds")
        << QByteArray("X-RateLimit-Reset: " + QByteArray::number(nowS + 90)) << true << 90.0;
    QTest::addRow("X-RateLimit-Reset epoch seconds in the past")
        << QByteArray("X-RateLimit-Reset: " + QByteArray::number(nowS - 90)) << true << 0.0;
    QTest::addRow("X-RateLimit-Reset duration")
        << QByteArray("X-RateLimit-Reset: 7.66s") << true << 7.66;
    QTest::addRow("X-RateLimit-Reset composite duration")
        << QByteArray("X-RateLimit-Reset: 1m30s") << true << 90.0;
    QTest::addRow("X-RateLimit-Reset small number is delta seconds")
        << QByteArray("X-RateLimit-Reset: 45") << true << 45.0;

    // OpenAI-style reset durations
    QTest::addRow("x-ratelimit-reset-requests seconds")
        << QByteArray("x-ratelimit-reset-requests: 7.66s") << true << 7.66;
    QTest::addRow("x-ratelimit-reset-requests minutes")
        << QByteArray("x-ratelimit-reset-requests: 1m30s") << true << 90.0;
    QTest::addRow("x-ratelimit-reset-tokens ms")
        << QByteArray("x-ratelimit-reset-tokens: 250ms") << true << 0.25;
    QTest::addRow("X-RateLimit-Reset-Tokens hours")
        << QByteArray("X-RateLimit-Reset-Tokens: 2h") << true << 7200.0;

    // Precedence: retry-after-ms, Retry-After, X-RateLimit-Reset, -requests, -tokens
    QTest::addRow("retry-after-ms beats Retry-After")
        << QByteArray("Retry-After: 9\nretry-after-ms: 500") << true << 0.5;
    QTest::addRow("Retry-After beats reset-requests")
        << QByteArray("x-ratelimit-reset-requests: 7.66s\nretry-after: 8") << true << 8.0;
    QTest::addRow("Retry-After beats X-RateLimit-Reset")
        << QByteArray("X-RateLimit-Reset: " + epochMs(nowMs + 600'000) + "\nRetry-After: 3") << true
        << 3.0;
    QTest::addRow("X-RateLimit-Reset beats reset-requests")
        << QByteArray("x-ratelimit-reset-requests: 1s\nX-RateLimit-Reset: 20s") << true << 20.0;
    QTest::addRow("reset-requests beats reset-tokens")
        << QByteArray("x-ratelimit-reset-tokens: 6m0s\nx-ratelimit-reset-requests: 2s") << true
        << 2.0;

    // Junk is ignored: it counts as absent, and the next header is tried.
    // Absolute times count from the response's Date (here a minute before now):
    // a saved response explained later still gives the wait the server asked for.
    QTest::addRow("X-RateLimit-Reset from Date")
        << QByteArray("Date: Wed, 30 Sep 2026 17:59:00 GMT\nX-RateLimit-Reset: "
               + epochMs(nowMs - 60'000 + 6 * 3'600'000))
        << true << 6 * 3600.0;
    QTest::addRow("Retry-After date from Date") << QByteArray(
        "Date: Wed, 30 Sep 2026 17:59:00 GMT\nRetry-After: Wed, 30 Sep 2026 "
        "17:59:30 GMT") << true << 30.0;
    QTest::addRow("Retry-After seconds ignore Date")
        << QByteArray("Date: Wed, 30 Sep 2026 17:00:00 GMT\nRetry-After: 20") << true << 20.0;
    QTest::addRow("unreadable Date counts from now")
        << QByteArray("Date: yesterday\nX-RateLimit-Reset: " + epochMs(nowMs + 90'000)) << true
        << 90.0;

    QTest::addRow("no headers") << QByteArray() << false << 0.0;
    QTest::addRow("unrelated headers") << QByteArray("Content-Type: application/json\nX-RateLimit-"
                                                     "Limit: 50")
                                       << false << 0.0;
    QTest::addRow("Retry-After word") << QByteArray("Retry-After: soon") << false << 0.0;
    QTest::addRow("Retry-After empty") << QByteArray("Retry-After:") << false << 0.0;
    QTest::addRow("Retry-After negative") << QByteArray("Retry-After: -5") << false << 0.0;
    QTest::addRow("Retry-After exponent") << QByteArray("Retry-After: 1e3") << false << 0.0;
    QTest::addRow("Retry-After hex") << QByteArray("Retry-After: 0x10") << false << 0.0;
    QTest::addRow("Retry-After nan") << QByteArray("Retry-After: nan") << false << 0.0;
    QTest::addRow("Retry-After inf") << QByteArray("Retry-After: inf") << false << 0.0;
    QTest::addRow("Retry-After two dots") << QByteArray("Retry-After: 1.2.3") << false << 0.0;
    QTest::addRow("Retry-After huge")
        << QByteArray("Retry-After: " + QByteArray(400, '9')) << false << 0.0;
    QTest::addRow("Retry-After bad date")
        << QByteArray("Retry-After: Wed, 31 Feb 2026 18:00:30 GMT") << false << 0.0;
    QTest::addRow("Retry-After bad month")
        << QByteArray("Retry-After: Wed, 30 Foo 2026 18:00:30 GMT") << false << 0.0;
    QTest::addRow("Retry-After bad time")
        << QByteArray("Retry-After: Wed, 30 Sep 2026 25:00:30 GMT") << false << 0.0;
    QTest::addRow("retry-after-ms junk") << QByteArray("retry-after-ms: fast") << false << 0.0;
    QTest::addRow("X-RateLimit-Reset junk")
        << QByteArray("X-RateLimit-Reset: tomorrow") << false << 0.0;
    QTest::addRow("reset-requests junk")
        << QByteArray("x-ratelimit-reset-requests: 1m30") << false << 0.0;
    QTest::addRow("reset-tokens junk")
        << QByteArray("x-ratelimit-reset-tokens: 5x") << false << 0.0;
    QTest::addRow("junk Retry-After falls through")
        << QByteArray("Retry-After: soon\nx-ratelimit-reset-requests: 2s") << true << 2.0;
    QTest::addRow("junk retry-after-ms falls through")
        << QByteArray("retry-after-ms: -1\nRetry-After: 4") << true << 4.0;
}

void TestRetryAfter::retryAfterSeconds()
{
    QFETCH(QByteArray, headers);
    QFETCH(bool, known);
    QFETCH(double, seconds);

    const auto result = detour::retryAfterSeconds(headersFrom(headers), fixedNow());
    QCOMPARE(result.has_value(), known);
    if (known) {
        QVERIFY2(std::abs(*result - seconds) < 1e-6,
            qPrintable(u"got %1, expected %2"_s.arg(*result).arg(seconds)));
        QVERIFY(*result >= 0);
    }
}

void TestRetryAfter::parseDurationText_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<double>("seconds");

    QTest::addRow("seconds") << QByteArray("7.66s") << true << 7.66;
    QTest::addRow("minutes and seconds") << QByteArray("1m30s") << true << 90.0;
    QTest::addRow("milliseconds") << QByteArray("250ms") << true << 0.25;
    QTest::addRow("hours") << QByteArray("2h") << true << 7200.0;
    QTest::addRow("all units") << QByteArray("1h2m3.5s") << true << 3723.5;
    QTest::addRow("minutes and ms") << QByteArray("6m0.5s") << true << 360.5;
    QTest::addRow("microseconds") << QByteArray("500us") << true << 0.0005;
    QTest::addRow("micro sign") << QByteArray("500\xC2\xB5s") << true << 0.0005;
    QTest::addRow("nanoseconds") << QByteArray("1000000ns") << true << 0.001;
    QTest::addRow("bare number is seconds") << QByteArray("12") << true << 12.0;
    QTest::addRow("zero") << QByteArray("0s") << true << 0.0;
    QTest::addRow("surrounding spaces") << QByteArray("  3s ") << true << 3.0;

    QTest::addRow("empty") << QByteArray() << false << 0.0;
    QTest::addRow("unit only") << QByteArray("s") << false << 0.0;
    QTest::addRow("trailing number") << QByteArray("1m30") << false << 0.0;
    QTest::addRow("word") << QByteArray("soon") << false << 0.0;
    QTest::addRow("negative") << QByteArray("-1s") << false << 0.0;
    QTest::addRow("unknown unit") << QByteArray("5x") << false << 0.0;
    QTest::addRow("days are not a Go unit") << QByteArray("1d") << false << 0.0;
    QTest::addRow("two dots") << QByteArray("1.2.3s") << false << 0.0;
    QTest::addRow("inner space") << QByteArray("1 m") << false << 0.0;
    QTest::addRow("dot only") << QByteArray(".s") << false << 0.0;
}

void TestRetryAfter::parseDurationText()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(double, seconds);

    const auto result = detour::parseDurationText(text);
    QCOMPARE(result.has_value(), valid);
    if (valid)
        QVERIFY2(std::abs(*result - seconds) < 1e-9, qPrintable(QString::number(*result)));
}

void TestRetryAfter::fixtureHeaders_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<bool>("known");
    QTest::addColumn<double>("seconds");

    // Retry-After: 8 wins over x-ratelimit-reset-requests: 7.66s.
    QTest::addRow("openai-compatible")
        << u"openai-compatible-429-retry-after.http"_s << true << 8.0;
    // X-RateLimit-Reset: 1790812800000 (epoch ms) is six hours after fixedNow().
    QTest::addRow("free-models-per-day")
        << u"key-429-free-models-per-day.http"_s << true << 6 * 3600.0;
    QTest::addRow("shared pool") << u"upstream-429-shared-pool-nested-raw.http"_s << true << 12.0;
    QTest::addRow("503") << u"unavailable-503-previous-errors.http"_s << true << 30.0;
    QTest::addRow("cerebras has none") << u"upstream-429-cerebras.http"_s << false << 0.0;
}

void TestRetryAfter::fixtureHeaders()
{
    QFETCH(QString, fixture);
    QFETCH(bool, known);
    QFETCH(double, seconds);

    const auto response = RawHttpResponse::parse(fixtures::read(fixture));
    QVERIFY(response.hasValue());
    const auto result = detour::retryAfterSeconds(response->headers, fixedNow());
    QCOMPARE(result.has_value(), known);
    if (known)
        QVERIFY2(std::abs(*result - seconds) < 1e-6, qPrintable(QString::number(*result)));
}

void TestRetryAfter::dateFormsNeedAClock()
{
    // Without a valid `now`, absolute forms cannot be read; relative ones still can.
    const QDateTime noClock;
    QVERIFY(!detour::retryAfterSeconds(
        headersFrom("Retry-After: Wed, 30 Sep 2026 18:00:30 GMT"), noClock)
                 .has_value());
    QVERIFY(!detour::retryAfterSeconds(headersFrom("X-RateLimit-Reset: 1790812800000"), noClock)
                 .has_value());
    QCOMPARE(detour::retryAfterSeconds(headersFrom("Retry-After: 5"), noClock).value_or(-1), 5.0);
    QCOMPARE(
        detour::retryAfterSeconds(headersFrom("X-RateLimit-Reset: 2s"), noClock).value_or(-1), 2.0);
}

QTEST_GUILESS_MAIN(TestRetryAfter)
#include "test_retry_after.moc"
