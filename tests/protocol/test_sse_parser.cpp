// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Fixtures.h"
#include "protocol/SseParser.h"

#include <QByteArrayList>
#include <QTest>
#include <algorithm>

using namespace Qt::StringLiterals;
using detour::SseEvent;
using detour::SseParser;

namespace {

constexpr int wholeBuffer = 0;

// "D|<event name>|<data>" or "C|<comment>": compared as bytes, so UTF-8 is checked exactly.
QByteArray encode(const SseEvent &event)
{
    if (event.kind == SseEvent::Kind::Comment)
        return "C|" + event.data;
    return "D|" + event.eventName + '|' + event.data;
}

struct Run {
    QByteArrayList events;
    bool ok = true;
    bool pending = false;
    QString error;
};

Run feedChunks(SseParser &parser, const QByteArrayList &chunks)
{
    Run run;
    // Every chunk is fed from one buffer, overwritten afterwards as the next
    // socket read would: an event that outlives its chunk must have been copied.
    QByteArray buffer;
    for (const QByteArray &chunk : chunks) {
        buffer.resize(chunk.size());
        std::copy(chunk.cbegin(), chunk.cend(), buffer.begin());
        const bool ok =
            parser.feed(buffer, [&](const SseEvent &event) { run.events.append(encode(event)); });
        buffer.fill('#');
        run.ok = run.ok && ok;
    }
    run.pending = parser.hasPendingData();
    run.error = parser.errorString();
    return run;
}

QByteArrayList split(const QByteArray &input, int chunkSize)
{
    if (chunkSize == wholeBuffer)
        return { input };
    QByteArrayList chunks;
    for (qsizetype pos = 0; pos < input.size(); pos += chunkSize)
        chunks.append(input.mid(pos, chunkSize));
    return chunks;
}

Run parse(const QByteArray &input, int chunkSize, qsizetype cap = SseParser::defaultMaxLineLength)
{
    SseParser parser(cap);
    return feedChunks(parser, split(input, chunkSize));
}

const QList<int> chunkSizes { 1, 2, 3, 7, 64, 1024, wholeBuffer };

void addChunkSizeRows()
{
    QTest::addColumn<int>("chunkSize");
    for (int size : chunkSizes) {
        if (size == wholeBuffer)
            QTest::addRow("whole") << size;
        else
            QTest::addRow("%d-byte chunks", size) << size;
    }
}

} // namespace

class TestSseParser final : public QObject {
    Q_OBJECT

private slots:
    void fixturesUnderChunking_data();
    void fixturesUnderChunking();
    void streamOk_data() { addChunkSizeRows(); }
    void streamOk();
    void crlfMatchesLf_data() { addChunkSizeRows(); }
    void crlfMatchesLf();
    void crlfSplitAtEveryOffset_data();
    void crlfSplitAtEveryOffset();
    void truncatedStream_data() { addChunkSizeRows(); }
    void truncatedStream();
    void grammar_data();
    void grammar();
    void lineCap_data();
    void lineCap();
    void defaultCapMessage();
    void reset_data();
    void reset();
};

void TestSseParser::fixturesUnderChunking_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<int>("chunkSize");
    const QStringList names = fixtures::names(u"*.sse"_s);
    QVERIFY(names.size() >= 5);
    for (const QString &name : names) {
        for (int size : chunkSizes)
            QTest::addRow("%s/%d", qPrintable(name), size) << name << size;
    }
}

void TestSseParser::fixturesUnderChunking()
{
    QFETCH(QString, fixture);
    QFETCH(int, chunkSize);
    const QByteArray input = fixtures::read(fixture);

    const Run whole = parse(input, wholeBuffer);
    QVERIFY(whole.ok);
    QVERIFY(!whole.events.isEmpty());

    const Run chunked = parse(input, chunkSize);
    QVERIFY2(chunked.ok, qPrintable(chunked.error));
    QCOMPARE(chunked.events, whole.events);
    QCOMPARE(chunked.pending, whole.pending);
}

void TestSseParser::streamOk()
{
    QFETCH(int, chunkSize);
    const Run run = parse(fixtures::read(u"stream-ok.sse"_s), chunkSize);
    QVERIFY(run.ok);
    QVERIFY(!run.pending);
    QCOMPARE(run.events.size(), 9);

    QByteArrayList comments;
    QByteArrayList data;
    for (const QByteArray &event : run.events)
        (event.startsWith("C|") ? comments : data).append(event);
    QCOMPARE(comments, QByteArrayList({ "C|OPENROUTER PROCESSING", "C|OPENROUTER PROCESSING" }));
    QCOMPARE(data.size(), 7);
    QCOMPARE(data.last(), QByteArray("D||[DONE]"));
    for (const QByteArray &event : std::as_const(data).first(6))
        QVERIFY(event.startsWith("D||{\"id\": \"gen-1763900000-abc\""));

    // Multi-byte characters cut by 1- and 2-byte chunks come out whole.
    const QString second = QString::fromUtf8(data.at(1));
    const QString third = QString::fromUtf8(data.at(2));
    QVERIFY2(second.contains(u"wörld — "_s), qPrintable(second));
    QVERIFY2(third.contains(u"数学 🚀"_s), qPrintable(third));
    QVERIFY(!second.contains(QChar::ReplacementCharacter));
    QVERIFY(!third.contains(QChar::ReplacementCharacter));
}

void TestSseParser::crlfMatchesLf()
{
    QFETCH(int, chunkSize);
    const Run lf = parse(fixtures::read(u"stream-ok.sse"_s), chunkSize);
    const Run crlf = parse(fixtures::read(u"stream-ok-crlf.sse"_s), chunkSize);
    QVERIFY(crlf.ok);
    QCOMPARE(crlf.events.size(), 9);
    QCOMPARE(crlf.events, lf.events);
    QVERIFY(!crlf.pending);
}

// Independent of crlfMatchesLf's fixed chunk sizes: the CRLF stream cut in two
// (and in three, around an empty chunk) at every byte offset, so that every CR
// ends one chunk and its LF begins the next once. The events must be those of
// the same stream with LF endings, parsed whole.
void TestSseParser::crlfSplitAtEveryOffset_data()
{
    QTest::addColumn<QByteArray>("crlf");
    QTest::addColumn<QByteArray>("lf");
    QTest::addRow("fixture stream-ok-crlf.sse")
        << fixtures::read(u"stream-ok-crlf.sse"_s) << fixtures::read(u"stream-ok.sse"_s);
    // Events of several lines, where a CR/LF split between two lines of one event
    // must not end the event.
    const QByteArray multiLine = "data: one\r\ndata: two\r\n\r\n: keep-alive\r\n\r\n"
                                 "event: usage\r\ndata: {\"a\":1}\r\ndata: {\"b\":2}\r\n"
                                 "id: 7\r\n\r\ndata:\r\ndata: after an empty value\r\n\r\n";
    QTest::addRow("multi-line events") << multiLine << QByteArray(multiLine).replace("\r\n", "\n");
}

void TestSseParser::crlfSplitAtEveryOffset()
{
    QFETCH(QByteArray, crlf);
    QFETCH(QByteArray, lf);
    QVERIFY(crlf.contains("\r\n"));
    const Run expected = parse(lf, wholeBuffer);
    QVERIFY(expected.ok);
    QVERIFY(expected.events.size() >= 3);
    QCOMPARE(parse(crlf, wholeBuffer).events, expected.events);

    QStringList wrong;
    for (qsizetype offset = 1; offset < crlf.size(); ++offset) {
        const QByteArray head = crlf.first(offset);
        const QByteArray tail = crlf.sliced(offset);
        for (const QByteArrayList &chunks :
            { QByteArrayList { head, tail }, QByteArrayList { head, QByteArray(), tail } }) {
            SseParser parser;
            const Run run = feedChunks(parser, chunks);
            if (!run.ok || run.pending || run.events != expected.events)
                wrong << u"%1 (%2 chunks: %3 events)"_s.arg(offset)
                             .arg(chunks.size())
                             .arg(run.events.size());
        }
    }
    QVERIFY2(wrong.isEmpty(), qPrintable(u"split at "_s + wrong.join(u", "_s)));
}

void TestSseParser::truncatedStream()
{
    QFETCH(int, chunkSize);
    const Run run = parse(fixtures::read(u"stream-truncated.sse"_s), chunkSize);
    QVERIFY(run.ok);
    QVERIFY(run.pending);
    QCOMPARE(run.events.size(), 2);
    QCOMPARE(run.events.at(0), QByteArray("C|OPENROUTER PROCESSING"));
    QVERIFY(run.events.at(1).contains("\"content\": \"Partial\""));
}

void TestSseParser::grammar_data()
{
    QTest::addColumn<QByteArrayList>("chunks");
    QTest::addColumn<QByteArrayList>("expected");
    QTest::addColumn<bool>("pending");

    QTest::addRow("LF") << QByteArrayList { "data: a\n\ndata: b\n\n" }
                        << QByteArrayList { "D||a", "D||b" } << false;
    QTest::addRow("CRLF") << QByteArrayList { "data: a\r\n\r\ndata: b\r\n\r\n" }
                          << QByteArrayList { "D||a", "D||b" } << false;
    QTest::addRow("lone CR") << QByteArrayList { "data: a\r\rdata: b\r\r" }
                             << QByteArrayList { "D||a", "D||b" } << false;
    QTest::addRow("mixed endings") << QByteArrayList { "data: a\rdata: b\r\ndata: c\n\r\n" }
                                   << QByteArrayList { "D||a\nb\nc" } << false;
    // Were the CR and LF of a split pair two line ends, "a" would be dispatched alone.
    QTest::addRow("CRLF split across chunks")
        << QByteArrayList { "data: a\r", "\ndata: b\r", "\n\r", "\n" }
        << QByteArrayList { "D||a\nb" } << false;
    QTest::addRow("CRLF split around an empty chunk")
        << QByteArrayList { "data: a\r", "", "\ndata: b\r\n\r\n" } << QByteArrayList { "D||a\nb" }
        << false;
    QTest::addRow("CR at chunk end then CR")
        << QByteArrayList { "data: a\r", "\r" } << QByteArrayList { "D||a" } << false;
    QTest::addRow("CR at chunk end then text")
        << QByteArrayList { "data: a\r", "data: b\r\r" } << QByteArrayList { "D||a\nb" } << false;
    QTest::addRow("event ends in the next chunk")
        << QByteArrayList { "data: a\n", "\n" } << QByteArrayList { "D||a" } << false;
    QTest::addRow("CRLF event ends in the next chunk")
        << QByteArrayList { "data: a\r\n", "\r\n" } << QByteArrayList { "D||a" } << false;
    QTest::addRow("event continues in the next chunk")
        << QByteArrayList { "data: a\n", "data: b\n\n" } << QByteArrayList { "D||a\nb" } << false;
    QTest::addRow("event after a line carried over")
        << QByteArrayList { "data: a\n\nda", "ta: b\n\ndata: c\n\n" }
        << QByteArrayList { "D||a", "D||b", "D||c" } << false;
    QTest::addRow("named single-line event")
        << QByteArrayList { "event: x\ndata: y\n\ndata: z\n\n" }
        << QByteArrayList { "D|x|y", "D||z" } << false;
    QTest::addRow("line split across chunks") << QByteArrayList { "da", "ta: hel", "lo\n", "\n" }
                                              << QByteArrayList { "D||hello" } << false;
    QTest::addRow("multi-line data") << QByteArrayList { "data: line1\ndata: line2\ndata:\n\n" }
                                     << QByteArrayList { "D||line1\nline2\n" } << false;
    QTest::addRow("no space after colon")
        << QByteArrayList { "data:x\n\n" } << QByteArrayList { "D||x" } << false;
    QTest::addRow("only one space stripped")
        << QByteArrayList { "data:  two\n\n" } << QByteArrayList { "D|| two" } << false;
    QTest::addRow("colon in value")
        << QByteArrayList { "data: {\"a\": 1}\n\n" } << QByteArrayList { "D||{\"a\": 1}" } << false;
    QTest::addRow("field without colon")
        << QByteArrayList { "data\n\n" } << QByteArrayList { "D||" } << false;
    QTest::addRow("event names") << QByteArrayList { "event: ping\ndata: 1\n\ndata: 2\n\n" }
                                 << QByteArrayList { "D|ping|1", "D||2" } << false;
    QTest::addRow("event name without data is dropped")
        << QByteArrayList { "event: x\n\ndata: y\n\n" } << QByteArrayList { "D||y" } << false;
    QTest::addRow("id and retry ignored")
        << QByteArrayList { "id: 7\nretry: 1000\ndata: z\n\nid: 8\n\n" }
        << QByteArrayList { "D||z" } << false;
    QTest::addRow("unknown field ignored")
        << QByteArrayList { "foo: bar\ndata: q\n\n" } << QByteArrayList { "D||q" } << false;
    QTest::addRow("comment-only stream")
        << QByteArrayList { ": keep-alive\n\n:\n\n: OPENROUTER PROCESSING\n\n:ping\n" }
        << QByteArrayList { "C|keep-alive", "C|", "C|OPENROUTER PROCESSING", "C|ping" } << false;
    QTest::addRow("comment reported before its event")
        << QByteArrayList { "data: a\n: ping\ndata: b\n\n" }
        << QByteArrayList { "C|ping", "D||a\nb" } << false;
    QTest::addRow("blank lines alone")
        << QByteArrayList { "\n\r\n\r\n" } << QByteArrayList {} << false;
    QTest::addRow("DONE is plain data")
        << QByteArrayList { "data: [DONE]\n\n" } << QByteArrayList { "D||[DONE]" } << false;
    QTest::addRow("UTF-8 split mid-character")
        << QByteArrayList { "data: w\xc3", "\xb6rld \xf0\x9f", "\x9a\x80\n\n" }
        << QByteArrayList { "D||w\xc3\xb6rld \xf0\x9f\x9a\x80" } << false;
    QTest::addRow("event without blank line is pending")
        << QByteArrayList { "data: a\n" } << QByteArrayList {} << true;
    QTest::addRow("partial line is pending")
        << QByteArrayList { "data: a\n\ndata: {\"id" } << QByteArrayList { "D||a" } << true;
    QTest::addRow("trailing CR is not pending")
        << QByteArrayList { "data: a\n\r" } << QByteArrayList { "D||a" } << false;
}

void TestSseParser::grammar()
{
    QFETCH(QByteArrayList, chunks);
    QFETCH(QByteArrayList, expected);
    QFETCH(bool, pending);

    SseParser parser;
    const Run given = feedChunks(parser, chunks);
    QVERIFY(given.ok);
    QCOMPARE(given.events, expected);
    QCOMPARE(given.pending, pending);

    // The same bytes one at a time.
    const Run bytewise = parse(chunks.join(), 1);
    QCOMPARE(bytewise.events, expected);
    QCOMPARE(bytewise.pending, pending);
}

void TestSseParser::lineCap_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("chunkSize");
    QTest::addColumn<QByteArrayList>("expected");
    QTest::addColumn<QString>("error");

    const QString lineError =
        u"Server-sent event line exceeds 16 bytes; the stream was abandoned"_s;
    const QString dataError =
        u"Server-sent event data exceeds 16 bytes; the stream was abandoned"_s;

    for (int size : { 1, 4, wholeBuffer }) {
        // "data: 0123456789" is exactly 16 bytes.
        QTest::addRow("line at the cap/%d", size)
            << QByteArray("data: 0123456789\n\n") << size << QByteArrayList { "D||0123456789" }
            << QString();
        QTest::addRow("line over the cap/%d", size)
            << QByteArray("data: 0123456789a\n\n") << size << QByteArrayList {} << lineError;
        QTest::addRow("unterminated line over the cap/%d", size)
            << QByteArray("data: 0123456789abcdef") << size << QByteArrayList {} << lineError;
        QTest::addRow("events before the long line kept/%d", size)
            << QByteArray("data: ok\n\ndata: 0123456789abcdefgh\n\n") << size
            << QByteArrayList { "D||ok" } << lineError;
        QTest::addRow("long comment/%d", size)
            << QByteArray(": 0123456789abcdefgh\n") << size << QByteArrayList {} << lineError;
        QTest::addRow("event data over the cap/%d", size)
            << QByteArray("data: 01234567\ndata: 01234567\n\n") << size << QByteArrayList {}
            << dataError;
    }
}

void TestSseParser::lineCap()
{
    QFETCH(QByteArray, input);
    QFETCH(int, chunkSize);
    QFETCH(QByteArrayList, expected);
    QFETCH(QString, error);

    SseParser parser(16);
    const Run run = feedChunks(parser, split(input, chunkSize));
    QCOMPARE(run.events, expected);
    QCOMPARE(run.error, error);
    QCOMPARE(run.ok, error.isEmpty());
    QCOMPARE(parser.hasError(), !error.isEmpty());
    if (error.isEmpty())
        return;

    // Once abandoned, the stream stays abandoned and holds no buffered bytes.
    QVERIFY(!parser.hasPendingData());
    const Run after = feedChunks(parser, { "data: x\n\n" });
    QVERIFY(!after.ok);
    QVERIFY(after.events.isEmpty());
    QCOMPARE(after.error, error);
}

void TestSseParser::defaultCapMessage()
{
    SseParser parser;
    const QByteArray mebibyte(1024 * 1024, 'a');
    int events = 0;
    const auto sink = [&](const SseEvent &) { ++events; };
    QVERIFY(parser.feed("data: ", sink));
    for (int i = 0; i < 15; ++i)
        QVERIFY(parser.feed(mebibyte, sink));
    QVERIFY(parser.hasPendingData());
    QVERIFY(!parser.feed(mebibyte, sink));
    QCOMPARE(
        parser.errorString(), u"Server-sent event line exceeds 16 MiB; the stream was abandoned"_s);
    QCOMPARE(events, 0);
}

void TestSseParser::reset_data()
{
    QTest::addColumn<int>("cap");
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<bool>("pendingBefore");
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<QByteArrayList>("expected");

    const int cap = int(SseParser::defaultMaxLineLength);
    QTest::addRow("partial line dropped")
        << cap << QByteArray("data: abc") << true << QByteArray("\n\n") << QByteArrayList {};
    QTest::addRow("undispatched data dropped")
        << cap << QByteArray("data: abc\n") << true << QByteArray("data: x\n\n")
        << QByteArrayList { "D||x" };
    QTest::addRow("event name dropped") << cap << QByteArray("event: old\n") << false
                                        << QByteArray("data: x\n\n") << QByteArrayList { "D||x" };
    QTest::addRow("error cleared") << 8 << QByteArray("data: 0123456789\n") << false
                                   << QByteArray("data: x\n\n") << QByteArrayList { "D||x" };
}

void TestSseParser::reset()
{
    QFETCH(int, cap);
    QFETCH(QByteArray, before);
    QFETCH(bool, pendingBefore);
    QFETCH(QByteArray, after);
    QFETCH(QByteArrayList, expected);

    SseParser parser(cap);
    feedChunks(parser, { before });
    QCOMPARE(parser.hasPendingData(), pendingBefore);
    parser.reset();
    QVERIFY(!parser.hasPendingData());
    QVERIFY(!parser.hasError());
    QVERIFY(parser.errorString().isEmpty());

    const Run run = feedChunks(parser, { after });
    QVERIFY(run.ok);
    QCOMPARE(run.events, expected);
    QVERIFY(!run.pending);
}

QTEST_GUILESS_MAIN(TestSseParser)
#include "test_sse_parser.moc"
