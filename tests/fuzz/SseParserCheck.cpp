// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "FuzzCheck.h"
#include "FuzzTargets.h"
#include "protocol/SseParser.h"

#include <QList>

using namespace Qt::StringLiterals;

namespace detour::fuzz {
namespace {

// An event kept past the sink call (SseEvent only views the parser's buffer).
struct KeptEvent {
    SseEvent::Kind kind = SseEvent::Kind::Data;
    QByteArray data;
    QByteArray eventName;

    static KeptEvent of(const SseEvent &event)
    {
        return { event.kind, event.data.toByteArray(), event.eventName.toByteArray() };
    }
};

// What the parser reported for some input, however it was cut into chunks.
struct Run {
    QList<KeptEvent> events;
    bool error = false;
    QString errorString;
    bool pending = false;

    bool operator==(const Run &other) const
    {
        if (events.size() != other.events.size() || error != other.error
            || errorString != other.errorString || pending != other.pending)
            return false;
        for (qsizetype i = 0; i < events.size(); ++i) {
            const KeptEvent &a = events[i];
            const KeptEvent &b = other.events[i];
            if (a.kind != b.kind || a.data != b.data || a.eventName != b.eventName)
                return false;
        }
        return true;
    }
};

QString describe(const Run &run)
{
    QString text = u"%1 events"_s.arg(run.events.size());
    for (const KeptEvent &event : run.events) {
        text += (event.kind == SseEvent::Kind::Comment ? u" [comment "_s : u" [data "_s)
            + printable(event.data) + u" event="_s + printable(event.eventName) + u']';
    }
    if (run.error)
        text += u" error: "_s + run.errorString;
    if (run.pending)
        text += u" (pending)"_s;
    return text;
}

// Feeds `input` cut at `cuts` (ascending offsets) to `parser`.
Run feed(SseParser &parser, QByteArrayView input, const QList<qsizetype> &cuts)
{
    Run run;
    const auto sink = [&run](const SseEvent &event) { run.events.append(KeptEvent::of(event)); };
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        const bool more = parser.feed(input.sliced(from, cut - from), sink);
        FUZZ_CHECK(more == !parser.hasError(), u"feed() and hasError() disagree"_s);
        from = cut;
    }
    parser.feed(input.sliced(from), sink);
    run.error = parser.hasError();
    run.errorString = parser.errorString();
    run.pending = parser.hasPendingData();
    return run;
}

Run feedFresh(QByteArrayView input, const QList<qsizetype> &cuts, qsizetype maxLine)
{
    SseParser parser(maxLine);
    return feed(parser, input, cuts);
}

// The WHATWG event-stream rules read plainly, line by line, without a line cap.
Run reference(QByteArrayView input)
{
    Run run;
    KeptEvent event;
    bool hasData = false;
    qsizetype pos = 0;
    while (pos < input.size()) {
        qsizetype end = pos;
        while (end < input.size() && input[end] != '\r' && input[end] != '\n')
            ++end;
        if (end == input.size())
            break; // an unfinished line is not processed
        const QByteArrayView line = input.sliced(pos, end - pos);
        pos = end + 1;
        if (input[end] == '\r' && pos < input.size() && input[pos] == '\n')
            ++pos;

        if (line.isEmpty()) {
            if (hasData)
                run.events.append(event);
            event = KeptEvent();
            hasData = false;
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        const QByteArrayView field = colon < 0 ? line : line.first(colon);
        QByteArrayView value = colon < 0 ? QByteArrayView() : line.sliced(colon + 1);
        if (value.startsWith(' '))
            value = value.sliced(1);
        if (colon == 0) {
            KeptEvent comment;
            comment.kind = SseEvent::Kind::Comment;
            comment.data = value.toByteArray();
            run.events.append(comment);
        } else if (field == "data") {
            if (hasData)
                event.data.append('\n');
            event.data.append(value);
            hasData = true;
        } else if (field == "event") {
            event.eventName = value.toByteArray();
        }
    }
    run.pending = pos < input.size() || hasData; // the stream ended inside a line or an event
    return run;
}

// Up to `count` cut positions spread over the input, varied by its bytes.
QList<qsizetype> spreadCuts(QByteArrayView input, qsizetype count)
{
    QList<qsizetype> cuts;
    const qsizetype size = input.size();
    if (size < 2)
        return cuts;
    quint32 state = 2166136261u;
    for (char c : input.first(qMin<qsizetype>(size, 64)))
        state = (state ^ quint8(c)) * 16777619u;
    for (qsizetype i = 0; i < count; ++i) {
        state = state * 1664525u + 1013904223u;
        cuts.append(1 + qsizetype(state % quint32(size - 1)));
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    return cuts;
}

} // namespace

void checkSseParser(QByteArrayView input)
{
    const Run whole = feedFresh(input, {}, SseParser::defaultMaxLineLength);

    // Agrees with the plain reading of the rules (the input is far below the line cap).
    const Run expected = reference(input);
    FUZZ_CHECK(whole == expected,
        u"parser: "_s + describe(whole) + u"; reference: "_s + describe(expected));
    for (const KeptEvent &event : whole.events) {
        FUZZ_CHECK(!event.data.contains('\r') && !event.eventName.contains('\r')
                && !event.eventName.contains('\n')
                && (event.kind == SseEvent::Kind::Data || !event.data.contains('\n')),
            u"a line break inside a field: "_s + describe(whole));
    }

    // Byte by byte.
    QList<qsizetype> everyByte;
    for (qsizetype i = 1; i < input.size(); ++i)
        everyByte.append(i);
    const Run bytes = feedFresh(input, everyByte, SseParser::defaultMaxLineLength);
    FUZZ_CHECK(
        bytes == whole, u"byte by byte: "_s + describe(bytes) + u"; whole: "_s + describe(whole));

    // Two chunks, split at every position (or at a spread of positions for long inputs).
    const QList<qsizetype> splits = input.size() <= 256 ? everyByte : spreadCuts(input, 64);
    for (qsizetype cut : splits) {
        const Run split = feedFresh(input, { cut }, SseParser::defaultMaxLineLength);
        FUZZ_CHECK(split == whole,
            u"split at %1: "_s.arg(cut) + describe(split) + u"; whole: "_s + describe(whole));
    }
    const Run scattered = feedFresh(input, spreadCuts(input, 16), SseParser::defaultMaxLineLength);
    FUZZ_CHECK(scattered == whole, u"scattered chunks: "_s + describe(scattered));

    // A small line cap: the error (and everything reported before it) does not
    // depend on the chunking either, and nothing is reported after it.
    constexpr qsizetype smallCap = 24;
    const Run cappedWhole = feedFresh(input, {}, smallCap);
    const Run cappedBytes = feedFresh(input, everyByte, smallCap);
    FUZZ_CHECK(cappedBytes == cappedWhole,
        u"capped, byte by byte: "_s + describe(cappedBytes) + u"; whole: "_s
            + describe(cappedWhole));
    FUZZ_CHECK(!cappedWhole.error || !cappedWhole.pending, u"capped parser still pending"_s);
    for (const KeptEvent &event : cappedWhole.events)
        FUZZ_CHECK(event.data.size() <= smallCap, u"an event larger than the cap"_s);

    // A parser that is reset behaves like a new one.
    SseParser reused(smallCap);
    feed(reused, input, spreadCuts(input, 4));
    reused.reset();
    FUZZ_CHECK(!reused.hasError() && !reused.hasPendingData(), u"reset() left state behind"_s);
    const Run again = feed(reused, input, {});
    FUZZ_CHECK(again == cappedWhole, u"after reset(): "_s + describe(again));
}

} // namespace detour::fuzz
