#!/bin/sh

# SPDX-FileCopyrightText: 2026 The Detour authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

# Runs a test program against a real Secret Service: gnome-keyring-daemon on a
# private D-Bus session bus (dbus-run-session), its login collection created and
# unlocked with a throwaway password inside a temporary HOME. Works as root on a
# machine with no session bus (CI). Afterwards every file under that HOME is
# searched for the canary key the program stored: the keyring must keep it
# encrypted, and nothing else may write it down.
#
# Usage: run-with-keyring.sh <test program> [arguments...]
# The program gets DETOUR_KEYRING_CANARY (the key to store) and
# DETOUR_KEYRING_SANDBOX (the temporary HOME's parent, to scan itself).
set -eu

fail() {
    echo "run-with-keyring.sh: FAIL: $*" >&2
    exit 1
}

if [ "${DETOUR_KEYRING_INNER:-}" != 1 ]; then
    [ $# -ge 1 ] || fail "usage: $0 <test program> [arguments...]"
    for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
        command -v "$tool" >/dev/null 2>&1 \
            || fail "$tool is missing; \`make deps\` installs it (Debian: gnome-keyring, dbus-daemon, dbus-bin)"
    done
    sandbox=$(mktemp -d "${TMPDIR:-/tmp}/detour-keyring.XXXXXX")
    trap 'rm -rf "$sandbox"' EXIT
    for dir in home config data cache state runtime; do
        mkdir -p "$sandbox/$dir"
    done
    chmod 700 "$sandbox" "$sandbox/runtime"
    canary="sk-or-v1-keyring-canary-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

    status=0
    env -u DBUS_SESSION_BUS_ADDRESS -u DISPLAY -u WAYLAND_DISPLAY -u XDG_CURRENT_DESKTOP \
        -u DESKTOP_SESSION -u KDE_FULL_SESSION -u GNOME_KEYRING_CONTROL -u OPENROUTER_API_KEY \
        HOME="$sandbox/home" XDG_CONFIG_HOME="$sandbox/config" XDG_DATA_HOME="$sandbox/data" \
        XDG_CACHE_HOME="$sandbox/cache" XDG_STATE_HOME="$sandbox/state" \
        XDG_RUNTIME_DIR="$sandbox/runtime" \
        DETOUR_KEYRING_INNER=1 DETOUR_KEYRING_CANARY="$canary" DETOUR_KEYRING_SANDBOX="$sandbox" \
        dbus-run-session -- "$0" "$@" || status=$?

    # The keyring must have written its collection here, or the search below proves nothing.
    ls "$sandbox"/data/keyrings/*.keyring >/dev/null 2>&1 \
        || { echo "run-with-keyring.sh: FAIL: no keyring file under $sandbox/data/keyrings" >&2; status=1; }
    if grep -r -a -l -F -e "$canary" "$sandbox" >&2; then
        echo "run-with-keyring.sh: FAIL: the key is written in plain text in the file(s) above" >&2
        status=1
    fi
    exit $status
fi

# Inside the private session bus: start the keyring, unlocking (and so creating)
# the login collection with a password read from stdin.
log="$XDG_RUNTIME_DIR/gnome-keyring.log"
printf '%s' "detour-throwaway-password" \
    | gnome-keyring-daemon --foreground --unlock --components=secrets >"$log" 2>&1 &
daemon=$!

owned() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
        | grep -q 'boolean true'
}
tries=0
until owned; do
    if ! kill -0 "$daemon" 2>/dev/null; then
        cat "$log" >&2
        fail "gnome-keyring-daemon exited before it offered org.freedesktop.secrets (its log is above)"
    fi
    tries=$((tries + 1))
    if [ "$tries" -gt 300 ]; then # 30 s
        kill "$daemon" 2>/dev/null || true
        cat "$log" >&2
        fail "gnome-keyring-daemon did not offer org.freedesktop.secrets within 30 s (its log is above)"
    fi
    sleep 0.1
done

status=0
"$@" || status=$?
kill "$daemon" 2>/dev/null || true
wait "$daemon" 2>/dev/null || true
exit $status
