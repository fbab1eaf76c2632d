#!/usr/bin/env bash
# Trace-checking benchmark: prints events, wall time, events/s and peak RSS
# for the targets of the trace checker:
#   1. a 1,000,000-event full-state Paxos log (state changes logged as
#      updates: every event determines the whole next state), checked in a
#      streaming way (memory must not grow with the log);
#   2. partial logs (no `msgs`, no action labels) of 1k, 10k and 100k
#      events: time must grow linearly (10x events, at most 11x time);
#   3. a 100-event log end to end (process start to verdict).
#
# Usage: bench/traces.sh [--quick] [--bin PATH]
#   --quick   skip the 1,000,000-event log (use 100,000)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=target/release/tlatrace
BIG=1000000
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) BIG=100000 ;;
    --bin) BIN="$2"; shift ;;
    *) echo "usage: bench/traces.sh [--quick] [--bin PATH]" >&2; exit 2 ;;
  esac
  shift
done
[ -x "$BIN" ] || cargo build --release -q
SPEC=specs/paxos/MCPaxosTiny.tla
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

measure() { # label, trace file
  local out
  out=$( { /usr/bin/time -f "%e %M" "$BIN" check "$SPEC" "$2" >/dev/null; } 2>&1 | tail -1 )
  local secs rss events
  secs=${out% *}; rss=${out#* }
  events=$(grep -c . "$2")
  awk -v l="$1" -v e="$events" -v s="$secs" -v r="$rss" \
    'BEGIN { printf "%-34s %9d events %8.3f s %11.0f events/s %7.1f MiB\n", l, e, s, (s > 0 ? e / s : 0), r / 1024 }'
}

echo "== full-state log, updates style, streamed"
"$BIN" simulate "$SPEC" --depth "$BIG" --seed 7 --style updates > "$TMP/big.jsonl"
measure "Paxos, $BIG steps" "$TMP/big.jsonl"

echo "== partial logs (maxBal, maxVBal, maxVal only; no labels)"
for n in 1000 10000 100000; do
  "$BIN" simulate "$SPEC" --depth "$n" --seed 11 --style partial --only maxBal,maxVBal,maxVal --no-labels > "$TMP/p$n.jsonl"
  measure "Paxos partial, $n steps" "$TMP/p$n.jsonl"
done

echo "== 100-event log, end to end (best of 5)"
"$BIN" simulate "$SPEC" --depth 99 --seed 3 > "$TMP/small.jsonl"
best=999
for _ in 1 2 3 4 5; do
  t=$( { /usr/bin/time -f "%e" "$BIN" check "$SPEC" "$TMP/small.jsonl" >/dev/null; } 2>&1 | tail -1 )
  best=$(awk -v a="$best" -v b="$t" 'BEGIN { print (b < a ? b : a) }')
done
echo "100 events: ${best} s wall, whole command"
