#!/usr/bin/env bash
# Model-checking benchmark: run `tlatrace model` on the models of issue 3's
# table, each under `/usr/bin/time -v`, and print one row per model: states
# generated, distinct states, depth, wall seconds, states generated per
# second, peak RSS in MiB, and whether the figures equal TLC's.
#
# Usage: bench/models.sh [--full] [--tlc] [--workers N] [--bin PATH] [NAME...]
#   --full        also run TPaxos (2,2,3) (69,954,174 states; many minutes)
#   --tlc         also run TLC on each model and print its wall time and
#                 peak RSS (and whether its figures are the expected ones)
#                 next to ours; needs TLA2TOOLS_JAR
#   --workers N   worker threads for tlatrace and TLC    (default: 2)
#   --bin PATH    the tlatrace binary        (default: target/release/tlatrace)
#   NAME...       run only the models whose name contains one of these words
#                 (e.g. `bench/models.sh Voting Tiny`)
# Environment:
#   TLA2TOOLS_JAR   path of tla2tools.jar, for --tlc
#   TLC_JAVA_OPTS   JVM options for TLC          (default: -XX:+UseParallelGC)
#   LOG_DIR         where the output of every run is kept
#                                               (default: a temporary folder)
#
# Build first: `cargo build --release`.  Run one benchmark at a time: the
# wall times mean nothing on a machine busy with other work.  The exit
# status is 1 if some figures differ from TLC's (or a run fails), 2 on a
# usage error, 0 otherwise.

set -u

usage() { sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; }

full=0
tlc=0
workers=2
BIN=target/release/tlatrace
filters=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --full) full=1 ;;
    --tlc) tlc=1 ;;
    --workers) shift; workers=${1:-} ;;
    --bin) shift; BIN=${1:-} ;;
    -*) echo "models.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) filters+=("$1") ;;
  esac
  shift
done
case "$workers" in
  ''|*[!0-9]*) echo "models.sh: --workers needs a number" >&2; exit 2 ;;
esac

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(dirname "$script_dir")

if [[ "$BIN" != /* ]] && [ -x "$repo_root/$BIN" ]; then BIN=$repo_root/$BIN; fi
if [ ! -x "$BIN" ] || [ -d "$BIN" ]; then
  echo "models.sh: tlatrace binary not found: $BIN (run cargo build --release)" >&2
  exit 2
fi
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
if [ ! -x /usr/bin/time ]; then
  echo "models.sh: /usr/bin/time (GNU time) is needed for -v" >&2
  exit 2
fi
if [ "$tlc" = 1 ]; then
  if [ -z "${TLA2TOOLS_JAR:-}" ] || [ ! -r "$TLA2TOOLS_JAR" ]; then
    echo "models.sh: --tlc needs TLA2TOOLS_JAR=/path/to/tla2tools.jar" >&2
    exit 2
  fi
  if ! command -v java >/dev/null 2>&1; then
    echo "models.sh: --tlc needs java" >&2
    exit 2
  fi
fi
TLC_JAVA_OPTS=${TLC_JAVA_OPTS:--XX:+UseParallelGC}
LOG_DIR=${LOG_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/tlatrace-bench.XXXXXX")}
mkdir -p "$LOG_DIR"

# name | model (relative to specs/) | TLC's generated | distinct | depth | full only
# The figures are TLC 2.20's (specs/README.md); (2,2,3) with TLC 2.20 -workers 1.
MODELS="\
Voting|paxos/MCVoting.tla|41017|6752|16|0
Paxos Tiny|paxos/MCPaxosTiny.tla|23563|3921|17|0
Paxos Small|paxos/MCPaxosSmall.tla|1361380|185369|25|0
TPaxos (2,2,2)|tpaxos/MCTPaxos_2_2_2.tla|27809|7991|20|0
TPaxosAP (2,2,2)|tpaxos/MCTPaxosAP_2_2_2.tla|27809|7991|20|0
TPaxos (2,4,2)|tpaxos/MCTPaxos_2_4_2.tla|27945|7991|20|0
TPaxosWithVotes (2,2,2)|tpaxos/MCTPaxosWithVotes_2_2_2.tla|27809|7991|20|0
TPaxosAPWithVotes (2,2,2)|tpaxos/MCTPaxosAPWithVotes_2_2_2.tla|27809|7991|20|0
TPaxos (2,2,3)|tpaxos/MCTPaxos_2_2_3.tla|69954174|12107912|31|1"

# Wall seconds and peak RSS (MiB) from the output of /usr/bin/time -v.
wall_seconds() {
  sed -n 's/.*Elapsed (wall clock).*: \([0-9:.]*\)$/\1/p' "$1" |
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }'
}
rss_mib() {
  sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$1" |
    awk '{ printf "%.0f", $1 / 1024 }'
}
# A number field of tlatrace's JSON report.
json_field() {
  sed -n "s/^  \"$2\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}\$/\1/p" "$1" | head -n 1
}

selected() {
  [ ${#filters[@]} -eq 0 ] && return 0
  local f
  for f in "${filters[@]}"; do
    case "$1" in *"$f"*) return 0 ;; esac
  done
  return 1
}

header="model|generated|distinct|depth|wall s|generated/s|RSS MiB|= TLC"
[ "$tlc" = 1 ] && header="$header|TLC wall s|TLC RSS MiB|TLC =|TLC wall / ours"
rows=("$header")
status=0
n=0

while IFS='|' read -r name model gen dist depth full_only; do
  [ "$full_only" = 1 ] && [ "$full" = 0 ] && continue
  selected "$name" || continue
  n=$((n + 1))
  dir=$repo_root/specs/$(dirname "$model")
  file=$(basename "$model")
  log=$LOG_DIR/$(echo "$name" | tr -c 'A-Za-z0-9\n' '_')
  echo "== $name: tlatrace model specs/$model --workers $workers" >&2
  (cd "$dir" && /usr/bin/time -v -o "$log.time" "$BIN" model "$file" \
      --format json --workers "$workers" --progress 0 >"$log.json" 2>"$log.err")
  code=$?
  g=$(json_field "$log.json" generated)
  d=$(json_field "$log.json" distinct)
  h=$(json_field "$log.json" depth)
  verdict=$(json_field "$log.json" verdict)
  wall=$(wall_seconds "$log.time")
  rss=$(rss_mib "$log.time")
  rate=$(awk -v g="${g:-0}" -v w="${wall:-0}" 'BEGIN { if (w > 0) printf "%.0f", g / w; else print "-" }')
  if [ "$code" = 0 ] && [ "$verdict" = ok ] && [ "$g" = "$gen" ] && [ "$d" = "$dist" ] && [ "$h" = "$depth" ]; then
    same=yes
  else
    same="NO (exit $code, ${verdict:-no verdict}; TLC: $gen/$dist/$depth)"
    status=1
  fi
  row="$name|${g:--}|${d:--}|${h:--}|${wall:--}|$rate|${rss:--}|$same"

  if [ "$tlc" = 1 ]; then
    echo "== $name: TLC -workers $workers" >&2
    meta=$(mktemp -d "${TMPDIR:-/tmp}/tlc-meta.XXXXXX")
    # shellcheck disable=SC2086 # TLC_JAVA_OPTS is a list of options
    (cd "$dir" && /usr/bin/time -v -o "$log.tlc.time" java $TLC_JAVA_OPTS \
        -cp "$TLA2TOOLS_JAR" tlc2.TLC -workers "$workers" -metadir "$meta" \
        -noGenerateSpecTE -config "${file%.tla}.cfg" "$file" >"$log.tlc.out" 2>&1)
    rm -rf "$meta"
    tg=$(sed -n 's/^\([0-9,]*\) states generated.*/\1/p' "$log.tlc.out" | tail -n 1 | tr -d ,)
    td=$(sed -n 's/.* \([0-9,]*\) distinct states found.*/\1/p' "$log.tlc.out" | tail -n 1 | tr -d ,)
    th=$(sed -n 's/^The depth of the complete state graph search is \([0-9]*\).*/\1/p' "$log.tlc.out" | tail -n 1)
    if grep -q '^Model checking completed. No error has been found.' "$log.tlc.out" &&
       [ "$tg" = "$gen" ] && [ "$td" = "$dist" ] && [ "$th" = "$depth" ]; then
      tsame=yes
    else
      tsame="NO (${tg:-?}/${td:-?}/${th:-?}, see $log.tlc.out)"
    fi
    twall=$(wall_seconds "$log.tlc.time")
    speedup=$(awk -v t="${twall:-0}" -v w="${wall:-0}" 'BEGIN { if (w > 0 && t > 0) printf "%.1f", t / w; else print "-" }')
    row="$row|${twall:--}|$(rss_mib "$log.tlc.time")|$tsame|$speedup"
  fi
  rows+=("$row")
done <<<"$MODELS"

if [ "$n" = 0 ]; then
  echo "models.sh: no model selected" >&2
  exit 2
fi

echo
printf '%s\n' "${rows[@]}" | awk -F'|' '
  { for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) }
    if (NF > nf) nf = NF }
  END {
    for (r = 1; r <= NR; r++) {
      line = ""
      for (i = 1; i <= nf; i++) {
        # Names and verdicts left-aligned, numbers right-aligned.
        if (i == 1 || cell[r, i] !~ /^[0-9.]+$/) fmt = "%-" w[i] "s"; else fmt = "%" w[i] "s"
        line = line (i > 1 ? "  " : "") sprintf(fmt, cell[r, i])
      }
      sub(/ +$/, "", line); print line
    }
  }'
echo
echo "tlatrace: $BIN, $workers worker(s); outputs in $LOG_DIR"
exit $status
