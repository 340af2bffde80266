// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Benchmark 3: SSE parsing throughput.
//
// One 100 MB stream made of the complete stream samples in tests/fixtures
// (LF and CRLF line ends, keep-alive comments, router metadata, a mid-stream
// error), repeated. Detour's SseParser and the peer, eventsource-parser
// (peers/sse.mjs), parse the same bytes cut into 1-byte, 1 KiB and 64 KiB
// chunks, as a client is handed them by the socket. Only parsing is timed, in
// CPU time (steady on a shared machine), best of a few runs, one 1 MiB window
// of the stream at a time (see parseWithDetour); both must report the same
// number of events and comments.

#include "BenchRows.h"
#include "CpuClock.h"
#include "NodePeer.h"
#include "protocol/SseParser.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>

using namespace detour;
using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype streamBytes = 100'000'000;
constexpr qsizetype windowBytes = 1 << 20; // the same as peers/sse.mjs
constexpr double targetRatio = 5;
constexpr int runs = 3;
constexpr int peerTimeoutMs = 600'000;
const QList<qsizetype> chunkings { 1, 1024, 64 * 1024 };

struct Parsed {
    qsizetype chunk = 0;
    qint64 events = 0;
    qint64 comments = 0;
    double cpuMs = 0;
};

// The complete samples (not the truncated one), repeated to at least streamBytes.
QByteArray buildStream(QString *error)
{
    QByteArray sample;
    for (const char *name : { "stream-ok.sse", "stream-ok-crlf.sse", "stream-router-metadata.sse",
             "stream-midstream-error.sse" }) {
        QFile file(QDir(QStringLiteral(DETOUR_FIXTURES_DIR)).filePath(QLatin1StringView(name)));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString());
            return {};
        }
        sample += file.readAll();
    }
    QByteArray stream;
    stream.reserve(streamBytes + sample.size());
    while (stream.size() < streamBytes)
        stream += sample;
    return stream;
}

// As a client parses what it reads: each window of the stream is first copied
// into the read buffer (untimed, the socket's part), then fed to the parser in
// chunks straight from that buffer (timed). The peer's harness does the same
// with its decoded strings, so both parse bytes that are warm in the cache.
Parsed parseWithDetour(const QByteArray &stream, qsizetype chunk)
{
    const qsizetype window = std::max(chunk, windowBytes / chunk * chunk);
    QByteArray buffer(window, Qt::Uninitialized);
    Parsed best { chunk, 0, 0, 0 };
    for (int run = 0; run < runs; ++run) {
        Parsed parsed { chunk, 0, 0, 0 };
        SseParser parser;
        const SseParser::Sink sink = [&parsed](const SseEvent &event) {
            if (event.kind == SseEvent::Kind::Comment)
                ++parsed.comments;
            else
                ++parsed.events;
        };
        long long parseNs = 0;
        for (qsizetype from = 0; from < stream.size(); from += window) {
            const qsizetype size = std::min(window, stream.size() - from);
            std::memcpy(buffer.data(), stream.constData() + from, size_t(size));
            const char *data = buffer.constData();
            const long long start = cpuclock::threadNs();
            for (qsizetype offset = 0; offset < size; offset += chunk)
                parser.feed(QByteArrayView(data + offset, std::min(chunk, size - offset)), sink);
            parseNs += cpuclock::threadNs() - start;
        }
        parsed.cpuMs = double(parseNs) / 1e6;
        if (run == 0 || parsed.cpuMs < best.cpuMs)
            best = parsed;
    }
    return best;
}

QString chunkName(qsizetype chunk)
{
    return chunk == 1 ? u"1-byte"_s : u"%1 KiB"_s.arg(chunk / 1024);
}

double megabytesPerSecond(qsizetype bytes, double cpuMs)
{
    return cpuMs > 0 ? double(bytes) / 1e6 / (cpuMs / 1e3) : 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    BenchRows rows(u"sse"_s);
    if (const QString reason = NodePeer::unavailableReason(); !reason.isEmpty()) {
        BenchRows::note(reason);
        return 1;
    }
    QString error;
    const QByteArray stream = buildStream(&error);
    QTemporaryDir folder;
    QFile file(folder.filePath(u"stream.sse"_s));
    if (stream.isEmpty() || !folder.isValid() || !file.open(QIODevice::WriteOnly)
        || file.write(stream) != stream.size()) {
        BenchRows::note(
            error.isEmpty() ? u"cannot write the stream: %1"_s.arg(file.errorString()) : error);
        return 1;
    }
    file.close();
    BenchRows::note(u"%1 MB stream from the fixtures' stream samples"_s.arg(
        double(stream.size()) / 1e6, 0, 'f', 1));

    QList<Parsed> detour;
    for (const qsizetype chunk : chunkings)
        detour.append(parseWithDetour(stream, chunk));

    QStringList sizes;
    for (const qsizetype chunk : chunkings)
        sizes.append(QString::number(chunk));
    NodePeer peer(u"sse.mjs"_s,
        { u"--file"_s, file.fileName(), u"--chunks"_s, sizes.join(u','), u"--runs"_s,
            QString::number(runs) });
    const auto result = peer.result(peerTimeoutMs);
    if (!result) {
        BenchRows::note(u"eventsource-parser: %1"_s.arg(peer.errorString()));
        return 1;
    }
    const QString subject = QString::fromStdString(result->value("subject", std::string()));
    const auto &peerResults = result->value("results", nlohmann::json::array());

    for (qsizetype i = 0; i < detour.size(); ++i) {
        const Parsed &ours = detour[i];
        Parsed theirs { ours.chunk, -1, -1, 0 };
        for (const auto &entry : peerResults) {
            if (entry.value("chunk", qint64(0)) == ours.chunk)
                theirs = { ours.chunk, entry.value("events", qint64(-1)),
                    entry.value("comments", qint64(-1)), entry.value("cpu_ms", 0.0) };
        }
        const bool same = ours.events == theirs.events && ours.comments == theirs.comments;
        if (!same) {
            BenchRows::note(u"%1 chunks: Detour saw %2 events and %3 comments, the peer %4 and %5"_s
                                .arg(chunkName(ours.chunk))
                                .arg(ours.events)
                                .arg(ours.comments)
                                .arg(theirs.events)
                                .arg(theirs.comments));
        }
        const double ourSpeed = megabytesPerSecond(stream.size(), ours.cpuMs);
        const double theirSpeed = megabytesPerSecond(stream.size(), theirs.cpuMs);
        const double ratio = theirSpeed > 0 ? ourSpeed / theirSpeed : 0;
        const QString measure =
            u"parsing throughput, %1 chunks (CPU time, best of %2)"_s.arg(chunkName(ours.chunk))
                .arg(runs);
        rows.add(measure, ourSpeed, u"MB/s"_s, u"≥ %1× eventsource-parser"_s.arg(targetRatio),
            same && ratio >= targetRatio);
        rows.addPeer(subject, measure, theirSpeed, u"MB/s"_s,
            theirSpeed > 0 ? std::optional(ratio) : std::nullopt);
    }
    BenchRows::note(u"events per pass: %1, comments: %2"_s.arg(detour.constFirst().events)
                        .arg(detour.constFirst().comments));
    return rows.exitCode();
}
