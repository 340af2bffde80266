#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 The Detour authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

# Regenerates the README's screenshots: the window on the built-in simulator after one demo
# turns (each an upstream 429, then the fallback serving), with the error inspector open beside
# the conversation.
#   resources/screenshots/make-screenshot.sh [path/to/detour]
#       writes main-window-<width>x<height>-<language>-<scheme>.png for every combination of
#       SIZES (default "1280x800 800x600 1920x1080"), LANGUAGES ("en de"), SCHEMES ("light dark").
# Needs Xvfb, xdotool and imagemagick (`make deps` installs them). The demo turns ask for a code
# block, a table and a plain answer, so the pictures show what the chat pane renders.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
detour=${1:-"$here/../../build/ui/detour"}
unset OPENROUTER_API_KEY QT_QPA_PLATFORM
questions=("Show me a short code example in Python" "Compare the free and paid variants in a table"
    "Why do free models hit rate limits?")

# One picture: Xvfb of the given size, a fresh profile, the demo turns, the inspector opened by
# keyboard (Ctrl+I) as a person would.
shoot() {
    local size=$1 language=$2 scheme=$3
    local display=":$((200 + $$ % 300))" scratch xvfb app window
    scratch=$(mktemp -d)
    Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp & xvfb=$!
    for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
    mkdir -p "$scratch/config/Detour/detour"
    printf '[ui]\ncolor_scheme=%s\n' "$scheme" >"$scratch/config/Detour/detour/detour.ini"
    DISPLAY=$display HOME=$scratch XDG_CONFIG_HOME=$scratch/config XDG_DATA_HOME=$scratch/data \
        XDG_CACHE_HOME=$scratch/cache LANGUAGE=$language \
        "$detour" --trace-file "$scratch/trace.jsonl" >/dev/null 2>&1 & app=$!
    export DISPLAY=$display
    window=$(xdotool search --sync --onlyvisible --name Detour | head -1)
    xdotool windowmove "$window" 0 0 windowsize "$window" "${size%x*}" "${size#*x}"
    xdotool windowfocus --sync "$window"
    sleep 0.5
    local turns=0 question
    for question in "${questions[@]}"; do
        xdotool type --delay 10 "$question"
        xdotool key ctrl+Return
        turns=$((turns + 1))
        for _ in $(seq 100); do
            [ "$(wc -l <"$scratch/trace.jsonl" 2>/dev/null || echo 0)" -ge "$turns" ] && break
            sleep 0.1
        done
    done
    xdotool key ctrl+i
    sleep 1
    local picture="$here/main-window-$size-$language-$scheme.png"
    import -window root "$picture"
    echo "wrote $picture"
    kill "$app" "$xvfb" 2>/dev/null || true
    wait "$app" "$xvfb" 2>/dev/null || true
    rm -rf "$scratch"
}

for size in ${SIZES:-1280x800 800x600 1920x1080}; do
    for language in ${LANGUAGES:-en de}; do
        for scheme in ${SCHEMES:-light dark}; do
            shoot "$size" "$language" "$scheme"
        done
    done
done
