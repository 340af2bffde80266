// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Benchmark peer for SSE parsing (3): eventsource-parser over the stream file
// bench_sse wrote, cut into chunks of each given size, as a client feeds it
// what it reads from the socket. Prints one JSON line: per chunk size, the
// events and comments it reported and the CPU time its feed() calls took.
//
//   node --import ./guard.mjs sse.mjs --file PATH --chunks 1,1024,65536 [--runs N]
//
// Only parsing is timed. The parser takes strings, so each window of the
// stream is first decoded as a streaming TextDecoder would hand it over
// (untimed); a one-byte chunk yields one code point once its last byte has
// arrived, and nothing before (TextDecoderStream passes on no empty strings).
// The best of --runs runs counts, JIT warm-up excluded.
import { readFileSync } from 'node:fs';

import { createParser } from 'eventsource-parser';

import { versionOf } from './version.mjs';

const windowBytes = 1 << 20;

function options() {
    const values = { runs: '3' };
    const args = process.argv.slice(2);
    for (let i = 0; i < args.length; i += 2)
        values[args[i].replace(/^--/, '')] = args[i + 1];
    if (!values.file || !values.chunks)
        throw new Error('--file and --chunks are required');
    return {
        file: values.file,
        chunks: values.chunks.split(',').map(Number),
        runs: Number(values.runs),
    };
}

function cpuMs(since) {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1000;
}

// The strings a streaming decoder hands over for one window cut into `chunk`-byte pieces.
function piecesOf(decoder, bytes, chunk) {
    if (chunk === 1)
        return Array.from(decoder.decode(bytes, { stream: true }));
    const pieces = [];
    for (let offset = 0; offset < bytes.length; offset += chunk) {
        const text = decoder.decode(bytes.subarray(offset, offset + chunk), { stream: true });
        if (text !== '')
            pieces.push(text);
    }
    return pieces;
}

function parseOnce(bytes, chunk) {
    let events = 0;
    let comments = 0;
    const parser = createParser({
        onEvent: () => {
            ++events;
        },
        onComment: () => {
            ++comments;
        },
    });
    const decoder = new TextDecoder();
    let parseCpuMs = 0;
    // Windows hold whole chunks, so a chunk never straddles two of them.
    const window = Math.max(chunk, Math.floor(windowBytes / chunk) * chunk);
    for (let offset = 0; offset < bytes.length; offset += window) {
        const pieces = piecesOf(decoder, bytes.subarray(offset, offset + window), chunk);
        const start = process.cpuUsage();
        for (const piece of pieces)
            parser.feed(piece);
        parseCpuMs += cpuMs(start);
    }
    return { chunk, events, comments, cpu_ms: parseCpuMs };
}

function main() {
    const settings = options();
    const bytes = readFileSync(settings.file);
    const results = [];
    for (const chunk of settings.chunks) {
        let best = null;
        for (let run = 0; run < settings.runs; ++run) {
            const result = parseOnce(bytes, chunk);
            if (best === null || result.cpu_ms < best.cpu_ms)
                best = result;
        }
        results.push(best);
    }
    process.stdout.write(
        `${JSON.stringify({
            subject: `eventsource-parser ${versionOf('eventsource-parser')} (Node.js ${process.versions.node})`,
            bytes: bytes.length,
            results,
        })}\n`,
    );
}

main();
