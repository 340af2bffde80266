// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Fixtures.h"
#include "protocol/RawHttpResponse.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

class TestRawHttpResponse final : public QObject {
    Q_OBJECT

private slots:
    void parsesResponses_data();
    void parsesResponses();
    void rejectsGarbage_data();
    void rejectsGarbage();
    void parsesEveryFixture_data();
    void parsesEveryFixture();
    void clearsErrorStringOnSuccess();
};

void TestRawHttpResponse::parsesResponses_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<int>("headerCount");
    QTest::addColumn<QByteArray>("headerName"); // looked up case-insensitively
    QTest::addColumn<QByteArray>("headerValue");
    QTest::addColumn<QByteArray>("body");

    QTest::addRow("crlf") << QByteArray("HTTP/1.1 429 Too Many Requests\r\nContent-Type: "
                                        "application/json\r\nRetry-After: 12\r\n\r\n{\"a\":1}")
                          << 429 << QByteArray("Too Many Requests") << 2
                          << QByteArray("retry-after") << QByteArray("12")
                          << QByteArray("{\"a\":1}");
    QTest::addRow("lf") << QByteArray("HTTP/1.1 503 Service Unavailable\nRetry-After: 30\n\nbody")
                        << 503 << QByteArray("Service Unavailable") << 1
                        << QByteArray("RETRY-AFTER") << QByteArray("30") << QByteArray("body");
    QTest::addRow("no blank line, no body")
        << QByteArray("HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\n") << 401
        << QByteArray("Unauthorized") << 1 << QByteArray("content-type") << QByteArray("text/plain")
        << QByteArray();
    QTest::addRow("status line only")
        << QByteArray("HTTP/1.1 500 Internal Server Error") << 500
        << QByteArray("Internal Server Error") << 0 << QByteArray() << QByteArray() << QByteArray();
    QTest::addRow("blank line, empty body")
        << QByteArray("HTTP/1.1 502 Bad Gateway\r\nServer: x\r\n\r\n") << 502
        << QByteArray("Bad Gateway") << 1 << QByteArray("server") << QByteArray("x")
        << QByteArray();
    QTest::addRow("HTTP/2 without reason")
        << QByteArray("HTTP/2 429\nretry-after-ms: 250\n\n{}") << 429 << QByteArray() << 1
        << QByteArray("retry-after-ms") << QByteArray("250") << QByteArray("{}");
    QTest::addRow("value whitespace trimmed")
        << QByteArray("HTTP/1.1 429 Too Many\r\nX-RateLimit-Reset:    1790812800000  \r\n\r\n")
        << 429 << QByteArray("Too Many") << 1 << QByteArray("x-ratelimit-reset")
        << QByteArray("1790812800000") << QByteArray();
    QTest::addRow("folded header") << QByteArray("HTTP/1.1 400 Bad Request\nX-Note: first\n  "
                                                 "second\n\nbad")
                                   << 400 << QByteArray("Bad Request") << 1 << QByteArray("x-note")
                                   << QByteArray("first second") << QByteArray("bad");
    QTest::addRow("body keeps blank lines and CRLF")
        << QByteArray("HTTP/1.1 502 Bad Gateway\r\n\r\n<html>\r\n\r\n</html>\r\n") << 502
        << QByteArray("Bad Gateway") << 0 << QByteArray() << QByteArray()
        << QByteArray("<html>\r\n\r\n</html>\r\n");
    QTest::addRow("curl -i with 100 Continue")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 429 Too Many Requests\r\n"
                      "Retry-After: 5\r\n\r\n{}")
        << 429 << QByteArray("Too Many Requests") << 1 << QByteArray("retry-after")
        << QByteArray("5") << QByteArray("{}");
    QTest::addRow("proxy CONNECT preamble")
        << QByteArray("HTTP/1.1 200 Connection established\r\n\r\nHTTP/2 404\r\n\r\nnope") << 404
        << QByteArray() << 0 << QByteArray() << QByteArray() << QByteArray("nope");
    QTest::addRow("leading blank lines and BOM")
        << QByteArray("\xEF\xBB\xBF\n\r\nHTTP/1.0 403 Forbidden\nA: b\n\nx") << 403
        << QByteArray("Forbidden") << 1 << QByteArray("a") << QByteArray("b") << QByteArray("x");
    QTest::addRow("colon in value")
        << QByteArray("HTTP/1.1 301 Moved\nLocation: https://x/y\n\n") << 301 << QByteArray("Moved")
        << 1 << QByteArray("location") << QByteArray("https://x/y") << QByteArray();
}

void TestRawHttpResponse::parsesResponses()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    QFETCH(QByteArray, reason);
    QFETCH(int, headerCount);
    QFETCH(QByteArray, headerName);
    QFETCH(QByteArray, headerValue);
    QFETCH(QByteArray, body);

    const auto response = RawHttpResponse::parse(bytes);
    QVERIFY2(response.hasValue(), qPrintable(response.error()));
    QCOMPARE(response->status, status);
    QCOMPARE(response->reason, reason);
    QCOMPARE(response->headers.size(), headerCount);
    if (!headerName.isEmpty())
        QCOMPARE(
            detour::headerValue(response->headers, headerName).value_or("<absent>"), headerValue);
    QCOMPARE(response->body, body);
}

void TestRawHttpResponse::rejectsGarbage_data()
{
    QTest::addColumn<QByteArray>("bytes");

    QTest::addRow("empty") << QByteArray();
    QTest::addRow("only blank lines") << QByteArray("\r\n\n  \n");
    QTest::addRow("json without status line") << QByteArray("{\"error\":{\"code\":429}}");
    QTest::addRow("plain words") << QByteArray("hello world");
    QTest::addRow("no status code") << QByteArray("HTTP/1.1 \r\n\r\n");
    QTest::addRow("letters for status") << QByteArray("HTTP/1.1 abc Nope\r\n\r\n");
    QTest::addRow("two-digit status") << QByteArray("HTTP/1.1 42 Nope\r\n\r\n");
    QTest::addRow("four-digit status") << QByteArray("HTTP/1.1 4290 Nope\r\n\r\n");
    QTest::addRow("status out of range") << QByteArray("HTTP/1.1 999 Nope\r\n\r\n");
    QTest::addRow("status below 100") << QByteArray("HTTP/1.1 042 Nope\r\n\r\n");
    QTest::addRow("missing version") << QByteArray("HTTP/ 200 OK\r\n\r\n");
    QTest::addRow("wrong protocol") << QByteArray("HTTPS/1.1 200 OK\r\n\r\n");
    QTest::addRow("header without colon")
        << QByteArray("HTTP/1.1 429 Too Many Requests\r\nthis is not a header\r\n\r\n{}");
    QTest::addRow("header with empty name") << QByteArray("HTTP/1.1 429 X\r\n: value\r\n\r\n");
    QTest::addRow("header name with space") << QByteArray("HTTP/1.1 429 X\r\nBad Name: v\r\n\r\n");
    QTest::addRow("continuation without header")
        << QByteArray("HTTP/1.1 429 X\r\n  folded\r\n\r\n");
    QTest::addRow("binary") << QByteArray("\x00\x01\x02\xff\xfe", 5);
    QTest::addRow("bad second response")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 xyz\r\n\r\n");
}

void TestRawHttpResponse::rejectsGarbage()
{
    QFETCH(QByteArray, bytes);
    const auto response = RawHttpResponse::parse(bytes);
    QVERIFY(!response.hasValue());
    QVERIFY(!response.error().isEmpty());
}

void TestRawHttpResponse::parsesEveryFixture_data()
{
    QTest::addColumn<QString>("name");
    const QStringList names = fixtures::names(u"*.http"_s);
    QVERIFY(names.size() >= 12);
    for (const QString &name : names)
        QTest::addRow("%s", qPrintable(name)) << name;
}

void TestRawHttpResponse::parsesEveryFixture()
{
    QFETCH(QString, name);
    const auto response = RawHttpResponse::parse(fixtures::read(name));
    QVERIFY2(response.hasValue(), qPrintable(response.error()));
    // Each fixture's name carries its status: "upstream-429-cerebras.http".
    const auto match = QRegularExpression(u"-(\\d{3})[-.]"_s).match(name);
    QVERIFY(match.hasMatch());
    QCOMPARE(response->status, match.captured(1).toInt());
    QVERIFY(!response->reason.isEmpty());
    QVERIFY(detour::headerValue(response->headers, "content-type").has_value());
    QVERIFY(!response->body.trimmed().isEmpty());
    QVERIFY(!response->body.startsWith("\r\n"));
    QVERIFY(!response->body.startsWith('\n'));
}

void TestRawHttpResponse::clearsErrorStringOnSuccess()
{
    const auto response = RawHttpResponse::parse("HTTP/1.1 404 Not Found\r\n\r\n");
    QVERIFY(response.hasValue());
    QVERIFY(response.error().isEmpty());
}

QTEST_GUILESS_MAIN(TestRawHttpResponse)
#include "test_raw_http_response.moc"
