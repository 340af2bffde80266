#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 The Detour authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

# Runs every libFuzzer target of a fuzz build for a set time, one after another,
# and prints what each did. Exits non-zero when any target found something: a
# crash, a sanitizer report, a leak, a timeout or a broken property (FuzzCheck.h).
# The input that did it stays in <build>/findings/<target>/; fix the engine, then
# copy the input to tests/fuzz/regressions/<target>/ so that the regular test
# suite replays it (test_fuzz_regressions).
#
# Usage: tests/fuzz/run-fuzzers.sh [seconds per target, default 60] [build dir, default build-fuzz]
# FUZZ_TARGETS="route_file sse_parser" runs only those.
set -uo pipefail

seconds=${1:-60}
build=${2:-build-fuzz}
here=$(cd "$(dirname "$0")" && pwd)
read -r -a targets <<<"${FUZZ_TARGETS:-sse_parser response_parser error_diagnosis route_file raw_http_response history_import}"
# Longest input per target: enough for real chunks, bodies and route files (and
# for nesting past json::maxDepth), short enough to keep runs fast.
declare -A max_len=([sse_parser]=4096 [response_parser]=8192 [error_diagnosis]=16384
    [route_file]=8192 [raw_http_response]=8192 [history_import]=16384)

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

status=0
rows=()
for name in "${targets[@]}"; do
    exe=$build/tests/fuzz/fuzz_$name
    if [ ! -x "$exe" ]; then
        echo "run-fuzzers: $exe is missing (build the detour_fuzzers target of the fuzz preset)" >&2
        exit 2
    fi
    mkdir -p "$build/corpus/$name" "$build/findings/$name" "$build/logs"
    log=$build/logs/$name.log
    corpora=("$build/corpus/$name") # the first one receives the new inputs
    for dir in "$build/tests/fuzz/seeds/$name" "$here/regressions/$name"; do
        [ -d "$dir" ] && corpora+=("$dir")
    done
    echo "fuzzing $name for ${seconds} s..." >&2
    "$exe" -max_total_time="$seconds" -max_len="${max_len[$name]}" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -dict="$here/dicts/$name.dict" \
        -artifact_prefix="$build/findings/$name/" "${corpora[@]}" >"$log" 2>&1
    rc=$?

    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
    if [ "$rc" -eq 0 ]; then
        result=ok
    else
        status=1
        artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
        result="FINDING (exit $rc): ${artifact:-see $log}"
        grep -m1 -E 'ERROR: |property broken|runtime error|==ERROR' "$log" >&2
    fi
    rows+=("$(printf '%-18s %12s %8s %6s %7s %7s  %s' "$name" "${runs:--}" "${speed:--}" \
        "${cov:--}" "${ft:--}" "${corp:--}" "$result")")
done

printf '\n%-18s %12s %8s %6s %7s %7s  %s\n' target runs exec/s cov ft corpus result
printf '%s\n' "${rows[@]}"
printf '(%s s per target; logs in %s/logs, corpora in %s/corpus)\n' "$seconds" "$build" "$build"
exit $status
