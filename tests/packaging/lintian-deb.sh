#!/usr/bin/env bash
# Runs lintian on the .deb in DEB_DIR and fails on any error or warning that the
# package's own overrides (packaging/lintian-overrides*, installed as
# /usr/share/lintian/overrides/detour, one reason per tag) do not explain.
# Overridden tags are listed (O:), and so are informational ones (I:).
# Usage: lintian-deb.sh DEB_DIR
set -euo pipefail
debs=("$1"/*.deb)
[ -f "${debs[0]}" ] || { echo "FAIL: no .deb in $1" >&2; exit 1; }
echo "lintian $(lintian --version | awk '{ print $2 }') on $(basename "${debs[0]}")"
lintian --fail-on error,warning --display-info --show-overrides "${debs[0]}"
echo "lintian: no unexplained error or warning"
