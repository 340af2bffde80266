// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SseParser.h"

#include "ProtocolLog.h"

#include <cstring>

using namespace Qt::StringLiterals;

namespace detour {

namespace {

// Above this the event buffers are released after a dispatch instead of being
// kept for reuse, so one huge event does not pin its memory for the whole stream.
constexpr qsizetype keepCapacityLimit = 1024 * 1024;

QString sizeText(qsizetype bytes)
{
    constexpr qsizetype kib = 1024;
    constexpr qsizetype mib = 1024 * kib;
    if (bytes >= mib && bytes % mib == 0)
        return QString::number(bytes / mib) + u" MiB"_s;
    if (bytes >= kib && bytes % kib == 0)
        return QString::number(bytes / kib) + u" KiB"_s;
    return QString::number(bytes) + (bytes == 1 ? u" byte"_s : u" bytes"_s);
}

// Index of the first CR or LF in [from, size), or size. Each byte value is
// searched with memchr (vectorised by the C library); `nextCr` / `nextLf` cache
// the last hits so that a chunk is scanned at most once per byte value, however
// many lines it holds.
qsizetype findLineEnd(
    const char *data, qsizetype size, qsizetype from, qsizetype &nextCr, qsizetype &nextLf)
{
    if (size - from <= 16) {
        // Tiny remainders (byte-sized chunks) are cheaper to walk than to memchr twice.
        for (qsizetype i = from; i < size; ++i) {
            if (data[i] == '\r' || data[i] == '\n')
                return i;
        }
        return size;
    }
    auto search = [&](char byte, qsizetype &cached) {
        if (cached < from) {
            const void *hit = std::memchr(data + from, byte, size_t(size - from));
            cached = hit ? static_cast<const char *>(hit) - data : size;
        }
    };
    search('\r', nextCr);
    search('\n', nextLf);
    return qMin(nextCr, nextLf);
}

} // namespace

SseParser::SseParser(qsizetype maxLineLength)
    : m_maxLineLength(maxLineLength > 0 ? maxLineLength : defaultMaxLineLength)
{
}

bool SseParser::feed(QByteArrayView chunk, const Sink &sink)
{
    if (hasError())
        return false;

    const char *data = chunk.data();
    const qsizetype size = chunk.size();
    qsizetype pos = 0;

    if (m_skipLeadingLf && size > 0) {
        // The previous chunk ended with CR: an LF here completes that CRLF.
        m_skipLeadingLf = false;
        if (data[0] == '\n')
            pos = 1;
    }

    // Where the line ending at `end` (CR, LF or CRLF) is over; a CR that ends
    // the chunk may be the first half of a CRLF pair.
    const auto afterLineEnd = [&](qsizetype end) {
        qsizetype next = end + 1;
        if (data[end] == '\r') {
            if (next < size) {
                if (data[next] == '\n')
                    ++next;
            } else {
                m_skipLeadingLf = true;
            }
        }
        return next;
    };

    qsizetype nextCr = -1;
    qsizetype nextLf = -1;
    while (pos < size) {
        qsizetype end = pos;
        if (data[pos] == '\n' || data[pos] == '\r') {
            if (m_line.empty()) {
                // A blank line, every other line of a completion stream: it ends the event.
                if (m_hasData || !m_eventName.isEmpty())
                    dispatch(sink);
                pos = afterLineEnd(end);
                continue;
            }
        } else {
            end = findLineEnd(data, size, pos, nextCr, nextLf);
        }
        const qsizetype length = end - pos;
        if (qsizetype(m_line.size()) + length > m_maxLineLength) {
            fail(u"Server-sent event line exceeds "_s + sizeText(m_maxLineLength)
                + u"; the stream was abandoned"_s);
            return false;
        }
        if (end == size) {
            // Unfinished line: keep it for the next chunk.
            if (length == 1)
                m_line.push_back(data[pos]); // inline: byte-sized chunks stay cheap
            else
                m_line.append(data + pos, size_t(length));
            break;
        }

        if (m_line.empty()) {
            // The whole line lies inside this chunk: parse it in place. Nearly
            // every event of a completion stream is one "data:" line and its
            // blank line: it is dispatched as a view of the chunk at once.
            if (!m_hasData && length >= 5 && std::memcmp(data + pos, "data:", 5) == 0) {
                const qsizetype next = afterLineEnd(end);
                if (next < size && (data[next] == '\n' || data[next] == '\r')) {
                    dispatchSingleLine(QByteArrayView(data + pos, length).sliced(5), sink);
                    pos = afterLineEnd(next);
                    continue;
                }
            }
            if (!processLine(QByteArrayView(data + pos, length), true, sink))
                return false;
        } else {
            m_line.append(data + pos, size_t(length));
            if (!processLine(QByteArrayView(m_line.data(), qsizetype(m_line.size())), false, sink))
                return false;
            if (m_line.capacity() > size_t(keepCapacityLimit))
                std::string().swap(m_line);
            else
                m_line.clear(); // keeps the capacity for the next carried-over line
        }
        pos = afterLineEnd(end);
    }
    if (m_dataIsView)
        keepPendingData(); // the chunk goes away when feed() returns
    return true;
}

bool SseParser::hasPendingData() const
{
    return !m_line.empty() || m_hasData;
}

void SseParser::reset()
{
    std::string().swap(m_line);
    m_dataView = {};
    m_dataIsView = false;
    std::string().swap(m_data);
    m_eventName = QByteArray();
    m_hasData = false;
    m_skipLeadingLf = false;
    m_error.clear();
}

void SseParser::fail(const QString &message)
{
    // The stream is abandoned: release what it buffered.
    reset();
    m_error = message;
    qCDebug(lcProtocol).noquote() << "stream abandoned:" << message;
}

bool SseParser::processLine(QByteArrayView line, bool stable, const Sink &sink)
{
    const char *bytes = line.data();
    const qsizetype size = line.size();
    if (size == 0) {
        dispatch(sink);
        return true;
    }

    QByteArrayView value;
    if (bytes[0] == ':') {
        // A comment: a keep-alive such as ": OPENROUTER PROCESSING", reported at once.
        SseEvent comment;
        comment.kind = SseEvent::Kind::Comment;
        comment.data = line.sliced(size > 1 && bytes[1] == ' ' ? 2 : 1);
        sink(comment);
        return true;
    }

    // Nearly every line of a completion stream is "data: ...": test for it first.
    const bool isData = size >= 5 && std::memcmp(bytes, "data:", 5) == 0;
    QByteArrayView field;
    if (isData) {
        field = line.first(4);
        value = line.sliced(5);
    } else if (const qsizetype colon = line.indexOf(':'); colon >= 0) {
        field = line.first(colon);
        value = line.sliced(colon + 1);
    } else {
        field = line; // a field name alone has an empty value
    }
    if (!value.isEmpty() && value.front() == ' ')
        value = value.sliced(1);

    if (isData || field == "data") {
        if (!m_hasData && stable) {
            // Perhaps the whole event: keep a view, copy only if it must outlive the chunk.
            m_dataView = value;
            m_dataIsView = true;
            m_hasData = true;
            return true;
        }
        return appendData(value);
    }
    if (field == "event")
        m_eventName = value.toByteArray();
    // `id`, `retry` and unknown fields are ignored: Detour neither reconnects
    // with Last-Event-ID nor follows the server's retry hint.
    return true;
}

bool SseParser::appendData(QByteArrayView value)
{
    if (m_dataIsView)
        keepPendingData();
    if (qsizetype(m_data.size()) + (m_hasData ? 1 : 0) + value.size() > m_maxLineLength) {
        fail(u"Server-sent event data exceeds "_s + sizeText(m_maxLineLength)
            + u"; the stream was abandoned"_s);
        return false;
    }
    if (m_hasData)
        m_data.push_back('\n');
    m_data.append(value.data(), size_t(value.size()));
    m_hasData = true;
    return true;
}

void SseParser::keepPendingData()
{
    m_data.assign(m_dataView.data(), size_t(m_dataView.size())); // reuses the capacity
    m_dataView = {};
    m_dataIsView = false;
}

void SseParser::dispatchSingleLine(QByteArrayView value, const Sink &sink)
{
    SseEvent event;
    event.data = !value.isEmpty() && value.front() == ' ' ? value.sliced(1) : value;
    event.eventName = m_eventName;
    sink(event);
    if (!m_eventName.isEmpty())
        m_eventName = QByteArray();
}

void SseParser::dispatch(const Sink &sink)
{
    if (m_hasData) {
        SseEvent event;
        event.eventName = m_eventName;
        m_hasData = false;
        if (m_dataIsView) {
            event.data = m_dataView;
            m_dataIsView = false;
            sink(event);
        } else {
            event.data = QByteArrayView(m_data.data(), qsizetype(m_data.size()));
            sink(event);
            if (m_data.capacity() > size_t(keepCapacityLimit))
                std::string().swap(m_data);
            else
                m_data.clear(); // keeps the capacity for the next event that needs a copy
        }
    }
    if (!m_eventName.isEmpty())
        m_eventName = QByteArray();
}

} // namespace detour
