#!/usr/bin/env bash
# Runs each fuzz target for SECONDS seconds (default 60), seeded with the
# fixtures and the inputs that once crashed (fuzz/regressions/<target>/),
# and fails if one crashes, hangs or runs out of memory. Skips with a
# message when cargo-fuzz is not installed (`cargo install cargo-fuzz`).
# cargo-fuzz needs a nightly compiler: the nightly toolchain when rustup has
# one, otherwise the stable one with RUSTC_BOOTSTRAP=1.
#
#   bash fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(parse cfg)
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "skipped: cargo-fuzz is not installed (cargo install cargo-fuzz)"
  exit 0
fi
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  fuzz=(cargo +nightly fuzz)
else
  fuzz=(env RUSTC_BOOTSTRAP=1 cargo fuzz)
fi

root=$(pwd)
for t in "${targets[@]}"; do
  case $t in
    parse) seeds=("$root/fixtures/parse-ok" "$root/fixtures/parse-errors" "$root/fuzz/regressions/parse")
           extra=(-dict="$root/fuzz/tla.dict" -max_len=2048) ;;
    cfg)   seeds=("$root/fixtures/cfg/ok" "$root/fixtures/cfg/errors" "$root/fuzz/regressions/cfg")
           extra=(-max_len=1024) ;;
    *)     echo "unknown target $t" >&2; exit 2 ;;
  esac
  corpus=$(mktemp -d)
  log=$(mktemp)
  echo "-- fuzz target $t: ${seconds}s"
  # -s none: no sanitizer (safe Rust; the checks are the target's own
  # assertions, panics and stack overflows); -O: optimised.
  set +e
  "${fuzz[@]}" run -O -s none "$t" "$corpus" "${seeds[@]}" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "${extra[@]}" >"$log" 2>&1
  status=$?
  set -e
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|#[0-9]+ +DONE)' "$log" || true
  rm -rf "$corpus"
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$log" >&2
    rm -f "$log"
    echo "fuzz target $t failed (exit $status): the input is in fuzz/artifacts/$t/" >&2
    exit 1
  fi
  rm -f "$log"
done
