// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The Node packages Detour is measured and checked against (package.json /
// package-lock.json beside this file): the benchmark peers (`make bench`), the
// exported programs' tests (`make test`) and `make interop`. `npm ci` installs
// them into one cache folder, $XDG_CACHE_HOME/detour-bench or
// ~/.cache/detour-bench, again only when the lock file changed; peers/*.mjs
// are copied beside their node_modules.
//
// As a program (`node tests/bench/peer-cache.mjs [--offline-ok]`) it installs
// them; with --offline-ok a failed install (no network) is a warning, and the
// tests that need the packages skip and say why.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
    copyFileSync,
    existsSync,
    mkdirSync,
    readFileSync,
    readdirSync,
    rmSync,
    writeFileSync,
} from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const cacheDir = join(process.env.XDG_CACHE_HOME || join(os.homedir(), '.cache'), 'detour-bench');
export const peersDir = join(cacheDir, 'peers');

// Installs what the lock file names (when it changed) and copies the peer
// scripts; `say` reports a step. Throws when npm fails.
export function installPeers(say = (text) => process.stdout.write(`${text}\n`)) {
    mkdirSync(cacheDir, { recursive: true });
    const lock = readFileSync(join(here, 'package-lock.json'));
    const stamp = join(cacheDir, 'node_modules', '.detour-bench-lock');
    const digest = createHash('sha256').update(lock).digest('hex');
    if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== digest) {
        say(`installing the Node peers into ${cacheDir} (npm ci)`);
        copyFileSync(join(here, 'package.json'), join(cacheDir, 'package.json'));
        copyFileSync(join(here, 'package-lock.json'), join(cacheDir, 'package-lock.json'));
        // No install scripts: none of the peers needs one to run.
        const result = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
            cwd: cacheDir,
            stdio: 'inherit',
        });
        if (result.error || result.status !== 0)
            throw new Error(`npm ci failed${result.error ? `: ${result.error.message}` : ''}`);
        writeFileSync(stamp, digest);
    }
    rmSync(peersDir, { recursive: true, force: true });
    mkdirSync(peersDir);
    for (const name of readdirSync(join(here, 'peers'))) {
        if (name.endsWith('.mjs'))
            copyFileSync(join(here, 'peers', name), join(peersDir, name));
    }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    const offlineOk = process.argv.includes('--offline-ok');
    try {
        installPeers();
    } catch (error) {
        if (!offlineOk)
            throw error;
        process.stderr.write(`warning: ${error.message}; the tests that run exported programs under `
            + 'Node will skip\n');
    }
}
