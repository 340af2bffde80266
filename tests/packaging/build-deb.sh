#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 The Detour authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

# Builds the .deb of a build directory with cpack into OUT_DIR (emptied first),
# for deb_package and deb_lintian.
# Usage: build-deb.sh CPACK CPackConfig.cmake OUT_DIR
set -euo pipefail
cpack=$1 config=$2 out=$3

rm -rf "$out"
mkdir -p "$out"
if ! "$cpack" --config "$config" -G DEB -B "$out/cpack" >"$out/cpack.log" 2>&1; then
    cat "$out/cpack.log" >&2
    echo "FAIL: cpack could not build the package" >&2
    exit 1
fi
mv "$out"/cpack/*.deb "$out/"
rm -rf "$out/cpack"
echo "built: $(ls "$out"/*.deb)"
