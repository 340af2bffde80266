// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QString>
#include <functional>
#include <string>

namespace detour {

// An event or comment as the sink sees it. Its bytes are views, valid only
// during the sink call (most point straight into the chunk being fed): a sink
// that keeps them copies them (toByteArray()).
struct SseEvent {
    enum class Kind {
        Data, // one event's `data:` lines joined with '\n'
        Comment, // a line starting with ':' (": OPENROUTER PROCESSING"): keep-alive, not content
    };
    Kind kind = Kind::Data;
    QByteArrayView
        data; // raw bytes; UTF-8 is decoded by the consumer, so split sequences are harmless
    QByteArrayView eventName; // the `event:` field, empty when absent
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
    // The parser's sticky error state, not one call's result (so not a Result):
    // once failed it stays failed, ignoring input, until reset().
    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    void reset();

private:
    // `stable`: the line lies in the chunk being fed, so a view of it lasts
    // until feed() returns (a line carried over between chunks does not).
    // Both return false once the parser has failed.
    bool processLine(QByteArrayView line, bool stable, const Sink &sink);
    bool appendData(QByteArrayView value); // to m_data
    void keepPendingData(); // copies the data view before what it points into goes away
    void dispatch(const Sink &sink);
    // An event of one data line (`value` after "data:"), from the chunk itself.
    void dispatchSingleLine(QByteArrayView value, const Sink &sink);
    void fail(const QString &message);

    qsizetype m_maxLineLength;
    std::string m_line; // the unfinished line carried over from the previous chunk
    // The event being assembled. A single `data:` line followed by its blank
    // line in the same chunk (nearly every event of a completion stream) is
    // dispatched as a view of the chunk, without a copy; otherwise its lines
    // are joined in m_data, reused so that a steady stream allocates nothing.
    QByteArrayView m_dataView; // the first data line, not yet copied
    bool m_dataIsView = false;
    std::string m_data;
    QByteArray m_eventName;
    bool m_hasData = false;
    bool m_skipLeadingLf = false; // the previous chunk ended with CR
    QString m_error;
};

} // namespace detour
