#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 The Detour authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

# Regenerates main-window.png: the window on the simulator after one demo turn,
# with the upstream 429 selected in the error inspector.
# Usage: resources/screenshots/make-screenshot.sh [path/to/detour]   (needs Xvfb, xdotool, imagemagick)
# COLOR_SCHEME=dark (or light) picks View > Colour scheme and writes main-window-<scheme>.png;
# UI_LANGUAGE=de starts Detour in that language and writes main-window-<language>.png;
# QUESTION sets what is typed into the composer.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
detour=${1:-"$here/../../build/ui/detour"}
display=":$((200 + $$ % 300))"
scratch=$(mktemp -d)
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$scratch"' EXIT

Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp & xvfb=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
export DISPLAY=$display HOME=$scratch XDG_CONFIG_HOME=$scratch/config XDG_DATA_HOME=$scratch/data XDG_CACHE_HOME=$scratch/cache
unset OPENROUTER_API_KEY QT_QPA_PLATFORM
picture="$here/main-window.png"
if [ -n "${COLOR_SCHEME:-}" ]; then
    mkdir -p "$scratch/config/Detour/detour"
    printf '[ui]\ncolor_scheme=%s\n' "$COLOR_SCHEME" >"$scratch/config/Detour/detour/detour.ini"
    picture="$here/main-window-$COLOR_SCHEME.png"
fi
if [ -n "${UI_LANGUAGE:-}" ]; then
    export LANGUAGE=$UI_LANGUAGE
    picture="$here/main-window-$UI_LANGUAGE.png"
fi
"$detour" --trace-file "$scratch/trace.jsonl" & app=$!
window=$(xdotool search --sync --onlyvisible --name Detour | head -1)
xdotool windowsize "$window" 1400 900 windowmove "$window" 0 0 windowfocus --sync "$window"
sleep 0.5
xdotool type --delay 15 "${QUESTION:-Why do free models hit rate limits?}"
xdotool key ctrl+Return
for _ in $(seq 100); do [ -s "$scratch/trace.jsonl" ] && break; sleep 0.1; done
sleep 1
import -window root "$picture"
echo "wrote $picture"
