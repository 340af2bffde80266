#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 The Detour authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

# Checks the .deb that build-deb.sh made: unpacks it into a scratch root with
# dpkg-deb -x (nothing is installed on the machine), checks what it holds, and
# runs the unpacked detour: --version, and one simulated turn that must be
# served and recorded.
# Usage: check-deb.sh DEB_DIR APP_ID VERSION
set -euo pipefail
deb_dir=$1 app_id=$2 version=$3

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

deb="$deb_dir/detour_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || fail "no $(basename "$deb") in $deb_dir: $(ls "$deb_dir" 2>&1)"

dpkg-deb -c "$deb" | awk '{ print $6 }' >"$scratch/files"
for path in \
    ./usr/bin/detour \
    ./usr/bin/detour-sim \
    "./usr/share/applications/$app_id.desktop" \
    "./usr/share/metainfo/$app_id.metainfo.xml" \
    "./usr/share/icons/hicolor/scalable/apps/$app_id.svg" \
    ./usr/share/man/man1/detour.1.gz \
    ./usr/share/man/man1/detour-sim.1.gz \
    ./usr/share/doc/detour/copyright \
    ./usr/share/doc/detour/changelog.gz \
    ./usr/share/lintian/overrides/detour; do
    grep -qxF "$path" "$scratch/files" || fail "the package lacks $path"
done
echo "package files:"; grep -v '/$' "$scratch/files"

# dpkg-shlibdeps found the Qt libraries; the plugins it cannot see are listed by hand.
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for dependency in libqt6widgets6 libqt6network6 libqt6sql6-sqlite libqt6svg6; do
    [[ ", $depends," == *", $dependency"[\ ,]* ]] || fail "Depends lacks $dependency"
done

root="$scratch/root"
dpkg-deb -x "$deb" "$root"
grep -qxF "Icon=$app_id" "$root/usr/share/applications/$app_id.desktop" ||
    fail "the desktop entry does not name the installed icon"
grep -qF "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" \
    "$root/usr/share/metainfo/$app_id.metainfo.xml" ||
    fail "the metainfo does not launch the installed desktop entry"

# The unpacked binary runs with nothing from the build tree: its own home, no key.
export HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/home/config" \
    XDG_DATA_HOME="$scratch/home/data" XDG_CACHE_HOME="$scratch/home/cache"
unset OPENROUTER_API_KEY DISPLAY WAYLAND_DISPLAY
detour="$root/usr/bin/detour"

reported=$(timeout 60 "$detour" --version) || fail "detour --version failed"
[ "$reported" = "detour $version" ] || fail "detour --version said '$reported'"

status=0
timeout 120 "$detour" --ask hi --simulate --json --db "$scratch/history.db" \
    >"$scratch/turn.jsonl" 2>"$scratch/turn.err" || status=$?
turn=$(tail -n 1 "$scratch/turn.jsonl")
if [ "$status" -ne 0 ] || [[ "$turn" != *'"status":"served"'* ]] || [[ "$turn" != *'"type":"turn"'* ]]; then
    cat "$scratch/turn.jsonl" "$scratch/turn.err" >&2
    fail "the simulated turn was not served (exit $status)"
fi
[ -s "$scratch/history.db" ] || fail "the turn was not recorded in the conversation store"
echo "detour --ask --simulate: $turn"
echo "package OK: $(basename "$deb")"
