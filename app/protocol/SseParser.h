#pragma once

#include <QByteArray>
#include <QString>
#include <functional>
#include <string>

namespace detour {

struct SseEvent {
    enum class Kind {
        Data, // one event's `data:` lines joined with '\n'
        Comment, // a line starting with ':' (": OPENROUTER PROCESSING"): keep-alive, not content
    };
    Kind kind = Kind::Data;
    QByteArray data; // raw bytes; UTF-8 is decoded by the consumer, so split sequences are harmless
    QByteArray eventName; // the `event:` field, empty when absent
};

// Incremental Server-Sent Events parser (WHATWG rules) for chunks of any size,
// down to one byte. Accepts LF, CRLF and lone CR line endings, also when a CRLF
// pair is split across chunks. A line longer than the cap puts the parser in an
// error state with a clear message instead of growing without bound.
class SseParser final {
public:
    using Sink = std::function<void(const SseEvent &)>;
    static constexpr qsizetype defaultMaxLineLength = 16 * 1024 * 1024;

    explicit SseParser(qsizetype maxLineLength = defaultMaxLineLength);

    // Parses `chunk`, calling `sink` for each complete event or comment.
    // Returns false once the parser is in the error state (further input is ignored).
    bool feed(QByteArrayView chunk, const Sink &sink);

    // True when bytes of an unfinished line or event are buffered: at end of
    // stream this means the stream was truncated.
    bool hasPendingData() const;
    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    void reset();

private:
    void processLine(QByteArrayView line, const Sink &sink);
    void dispatch(const Sink &sink);
    void fail(const QString &message);

    qsizetype m_maxLineLength;
    std::string m_line; // the unfinished line carried over from the previous chunk
    // The event being assembled (its `data:` lines and `event:` name) and the
    // last comment: reused so that a steady stream allocates nothing per event.
    SseEvent m_event;
    SseEvent m_comment;
    bool m_hasData = false;
    bool m_skipLeadingLf = false; // the previous chunk ended with CR
    QString m_error;
};

} // namespace detour
