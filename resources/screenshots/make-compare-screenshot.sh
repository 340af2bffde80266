#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 The Detour authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

# The README's picture of comparing routes: the window on the built-in simulator, a fresh
# profile with two saved routes besides the demo route, Chat > Compare routes… (Ctrl+Shift+K)
# ticking all three by keyboard, one question, three columns side by side.
#   resources/screenshots/make-compare-screenshot.sh [path/to/detour]
#       writes compare-1280x800-en-light.png (SIZE, LANGUAGE and SCHEME change it).
# Needs Xvfb, xdotool and imagemagick (`make deps` installs them).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
detour=${1:-"$here/../../build/ui/detour"}
unset OPENROUTER_API_KEY QT_QPA_PLATFORM
size=${SIZE:-1280x800} language=${LANGUAGE:-en} scheme=${SCHEME:-light}
display=":$((200 + $$ % 300))"
scratch=$(mktemp -d)
Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp & xvfb=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
mkdir -p "$scratch/config/Detour/detour"
# Two routes of the person's on the demo scenario's models: Llama is served by Groq at once;
# Qwen is refused upstream by Cerebras, then Llama serves.
cat >"$scratch/config/Detour/detour/detour.ini" <<INI
[ui]
color_scheme=$scheme

[routes]
1\\json="{\\"name\\": \\"Llama\\", \\"steps\\": [{\\"model\\": \\"meta-llama/llama-3.3-70b-instruct\\"}]}"
2\\json="{\\"name\\": \\"Qwen, then Llama\\", \\"steps\\": [{\\"model\\": \\"qwen/qwen3-235b-a22b-thinking-2507\\"}, {\\"model\\": \\"meta-llama/llama-3.3-70b-instruct\\"}]}"
size=2
INI
DISPLAY=$display HOME=$scratch XDG_CONFIG_HOME=$scratch/config XDG_DATA_HOME=$scratch/data \
    XDG_CACHE_HOME=$scratch/cache LANGUAGE=$language "$detour" >/dev/null 2>&1 & app=$!
export DISPLAY=$display
window=$(xdotool search --sync --onlyvisible --name Detour | head -1)
xdotool windowmove "$window" 0 0 windowsize "$window" "${size%x*}" "${size#*x}"
xdotool windowfocus --sync "$window"
sleep 0.5
xdotool key ctrl+shift+k
sleep 1
xdotool key --delay 300 space Down space
sleep 0.5
xdotool key alt+c
sleep 0.5
xdotool type --delay 10 "Show me a short code example in Python"
xdotool key ctrl+Return
sleep 6
picture="$here/compare-$size-$language-$scheme.png"
import -window root "$picture"
echo "wrote $picture"
kill "$app" "$xvfb" 2>/dev/null || true
wait "$app" "$xvfb" 2>/dev/null || true
rm -rf "$scratch"
