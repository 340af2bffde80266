// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Benchmark peers for failover (1) and cooldown (2): one client library runs
// turns over the same two steps Detour's route has, against the simulator
// bench_failover / bench_cooldown started, and reports what it measured as one
// JSON line on stdout. Run by those programs, never alone:
//
//   node --import ./guard.mjs failover.mjs --peer openai|langchain|portkey
//        --retries default|0 --base-url http://127.0.0.1:PORT/api/v1
//        --steps MODEL,MODEL --turns N [--budget-ms MS] [--min-turns N] [--concurrent 1]
//        [--cadence-ms MS] [--in-flight K]
//
// Each turn streams one reply and records the time from the call to the first
// content token. Two warm-up turns straight to the serving step come first
// (module loading, JIT, connection set-up); the simulator's /sim/stats counts
// the requests of the measured turns only ({"ready": true} on stdout says the
// warm-up is over). --budget-ms stops a peer whose
// turns take seconds after that long (never before --min-turns turns);
// --concurrent 1 runs all turns at once instead, for a client that keeps no
// state from one turn to the next and would otherwise need many minutes;
// --in-flight K keeps K turns under way, the next starting when one ends
// (bench_tail: 500 turns whose slowest take 20 s);
// --cadence-ms starts turn i at i * MS after the first (or when turn i - 1 ends, if
// later), as a person sends messages over an hour (bench_storm). The result also says
// which models served the measured turns (/sim/stats "served").
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { versionOf } from './version.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const messages = [{ role: 'user', content: 'Which provider answered?' }];

function options() {
    const values = {
        'cadence-ms': '0',
        retries: 'default',
        turns: '50',
        'budget-ms': '0',
        'min-turns': '1',
        concurrent: '0',
        'in-flight': '0',
    };
    const args = process.argv.slice(2);
    for (let i = 0; i < args.length; i += 2) {
        if (!args[i].startsWith('--') || args[i + 1] === undefined)
            throw new Error(`bad argument ${args[i]}`);
        values[args[i].slice(2)] = args[i + 1];
    }
    for (const name of ['peer', 'base-url', 'steps']) {
        if (!values[name])
            throw new Error(`--${name} is required`);
    }
    return {
        cadenceMs: Number(values['cadence-ms']),
        peer: values.peer,
        defaultRetries: values.retries === 'default',
        baseUrl: values['base-url'],
        steps: values.steps.split(','),
        turns: Number(values.turns),
        budgetMs: Number(values['budget-ms']),
        minTurns: Number(values['min-turns']),
        concurrent: values.concurrent === '1',
        inFlight: Number(values['in-flight']),
    };
}

async function simStats(baseUrl) {
    const response = await fetch(new URL('/sim/stats', baseUrl));
    if (!response.ok)
        throw new Error(`/sim/stats answered ${response.status}`);
    return response.json();
}

// Per-model counts between two /sim/stats snapshots: `models` (requests) or `served`.
function requestsBetween(before, after, key = 'models') {
    const requests = {};
    for (const [model, count] of Object.entries(after[key] ?? {})) {
        const made = count - (before[key]?.[model] ?? 0);
        if (made > 0)
            requests[model] = made;
    }
    return requests;
}

// Reads a stream of chat chunks to its end; returns ms from `start` to the first content.
async function firstContent(stream, start, contentOf) {
    let first = null;
    for await (const chunk of stream) {
        if (first === null && contentOf(chunk))
            first = performance.now() - start;
    }
    if (first === null)
        throw new Error('the reply had no content');
    return first;
}

const openAiContent = (chunk) => chunk.choices?.[0]?.delta?.content;

async function openAiPeer(settings) {
    const { default: OpenAI } = await import('openai');
    const client = new OpenAI({
        baseURL: settings.baseUrl,
        apiKey: 'detour-bench',
        ...(settings.defaultRetries ? {} : { maxRetries: 0 }),
    });
    // The fallback loop people write around openai-node: each step in turn,
    // the next one when a call throws before the stream starts.
    const turn = async (steps) => {
        const start = performance.now();
        let lastError;
        for (const model of steps) {
            let stream;
            try {
                stream = await client.chat.completions.create({ model, messages, stream: true });
            } catch (error) {
                lastError = error;
                continue;
            }
            return firstContent(stream, start, openAiContent);
        }
        throw lastError;
    };
    return {
        subject: `openai ${versionOf('openai')}, ${
            settings.defaultRetries ? 'default retries' : 'maxRetries 0'
        }, fallback loop`,
        turn,
        close: async () => {},
    };
}

async function langChainPeer(settings) {
    const { ChatOpenAI } = await import('@langchain/openai');
    const model = (name) =>
        new ChatOpenAI({
            model: name,
            apiKey: 'detour-bench',
            configuration: { baseURL: settings.baseUrl },
            ...(settings.defaultRetries ? {} : { maxRetries: 0 }),
        });
    const chains = new Map();
    const chainFor = (steps) => {
        const key = steps.join(',');
        if (!chains.has(key)) {
            const [first, ...rest] = steps.map(model);
            chains.set(key, rest.length ? first.withFallbacks(rest) : first);
        }
        return chains.get(key);
    };
    const turn = async (steps) => {
        const start = performance.now();
        const stream = await chainFor(steps).stream(messages);
        return firstContent(stream, start, (chunk) => chunk.content);
    };
    return {
        subject: `@langchain/openai ${versionOf('@langchain/openai')} + @langchain/core ${versionOf(
            '@langchain/core',
        )} withFallbacks, ${settings.defaultRetries ? 'default retries' : 'maxRetries 0'}`,
        turn,
        close: async () => {},
    };
}

function freePort() {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

async function waitForPort(port, child, timeoutMs) {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
        if (child.exitCode !== null)
            throw new Error(`the Portkey gateway exited with ${child.exitCode}`);
        const open = await new Promise((resolve) => {
            const socket = net.connect({ host: '127.0.0.1', port }, () => {
                socket.destroy();
                resolve(true);
            });
            socket.on('error', () => resolve(false));
        });
        if (open)
            return;
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the Portkey gateway did not start listening');
}

async function portkeyPeer(settings) {
    const { default: OpenAI } = await import('openai');
    const gateway = join(dirname(require.resolve('@portkey-ai/gateway/package.json')), 'build',
        'start-server.js');
    const port = await freePort();
    const child = spawn(process.execPath,
        ['--import', join(here, 'guard.mjs'), gateway, `--port=${port}`, '--headless'], {
            env: { ...process.env, NODE_ENV: 'production' },
            stdio: ['ignore', 'ignore', 'inherit'],
        });
    await waitForPort(port, child, 20000);
    // The gateway's own fallback over the same steps, on the simulator's 429.
    const config = (steps) =>
        JSON.stringify({
            strategy: { mode: 'fallback', on_status_codes: [429] },
            targets: steps.map((model) => ({
                provider: 'openai',
                api_key: 'detour-bench',
                custom_host: settings.baseUrl,
                override_params: { model },
            })),
        });
    const client = new OpenAI({
        baseURL: `http://127.0.0.1:${port}/v1`,
        apiKey: 'detour-bench',
        maxRetries: 0, // the gateway does the routing
    });
    const turn = async (steps) => {
        const start = performance.now();
        const stream = await client.chat.completions.create(
            { model: steps[0], messages, stream: true },
            { headers: { 'x-portkey-config': config(steps) } },
        );
        return firstContent(stream, start, openAiContent);
    };
    return {
        subject: `@portkey-ai/gateway ${versionOf('@portkey-ai/gateway')} on 127.0.0.1, fallback config`,
        turn,
        close: async () => {
            child.kill('SIGTERM');
        },
    };
}

const peers = { openai: openAiPeer, langchain: langChainPeer, portkey: portkeyPeer };

async function main() {
    const settings = options();
    const make = peers[settings.peer];
    if (!make)
        throw new Error(`unknown peer ${settings.peer}`);
    const peer = await make(settings);
    try {
        const serving = settings.steps.slice(-1);
        for (let i = 0; i < 2; ++i)
            await peer.turn(serving);
        process.stdout.write('{"ready": true}\n'); // started and warm: NodePeer::waitUntilReady

        const before = await simStats(settings.baseUrl);
        const ttftMs = [];
        const errors = [];
        const started = performance.now();
        const record = async () => {
            try {
                ttftMs.push(await peer.turn(settings.steps));
            } catch (error) {
                errors.push(String(error?.message ?? error));
            }
        };
        if (settings.concurrent) {
            await Promise.all(Array.from({ length: settings.turns }, record));
        } else if (settings.inFlight > 0) {
            let next = 0;
            const worker = async () => {
                while (next++ < settings.turns)
                    await record();
            };
            await Promise.all(Array.from({ length: settings.inFlight }, worker));
        } else {
            for (let i = 0; i < settings.turns; ++i) {
                const spent = performance.now() - started;
                if (i >= settings.minTurns && settings.budgetMs > 0 && spent > settings.budgetMs)
                    break;
                const wait = i * settings.cadenceMs - spent;
                if (wait > 0)
                    await new Promise((resolve) => setTimeout(resolve, wait));
                await record();
            }
        }
        const after = await simStats(settings.baseUrl);
        const result = {
            subject: settings.concurrent ? `${peer.subject}, turns run at once`
                : settings.inFlight > 0 ? `${peer.subject}, ${settings.inFlight} turns in flight`
                : peer.subject,
            turns: ttftMs.length + errors.length,
            ttft_ms: ttftMs,
            failed: errors.length,
            first_error: errors[0] ?? null,
            requests: requestsBetween(before, after),
            served: requestsBetween(before, after, 'served'),
            wall_ms: performance.now() - started,
        };
        process.stdout.write(`${JSON.stringify(result)}\n`);
    } finally {
        await peer.close();
    }
}

main().then(
    () => process.exit(0),
    (error) => {
        process.stderr.write(`failover peer: ${error?.stack ?? error}\n`);
        process.exit(1);
    },
);
