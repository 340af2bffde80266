// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "FuzzCheck.h"
#include "FuzzTargets.h"
#include "protocol/RawHttpResponse.h"

using namespace Qt::StringLiterals;

namespace detour::fuzz {
namespace {

bool isTrimmed(QByteArrayView text)
{
    return text.trimmed().size() == text.size();
}

bool isToken(QByteArrayView name)
{
    if (name.isEmpty())
        return false;
    for (char c : name) {
        if (c <= 0x20 || c >= 0x7f || QByteArrayView("\"(),/:;<=>?@[\\]{}").contains(c))
            return false;
    }
    return true;
}

QByteArray serialise(const RawHttpResponse &response, QByteArrayView lineBreak)
{
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(response.status);
    if (!response.reason.isEmpty())
        bytes += ' ' + response.reason;
    bytes += lineBreak;
    for (const auto &[name, value] : response.headers)
        bytes += name + ": " + value + lineBreak;
    return bytes + lineBreak + response.body;
}

QString describe(const RawHttpResponse &response)
{
    QString text = u"%1 \""_s.arg(response.status) + printable(response.reason) + u'"';
    for (const auto &[name, value] : response.headers)
        text += u" ["_s + printable(name) + u": "_s + printable(value) + u']';
    return text + u" body "_s + printable(response.body);
}

} // namespace

void checkRawHttpResponse(QByteArrayView input)
{
    const Result<RawHttpResponse> response = RawHttpResponse::parse(input);
    if (!response) {
        FUZZ_CHECK(!response.error().isEmpty(), u"refused without saying why"_s);
        return;
    }
    FUZZ_CHECK(response.error().isEmpty(), u"parsed, with an error: "_s + response.error());
    FUZZ_CHECK(
        response->status >= 100 && response->status <= 599, u"status %1"_s.arg(response->status));
    FUZZ_CHECK(input.endsWith(response->body), u"the body is not the end of the input"_s);
    FUZZ_CHECK(isTrimmed(response->reason) && !response->reason.contains('\n'),
        u"reason "_s + printable(response->reason));
    for (const auto &[name, value] : response->headers) {
        FUZZ_CHECK(isToken(name), u"header name "_s + printable(name));
        // Folded lines are joined: no line breaks, no leading or trailing blanks.
        FUZZ_CHECK(isTrimmed(value) && !value.contains('\n') && !value.contains('\r'),
            u"header value "_s + printable(value));
    }

    // What parses, prints as a response that parses equal (LF or CRLF).
    for (QByteArrayView lineBreak : { QByteArrayView("\r\n"), QByteArrayView("\n") }) {
        const QByteArray printed = serialise(*response, lineBreak);
        const Result<RawHttpResponse> again = RawHttpResponse::parse(printed);
        FUZZ_CHECK(again.hasValue(), u"the printed response does not parse: "_s + again.error());
        FUZZ_CHECK(again->status == response->status && again->reason == response->reason
                && again->headers == response->headers && again->body == response->body,
            u"printed and parsed again: "_s + describe(*again) + u"; first: "_s
                + describe(*response));
    }
}

} // namespace detour::fuzz
