// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RawHttpResponse.h"

#include <QCoreApplication>

namespace detour {
namespace {

using namespace Qt::StringLiterals;

// One line of `bytes` starting at `from`, without its LF or CRLF.
struct Line {
    QByteArrayView text;
    qsizetype next = 0; // offset after the line break; bytes.size() at the end
};

Line lineAt(QByteArrayView bytes, qsizetype from)
{
    const qsizetype lf = bytes.indexOf('\n', from);
    const qsizetype end = lf < 0 ? bytes.size() : lf;
    QByteArrayView text = bytes.sliced(from, end - from);
    if (text.endsWith('\r'))
        text.chop(1);
    return { text, lf < 0 ? bytes.size() : lf + 1 };
}

// A reason phrase or header value as kept: a bare CR inside it becomes a space
// (RFC 9112 allows that; a saved file may hold one) and surrounding blanks go.
QByteArray fieldText(QByteArrayView text)
{
    return text.toByteArray().replace('\r', ' ').trimmed();
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isTokenChar(char c)
{
    // RFC 9110 tchar: visible ASCII except separators.
    if (c <= 0x20 || c >= 0x7f)
        return false;
    return QByteArrayView("\"(),/:;<=>?@[\\]{}").indexOf(c) < 0;
}

// "HTTP/1.1 429 Too Many Requests", "HTTP/2 429", "HTTP/1.0 200".
Result<> parseStatusLine(QByteArrayView line, RawHttpResponse &response)
{
    const auto notStatusLine = [&] {
        return Error(QCoreApplication::translate("Diagnosis",
            "The first line is not an HTTP status line (expected something like "
            "\"HTTP/1.1 429 Too Many Requests\")."));
    };
    if (!line.startsWith("HTTP/"))
        return notStatusLine();
    const qsizetype space = line.indexOf(' ');
    if (space < 0)
        return notStatusLine();
    const QByteArrayView version = line.sliced(5, space - 5);
    if (version.isEmpty() || !isDigit(version.front()))
        return notStatusLine();
    QByteArrayView rest = line.sliced(space + 1).trimmed();
    if (rest.size() < 3 || !isDigit(rest[0]) || !isDigit(rest[1]) || !isDigit(rest[2])
        || (rest.size() > 3 && rest[3] != ' ' && rest[3] != '\t')) {
        return Error(QCoreApplication::translate(
            "Diagnosis", "The status line has no three-digit status code."));
    }
    const int status = (rest[0] - '0') * 100 + (rest[1] - '0') * 10 + (rest[2] - '0');
    if (status < 100 || status > 599) {
        return Error(
            QCoreApplication::translate("Diagnosis", "The status code %1 is outside 100-599.")
                .arg(status));
    }
    response.status = status;
    response.reason = fieldText(rest.sliced(3));
    return {};
}

// Parses one response starting at `from`; `next` receives where the body starts.
Result<> parseOne(QByteArrayView bytes, qsizetype from, RawHttpResponse &response, qsizetype &next)
{
    Line line = lineAt(bytes, from);
    if (Result<> status = parseStatusLine(line.text, response); !status)
        return status;
    qsizetype pos = line.next;
    int lineNumber = 1;
    while (pos < bytes.size()) {
        line = lineAt(bytes, pos);
        ++lineNumber;
        pos = line.next;
        if (line.text.trimmed().isEmpty()) {
            next = pos;
            return {};
        }
        if (line.text.front() == ' ' || line.text.front() == '\t') {
            // Obsolete line folding: a continuation of the previous header's value.
            if (response.headers.isEmpty()) {
                return Error(QCoreApplication::translate(
                    "Diagnosis", "Line %1 continues a header that does not exist.")
                                 .arg(lineNumber));
            }
            // Joined with one space, and none when the value so far is empty.
            QByteArray &value = response.headers.last().second;
            if (!value.isEmpty())
                value += ' ';
            value += fieldText(line.text);
            continue;
        }
        const qsizetype colon = line.text.indexOf(':');
        bool validName = colon > 0;
        for (qsizetype i = 0; validName && i < colon; ++i)
            validName = isTokenChar(line.text[i]);
        if (!validName) {
            return Error(QCoreApplication::translate("Diagnosis",
                "Line %1 is not a header (expected \"Name: value\" or a blank "
                "line before the body).")
                             .arg(lineNumber));
        }
        response.headers.append(
            { line.text.first(colon).toByteArray(), fieldText(line.text.sliced(colon + 1)) });
    }
    next = bytes.size(); // no blank line: headers only, no body
    return {};
}

} // namespace

Result<RawHttpResponse> RawHttpResponse::parse(QByteArrayView bytes)
{
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes = bytes.sliced(3);
    // Tolerate blank lines before the status line (pasted text often has them).
    qsizetype from = 0;
    while (from < bytes.size()) {
        const Line line = lineAt(bytes, from);
        if (!line.text.trimmed().isEmpty())
            break;
        from = line.next;
    }
    if (from >= bytes.size()) {
        return Error(
            QCoreApplication::translate("Diagnosis", "The response is empty: no status line."));
    }

    RawHttpResponse response;
    qsizetype bodyStart = 0;
    if (Result<> first = parseOne(bytes, from, response, bodyStart); !first)
        return Error(first.error());
    // `curl -i` saves interim responses (100 Continue, a proxy's "200 Connection
    // established") before the real one; skip them.
    while ((response.status < 200
               || (response.status == 200
                   && response.reason.compare("Connection established", Qt::CaseInsensitive) == 0))
        && bytes.sliced(bodyStart).startsWith("HTTP/")) {
        response = RawHttpResponse {};
        if (Result<> next = parseOne(bytes, bodyStart, response, bodyStart); !next)
            return Error(next.error());
    }
    response.body = bytes.sliced(bodyStart).toByteArray();
    return response;
}

} // namespace detour
