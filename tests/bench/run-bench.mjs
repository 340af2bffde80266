// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// `make bench`: every benchmark in one run, on the release build.
//
// 1. Installs the peers (package.json / package-lock.json beside this file)
//    with `npm ci` into a cache folder, $XDG_CACHE_HOME/detour-bench or
//    ~/.cache/detour-bench, and copies peers/*.mjs beside their node_modules
//    (peer-cache.mjs, which `make test` and `make interop` use too).
// 2. Configures the release preset and builds the `benchmarks` target.
// 3. Runs `ctest -L bench`; every program appends its rows to one file.
// 4. Prints the rows as one table and writes build-release/bench-report.md.
// Exits non-zero when a benchmark failed or missed a target.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installPeers, peersDir } from './peer-cache.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const buildDir = join(root, 'build-release');
const rowsFile = join(buildDir, 'bench-rows.jsonl');
const reportFile = join(buildDir, 'bench-report.md');
const jobs = process.env.JOBS || '2';
const benchmarks = [
    'failover', 'cooldown', 'storm', 'tail', 'sse', 'render', 'scroll', 'startup', 'engine',
];
const started = Date.now();

function run(command, args, options = {}) {
    const result = spawnSync(command, args, { stdio: 'inherit', ...options });
    if (result.error)
        throw new Error(`${command}: ${result.error.message}`);
    return result.status ?? 1;
}

function step(text) {
    const minutes = ((Date.now() - started) / 60000).toFixed(1);
    process.stdout.write(`\n== ${text} (${minutes} min)\n`);
}

function build() {
    step('configuring and building the release preset (build-release), target benchmarks');
    if (run('cmake', ['--preset', 'release'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] }) !== 0)
        throw new Error('cmake --preset release failed');
    if (run('cmake', ['--build', buildDir, '--target', 'benchmarks', '-j', jobs], { cwd: root }) !== 0)
        throw new Error('the build failed');
}

function runBenchmarks() {
    step('running the benchmarks (ctest -L bench)');
    rmSync(rowsFile, { force: true });
    return run('ctest', ['--test-dir', buildDir, '-L', 'bench', '--output-on-failure'], {
        env: { ...process.env, DETOUR_BENCH_ROWS: rowsFile, DETOUR_BENCH_PEERS: peersDir },
    });
}

function readRows() {
    if (!existsSync(rowsFile))
        return [];
    return readFileSync(rowsFile, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line));
}

function number(value) {
    return value.toLocaleString('en-US', { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 });
}

// Rows grouped by benchmark (in issue order) and measure (in the order they
// were written), Detour's before the peers'.
function tableOf(rows) {
    const order = (row) => {
        const index = benchmarks.indexOf(row.benchmark);
        return index < 0 ? benchmarks.length : index;
    };
    const groups = new Map();
    for (const row of rows) {
        const key = `${row.benchmark}\u0000${row.measure}`;
        if (!groups.has(key))
            groups.set(key, []);
        groups.get(key).push(row);
    }
    const sorted = [...groups.values()].sort((a, b) => order(a[0]) - order(b[0]));
    const lines = [
        '| # | Benchmark | Measure | Subject | Value | Detour × better | Target | Result |',
        '|---|---|---|---|---:|---:|---|---|',
    ];
    for (const group of sorted) {
        group.sort((a, b) => ('ratio' in a) - ('ratio' in b));
        for (const row of group) {
            const cells = [
                String(order(row) + 1),
                row.benchmark,
                row.measure,
                row.subject,
                `${number(row.value)} ${row.unit}`.trim(),
                typeof row.ratio === 'number' ? `${number(row.ratio)}×` : '',
                row.target || '-',
                row.target ? (row.pass ? 'pass' : '**MISSED**') : (row.pass ? '' : '**FAILED**'),
            ];
            lines.push(`| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`);
        }
    }
    return lines.join('\n');
}

function machine() {
    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    const memory = (os.totalmem() / 2 ** 30).toFixed(0);
    let system = `${os.type()} ${os.release()}`;
    try {
        const release = readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)/m);
        if (release)
            system = `${release[1]}, ${system}`;
    } catch {
        // not Linux
    }
    return `${cpu}, ${os.cpus().length} cores, ${memory} GiB; ${system}; Node.js ${process.versions.node}`;
}

function main() {
    let status = 0;
    try {
        installPeers(step);
        build();
        status = runBenchmarks();
    } catch (error) {
        process.stderr.write(`make bench: ${error.message}\n`);
        return 1;
    }
    const rows = readRows();
    const missed = rows.filter((row) => !row.pass).length;
    const present = new Set(rows.map((row) => row.benchmark));
    const absent = benchmarks.filter((name) => !present.has(name));
    const minutes = ((Date.now() - started) / 60000).toFixed(1);
    const table = tableOf(rows);
    const summary = [
        missed ? `${missed} row(s) missed their target.` : 'Every target was met.',
        absent.length ? `No rows from: ${absent.join(', ')}.` : '',
        status ? 'At least one benchmark program failed (see its output above).' : '',
    ].filter(Boolean).join(' ');
    const notes = [
        '"Detour × better": how many times better Detour\'s figure is than the peer\'s',
        '(peer ÷ Detour for times and request counts, Detour ÷ peer for throughput).',
    ].join(' ');
    process.stdout.write(`\n${table}\n\n${notes}\n${summary}\nmake bench took ${minutes} min.\n`);
    const report = [
        '# Detour benchmarks',
        '',
        `Run with \`make bench\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC,`,
        `${machine()}; ${minutes} min in all (peer install, build, runs).`,
        '',
        table,
        '',
        notes,
        '',
        summary,
        '',
    ].join('\n');
    writeFileSync(reportFile, report);
    process.stdout.write(`Report: ${reportFile}\n`);
    return status !== 0 || missed > 0 || absent.length > 0 ? 1 : 0;
}

process.exit(main());
