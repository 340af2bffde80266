#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 The Detour authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

# Runs lintian on the .deb in DEB_DIR and fails on any error (E:) or warning (W:)
# that the package's own overrides (packaging/lintian-overrides*, installed as
# /usr/share/lintian/overrides/detour, each with its reason) do not explain.
# Overridden tags (O:, with the reason as N: lines above) and informational
# ones (I:) are printed too. One lintian run: with --show-overrides, lintian's
# own --fail-on would count the overridden tags as well.
# Usage: lintian-deb.sh DEB_DIR
set -euo pipefail
debs=("$1"/*.deb)
[ -f "${debs[0]}" ] || { echo "FAIL: no .deb in $1" >&2; exit 1; }
echo "lintian $(lintian --version | awk '{ print $2 }') on $(basename "${debs[0]}")"
report=$(lintian --fail-on none --display-info --show-overrides "${debs[0]}" 2>&1 |
    grep -vxF 'running with root privileges is not recommended!') || true
[ -z "$report" ] || printf '%s\n' "$report"
unexplained=$(grep -cE '^[EW]: ' <<<"$report" || true)
if [ "$unexplained" -ne 0 ]; then
    echo "FAIL: lintian: $unexplained error(s) or warning(s) neither fixed nor overridden with a reason" >&2
    exit 1
fi
grep -qE '^[EWIO]: |^N: ' <<<"$report" || [ -z "$report" ] ||
    { echo "FAIL: lintian said something unexpected (above)" >&2; exit 1; }
echo "lintian: no unexplained error or warning"
