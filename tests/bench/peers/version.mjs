// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The installed version of a package, for the table's peer names.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export function versionOf(name) {
    try {
        return require(`${name}/package.json`).version;
    } catch {
        // a package whose exports hide package.json: walk up from its entry point
    }
    for (let folder = dirname(require.resolve(name)); ; folder = dirname(folder)) {
        try {
            const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
            if (manifest.name === name)
                return manifest.version;
        } catch {
            // not this folder
        }
        if (dirname(folder) === folder)
            return '?';
    }
}
