// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// `make interop`: Detour against software it was not written with (issue 19).
//
// (a) The official `openai` SDK (Node) as a client of detour-sim: streamed and
//     plain replies, a 429 with OpenRouter's `models` fallback, an error inside
//     a 200, a mid-stream error, SSE comments while the model is waiting.
// (b) Detour (`detour --ask`) through the real Portkey gateway
//     (@portkey-ai/gateway, started on 127.0.0.1) in front of the simulator. The
//     gateway needs its own headers (x-portkey-provider, x-portkey-custom-host),
//     which the route file gives as the endpoint's "headers".
//
// Both use the Node peers of the benchmarks (tests/bench/peer-cache.mjs installs
// them into $XDG_CACHE_HOME/detour-bench) and the build in $BUILD_DIR (default
// build; DETOUR_INTEROP_SDK_ONLY=1 runs part (a) alone, without detour). Nothing leaves 127.0.0.1 (tests/bench/peers/guard.mjs). Prints one
// table (row, expected, got, result) and exits non-zero when a row failed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cacheDir, installPeers } from '../bench/peer-cache.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const buildDir = resolve(root, process.env.BUILD_DIR || 'build');
const simBinary = join(buildDir, 'app', 'sim', 'detour-sim');
const detourBinary = join(buildDir, 'ui', 'detour');
const guard = join(root, 'tests', 'bench', 'peers', 'guard.mjs');
const key = 'sk-interop-not-a-real-key';

const replies = {
    good: 'Served by the good provider.',
    slow: 'Served after a wait with comments.',
    partial: 'These words arrive before the stream fails.',
};

// The simulator's scenario: one model per behaviour.
const scenario = {
    models: [
        { id: 'interop/good', providers: ['Good'] },
        { id: 'interop/limited', providers: ['Limited'] },
        { id: 'interop/error200', providers: ['Error200'] },
        { id: 'interop/midstream', providers: ['Midstream'] },
        { id: 'interop/slow', providers: ['Slow'] },
    ],
    providers: {
        Good: { latency_ms: 0, tokens_per_second: 2000, reply: replies.good },
        Limited: { script: [{ kind: 'upstream_429', retry_after: 1 }] },
        Error200: { script: [{ kind: 'error_in_200' }] },
        Midstream: {
            tokens_per_second: 2000,
            reply: replies.partial,
            script: [{ kind: 'midstream_error', tokens: 3 }],
        },
        Slow: { latency_ms: 400, keepalive_ms: 100, tokens_per_second: 2000, reply: replies.slow },
    },
    keepalive_ms: 0,
};

const rows = [];
function record(row, expected, got, result) {
    rows.push({ row, expected, got, result });
}
function check(row, expected, got, ok) {
    record(row, expected, got, ok ? 'pass' : 'FAIL');
}

function freePort() {
    return new Promise((resolvePort, reject) => {
        const server = net.createServer();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolvePort(port));
        });
    });
}

async function waitForPort(port, child, what) {
    const deadline = Date.now() + 30000;
    while (Date.now() < deadline) {
        if (child.exitCode !== null)
            throw new Error(`${what} exited with ${child.exitCode}`);
        const open = await new Promise((done) => {
            const socket = net.connect({ host: '127.0.0.1', port }, () => {
                socket.destroy();
                done(true);
            });
            socket.on('error', () => done(false));
        });
        if (open)
            return;
        await new Promise((done) => setTimeout(done, 50));
    }
    throw new Error(`${what} did not start listening on 127.0.0.1:${port}`);
}

function run(command, args, env) {
    return new Promise((done) => {
        const child = spawn(command, args, { env: { ...process.env, ...env } });
        let out = '';
        let err = '';
        child.stdout.on('data', (data) => (out += data));
        child.stderr.on('data', (data) => (err += data));
        child.on('close', (code) => done({ code, out, err }));
    });
}

const short = (text) => {
    const line = String(text).replace(/\s+/g, ' ').trim();
    return line.length > 70 ? `${line.slice(0, 69)}…` : line;
};

// (a) the official SDK against the simulator.
async function sdkRows(OpenAI, baseURL) {
    const client = new OpenAI({ baseURL, apiKey: key, maxRetries: 0 });
    const messages = [{ role: 'user', content: 'Hello!' }];
    const streamed = async (params) => {
        let text = '';
        try {
            const stream = await client.chat.completions.create({ ...params, messages, stream: true });
            for await (const chunk of stream)
                text += chunk.choices[0]?.delta?.content ?? '';
            return { text };
        } catch (error) {
            return { text, error };
        }
    };
    const described = ({ text, error }) =>
        error ? `${text ? `"${short(text)}" then ` : ''}${error.constructor.name}: ${short(error.message)}`
              : `"${short(text)}"`;

    let got = await streamed({ model: 'interop/good' });
    check('SDK · served, streamed', `"${replies.good}"`, described(got), !got.error && got.text === replies.good);

    try {
        const completion = await client.chat.completions.create({ model: 'interop/good', messages });
        const text = completion.choices[0]?.message?.content;
        check('SDK · served, not streamed', `"${replies.good}"`, `"${short(text)}"`, text === replies.good);
    } catch (error) {
        check('SDK · served, not streamed', `"${replies.good}"`, short(error.message), false);
    }

    got = await streamed({ model: 'interop/limited', models: ['interop/limited', 'interop/good'] });
    check('SDK · 429, then `models` fallback', `"${replies.good}"`, described(got),
        !got.error && got.text === replies.good);

    got = await streamed({ model: 'interop/limited' });
    check('SDK · 429 alone', 'RateLimitError 429', described(got),
        got.error instanceof OpenAI.RateLimitError && got.error.status === 429);

    got = await streamed({ model: 'interop/error200' });
    check('SDK · error inside a 200, streamed', 'APIError, no text', described(got),
        got.error instanceof OpenAI.APIError && got.text === '');

    try {
        const completion = await client.chat.completions.create({ model: 'interop/error200', messages });
        // The SDK returns such a body as a success: the caller has to look for `error`.
        check('SDK · error inside a 200, not streamed', 'a 200 whose body has `error`',
            completion.error ? `body.error: "${short(completion.error.message)}"` : 'no error in the body',
            Boolean(completion.error?.message));
    } catch (error) {
        check('SDK · error inside a 200, not streamed', 'a 200 whose body has `error`', short(error.message), false);
    }

    got = await streamed({ model: 'interop/midstream' });
    check('SDK · mid-stream error', 'partial text, then APIError', described(got),
        got.error instanceof OpenAI.APIError && got.text !== '' && replies.partial.startsWith(got.text)
            && got.text !== replies.partial);

    got = await streamed({ model: 'interop/slow' });
    check('SDK · SSE comments while waiting', `"${replies.slow}"`, described(got),
        !got.error && got.text === replies.slow);
}

// (b) detour --ask through the Portkey gateway in front of the simulator.
async function portkeyRows(gatewayPort, simBaseUrl, work) {
    const endpoint = {
        id: 'portkey',
        kind: 'openai',
        base_url: `http://127.0.0.1:${gatewayPort}/v1`,
        key_env: 'DETOUR_INTEROP_KEY',
        // Portkey's own headers: which provider API to speak, and where that provider is.
        // https://portkey.ai/docs/api-reference/inference-api/headers
        headers: { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': simBaseUrl },
    };
    const cases = [
        { row: 'Detour via Portkey · served', steps: ['interop/good'], expected: `exit 0, "${replies.good}"`,
            ok: (r, turn) => r.code === 0 && turn?.content === replies.good },
        { row: 'Detour via Portkey · 429, then step 2', steps: ['interop/limited', 'interop/good'],
            expected: `exit 0, 429 then "${replies.good}"`,
            ok: (r, turn, attempts) => r.code === 0 && turn?.content === replies.good && attempts[0]?.status === 429 },
        { row: 'Detour via Portkey · error inside a 200, then step 2', steps: ['interop/error200', 'interop/good'],
            expected: `exit 0, failed then "${replies.good}"`,
            ok: (r, turn, attempts) => r.code === 0 && turn?.content === replies.good && attempts.length >= 2 },
        { row: 'Detour via Portkey · mid-stream error', steps: ['interop/midstream', 'interop/good'],
            expected: 'exit 3, partial text kept',
            ok: (r, turn) => r.code === 3 && turn?.content && replies.partial.startsWith(turn.content) },
    ];
    for (const { row, steps, expected, ok } of cases) {
        const routeFile = join(work, 'route.json');
        writeFileSync(routeFile, JSON.stringify({
            name: 'Through Portkey',
            endpoints: [endpoint],
            steps: steps.map((model) => ({ endpoint: 'portkey', model })),
        }));
        const result = await run(detourBinary,
            ['--ask', 'Hello!', '--route', routeFile, '--json', '--no-history'],
            { DETOUR_INTEROP_KEY: key, XDG_DATA_HOME: work, XDG_CONFIG_HOME: work, XDG_CACHE_HOME: work });
        const lines = result.out.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
        const attempts = lines.filter((line) => line.type === 'attempt');
        const turn = lines.find((line) => line.type === 'turn');
        const got = `exit ${result.code}, ${attempts.map((a) => `${a.status} ${a.outcome}`).join(' → ')}`
            + (turn?.content ? `, "${short(turn.content)}"` : '');
        check(row, expected, got, ok(result, turn, attempts));
    }
}

function printTable() {
    const header = { row: 'row', expected: 'expected', got: 'got', result: 'result' };
    const all = [header, ...rows];
    const width = (field) => Math.max(...all.map((row) => row[field].length));
    const widths = { row: width('row'), expected: width('expected'), got: width('got'), result: width('result') };
    const line = (row) => `| ${['row', 'expected', 'got', 'result'].map((f) => row[f].padEnd(widths[f])).join(' | ')} |`;
    process.stdout.write(`${line(header)}\n`);
    process.stdout.write(`|${['row', 'expected', 'got', 'result'].map((f) => '-'.repeat(widths[f] + 2)).join('|')}|\n`);
    for (const row of rows)
        process.stdout.write(`${line(row)}\n`);
}

async function main() {
    for (const binary of process.env.DETOUR_INTEROP_SDK_ONLY ? [simBinary] : [simBinary, detourBinary]) {
        if (!existsSync(binary))
            throw new Error(`${binary} is missing: build first (make build)`);
    }
    installPeers((text) => process.stderr.write(`${text}\n`));
    await import(pathToFileURL(guard).href); // from here on, 127.0.0.1 only
    const { default: OpenAI } = await import(pathToFileURL(join(cacheDir, 'node_modules', 'openai', 'index.mjs')).href);
    const work = mkdtempSync(join(os.tmpdir(), 'detour-interop-'));
    const children = [];
    try {
        const scenarioFile = join(work, 'scenario.json');
        writeFileSync(scenarioFile, JSON.stringify(scenario));
        const simPort = await freePort();
        const sim = spawn(simBinary, ['--port', String(simPort), '--scenario', scenarioFile],
            { stdio: ['ignore', 'ignore', 'inherit'] });
        children.push(sim);
        await waitForPort(simPort, sim, 'detour-sim');
        const simBaseUrl = `http://127.0.0.1:${simPort}/api/v1`;
        await sdkRows(OpenAI, simBaseUrl);
        if (process.env.DETOUR_INTEROP_SDK_ONLY)
            return finish();

        const gateway = join(cacheDir, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js');
        const gatewayPort = await freePort();
        const portkey = spawn(process.execPath, ['--import', guard, gateway, `--port=${gatewayPort}`, '--headless'],
            { env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'ignore', 'inherit'] });
        children.push(portkey);
        await waitForPort(gatewayPort, portkey, 'the Portkey gateway');
        await portkeyRows(gatewayPort, simBaseUrl, work);
    } finally {
        for (const child of children)
            child.kill('SIGTERM');
        rmSync(work, { recursive: true, force: true });
    }
    return finish();
}

function finish() {
    printTable();
    const failed = rows.filter((row) => row.result === 'FAIL').length;
    process.stdout.write(`\n${rows.length - failed} passed, ${failed} failed\n`);
    return failed === 0 ? 0 : 1;
}

main().then((status) => process.exit(status), (error) => {
    process.stderr.write(`make interop: ${error.message}\n`);
    process.exit(1);
});
