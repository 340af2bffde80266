#include "SseParser.h"

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
    m_comment.kind = SseEvent::Kind::Comment;
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

    qsizetype nextCr = -1;
    qsizetype nextLf = -1;
    while (pos < size) {
        const qsizetype end = findLineEnd(data, size, pos, nextCr, nextLf);
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
            // The whole line lies inside this chunk: parse it in place.
            processLine(QByteArrayView(data + pos, length), sink);
        } else {
            m_line.append(data + pos, size_t(length));
            processLine(QByteArrayView(m_line.data(), qsizetype(m_line.size())), sink);
            if (m_line.capacity() > size_t(keepCapacityLimit))
                std::string().swap(m_line);
            else
                m_line.clear(); // keeps the capacity for the next carried-over line
        }
        if (hasError())
            return false;

        pos = end + 1;
        if (data[end] == '\r') {
            if (pos < size) {
                if (data[pos] == '\n')
                    ++pos;
            } else {
                m_skipLeadingLf = true;
            }
        }
    }
    return true;
}

bool SseParser::hasPendingData() const
{
    return !m_line.empty() || m_hasData;
}

void SseParser::reset()
{
    std::string().swap(m_line);
    m_event = SseEvent();
    m_comment = SseEvent();
    m_comment.kind = SseEvent::Kind::Comment;
    m_hasData = false;
    m_skipLeadingLf = false;
    m_error.clear();
}

void SseParser::fail(const QString &message)
{
    // The stream is abandoned: release what it buffered.
    reset();
    m_error = message;
}

void SseParser::processLine(QByteArrayView line, const Sink &sink)
{
    const char *bytes = line.data();
    const qsizetype size = line.size();
    if (size == 0) {
        dispatch(sink);
        return;
    }

    QByteArrayView value;
    if (bytes[0] == ':') {
        // A comment: a keep-alive such as ": OPENROUTER PROCESSING", reported at once.
        value = line.sliced(size > 1 && bytes[1] == ' ' ? 2 : 1);
        m_comment.data.resize(value.size());
        if (!value.isEmpty())
            std::memcpy(m_comment.data.data(), value.data(), size_t(value.size()));
        sink(m_comment);
        return;
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
        QByteArray &buffer = m_event.data;
        if (buffer.size() + (m_hasData ? 1 : 0) + value.size() > m_maxLineLength) {
            fail(u"Server-sent event data exceeds "_s + sizeText(m_maxLineLength)
                + u"; the stream was abandoned"_s);
            return;
        }
        if (m_hasData)
            buffer.append('\n');
        buffer.append(value.data(), value.size());
        m_hasData = true;
    } else if (field == "event") {
        m_event.eventName = value.toByteArray();
    }
    // `id`, `retry` and unknown fields are ignored: Detour neither reconnects
    // with Last-Event-ID nor follows the server's retry hint.
}

void SseParser::dispatch(const Sink &sink)
{
    if (m_hasData) {
        sink(m_event);
        // Unless the sink kept a copy, the buffer is unshared again and resize(0)
        // keeps its capacity: a stream of events allocates only as the largest grows.
        if (m_event.data.capacity() > keepCapacityLimit)
            m_event.data = QByteArray();
        else
            m_event.data.resize(0);
        m_hasData = false;
    }
    if (!m_event.eventName.isEmpty())
        m_event.eventName = QByteArray();
}

} // namespace detour
