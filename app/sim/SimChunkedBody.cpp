// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SimChunkedBody.h"

namespace detour {

namespace {

constexpr qsizetype maxSizeLineBytes = 1024; // hex size plus chunk extensions

// The chunk size before any `;extension`, or -1 when it is not hex.
qint64 chunkSize(QByteArrayView line)
{
    if (const qsizetype semicolon = line.indexOf(';'); semicolon >= 0)
        line = line.first(semicolon);
    line = line.trimmed();
    if (line.isEmpty() || line.size() > 15)
        return -1;
    qint64 size = 0;
    for (const char c : line) {
        int digit = -1;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        if (digit < 0)
            return -1;
        size = size * 16 + digit;
    }
    return size;
}

} // namespace

SimChunkedBody::Decoded SimChunkedBody::decode(QByteArrayView data, qint64 maxBytes)
{
    Decoded decoded;
    qsizetype position = 0;
    for (;;) {
        const qsizetype lineEnd = data.indexOf("\r\n", position);
        if (lineEnd < 0) {
            if (data.size() - position > maxSizeLineBytes)
                decoded.state = State::Malformed;
            return decoded;
        }
        const qint64 size = chunkSize(data.sliced(position, lineEnd - position));
        if (size < 0) {
            decoded.state = State::Malformed;
            return decoded;
        }
        position = lineEnd + 2;
        if (size == 0) {
            // Trailer fields, then an empty line.
            const qsizetype end = data.sliced(position).startsWith("\r\n")
                ? position
                : data.indexOf("\r\n\r\n", position);
            if (end < 0)
                return decoded;
            decoded.consumed = end + (end == position ? 2 : 4);
            decoded.state = State::Complete;
            return decoded;
        }
        if (decoded.body.size() + size > maxBytes) {
            decoded.state = State::TooLarge;
            return decoded;
        }
        if (data.size() < position + size + 2)
            return decoded;
        if (data.sliced(position + size, 2) != "\r\n") {
            decoded.state = State::Malformed;
            return decoded;
        }
        decoded.body += data.sliced(position, size);
        position += size + 2;
    }
}

} // namespace detour
