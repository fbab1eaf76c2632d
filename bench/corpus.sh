#!/usr/bin/env bash
# Run `tlatrace parse FILE` over a corpus of TLA+ modules and report how many
# it accepts.
#
# Usage: bench/corpus.sh [DIR [TLATRACE [LIST]]]
#   DIR       corpus root                       (default: /work/corpus)
#   TLATRACE  path to the tlatrace binary       (default: target/release/tlatrace)
#   LIST      file listing the modules to parse, one path per line, relative
#             to DIR; blank lines and lines starting with '#' are skipped
#                                               (default: $DIR/sany_ok.txt)
# Environment:
#   TIMEOUT   seconds allowed per file          (default: 20)
#   LOG       where the full output of failing files goes
#                                               (default: ./corpus-parse.log)
#
# Each file is parsed from its own directory (`cd $(dirname FILE) &&
# tlatrace parse $(basename FILE)`), so that modules it EXTENDs or INSTANCEs
# are found beside it.  A file fails when tlatrace exits non-zero, times out,
# or the file is missing.  The failing files are listed with the first line of
# their output, then the closing line `N passed, M failed`.  The exit status
# is 1 if any file failed, 2 on a usage error, 0 otherwise.

set -u

usage() { sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; }

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
esac
if [ $# -gt 3 ]; then usage >&2; exit 2; fi

DIR=${1:-/work/corpus}
BIN=${2:-target/release/tlatrace}
LIST=${3:-$DIR/sany_ok.txt}
TIMEOUT=${TIMEOUT:-20}
LOG=${LOG:-corpus-parse.log}

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(dirname "$script_dir")

# Make the binary path absolute: we cd into each file's directory.
if [ -x "$BIN" ] && [ ! -d "$BIN" ]; then
  BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
elif [[ "$BIN" != /* ]] && [ -x "$repo_root/$BIN" ] && [ ! -d "$repo_root/$BIN" ]; then
  BIN=$repo_root/$BIN
elif [[ "$BIN" != */* ]] && command -v "$BIN" >/dev/null 2>&1; then
  BIN=$(command -v "$BIN")
else
  echo "corpus.sh: tlatrace binary not found or not executable: $BIN" >&2
  exit 2
fi

if [ ! -d "$DIR" ]; then
  echo "corpus.sh: corpus directory not found: $DIR" >&2
  exit 2
fi
DIR=$(cd "$DIR" && pwd)
if [ ! -r "$LIST" ]; then
  echo "corpus.sh: list file not readable: $LIST" >&2
  exit 2
fi
if ! command -v timeout >/dev/null 2>&1; then
  echo "corpus.sh: 'timeout' (coreutils) is required" >&2
  exit 2
fi

: > "$LOG" || { echo "corpus.sh: cannot write log: $LOG" >&2; exit 2; }

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

passed=0
failed=0
failures=()

while IFS= read -r rel || [ -n "$rel" ]; do
  rel=${rel%$'\r'}
  # trim surrounding whitespace
  rel=${rel#"${rel%%[![:space:]]*}"}
  rel=${rel%"${rel##*[![:space:]]}"}
  [ -z "$rel" ] && continue
  [[ "$rel" == \#* ]] && continue

  path=$DIR/$rel
  if [ ! -f "$path" ]; then
    failed=$((failed + 1))
    failures+=("$rel"$'\t'"file not found")
    printf '=== %s\nfile not found: %s\n\n' "$rel" "$path" >> "$LOG"
    continue
  fi

  (
    cd "$(dirname "$path")" &&
    exec timeout -k 5 "$TIMEOUT" "$BIN" parse "$(basename "$path")"
  ) < /dev/null > "$tmp" 2>&1
  rc=$?

  if [ $rc -eq 0 ]; then
    passed=$((passed + 1))
    continue
  fi

  failed=$((failed + 1))
  if [ $rc -eq 124 ]; then
    first="timeout after ${TIMEOUT}s"
  elif [ $rc -eq 137 ]; then
    first="killed (SIGKILL; timeout after ${TIMEOUT}s+5s or out of memory)"
  else
    first=$(grep -m1 -v '^[[:space:]]*$' "$tmp" | tr '\t' ' ' | cut -c1-200)
    [ -z "$first" ] && first="exit status $rc, no output"
  fi
  failures+=("$rel"$'\t'"$first")
  {
    printf '=== %s (exit %d)\n' "$rel" "$rc"
    cat "$tmp"
    printf '\n'
  } >> "$LOG"
done < "$LIST"

if [ $failed -gt 0 ]; then
  {
    printf 'Failing files:\n'
    for f in "${failures[@]}"; do
      printf '  %s: %s\n' "${f%%$'\t'*}" "${f#*$'\t'}"
    done
  } | tee -a "$LOG"
  echo "Full output of failing files: $LOG"
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
