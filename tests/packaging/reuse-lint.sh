#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 The Detour authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

# reuse lint on the source tree: every file states its copyright and licence (an
# SPDX header, or .reuse/dep5) and every licence named has its text in LICENSES/.
# Exits 77 (skipped) outside a git checkout: reuse then cannot tell build output
# inside the tree from sources.
# Usage: reuse-lint.sh SOURCE_DIR
set -euo pipefail
source_dir=$1
if ! git -C "$source_dir" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "SKIP: $source_dir is not a git checkout"
    exit 77
fi
reuse --root "$source_dir" lint
