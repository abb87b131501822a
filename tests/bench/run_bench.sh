#!/usr/bin/env bash
# errscope's throughput benchmark. Generates a deterministic corpus (64 MiB by default, ~2% code
# lines, long lines, a CRLF stretch), then times errscope's modes and the tools a user would
# otherwise reach for, on the same file, best of N runs, and prints MB/s.
#
#   tests/bench/run_bench.sh [--mib N] [--code-percent P] [--runs N] [--build DIR]
set -euo pipefail

mib=64
code_percent=2
runs=3
build=build
while [ $# -gt 0 ]; do
  case "$1" in
    --mib) mib=$2; shift 2 ;;
    --code-percent) code_percent=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    *) echo "usage: $0 [--mib N] [--code-percent P] [--runs N] [--build DIR]" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/../.." && pwd)
errscope=$root/$build/errscope
generator=$root/$build/errscope_corpus_gen
for tool in "$errscope" "$generator"; do
  [ -x "$tool" ] || { echo "missing $tool: build first (cmake --build $build)" >&2; exit 2; }
done

corpus=${TMPDIR:-/tmp}/errscope-bench-${mib}m-${code_percent}p.log
[ -f "$corpus" ] || "$generator" "$corpus" --mib "$mib" --code-percent "$code_percent"
bytes=$(stat -c %s "$corpus")
# Four shapes, each branch starting with a literal, as a user would write them for rg.
shapes='BackMsg_[0-9]+|errcode["'"'"'\\]*\s*(:|=>|=)\s*["'"'"'\\]*-?[0-9]+|respCode["'"'"'\\]*\s*(:|=>|=)\s*["'"'"'\\]*[0-9]{6}|"code"\s*:\s*-?[0-9]+,\s*"msg"'

# Best wall time, in nanoseconds, of $runs runs of a command (its output discarded).
best_time() {
  local best="" start end elapsed
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    elapsed=$(( end - start ))
    if [ -z "$best" ] || [ "$elapsed" -lt "$best" ]; then best=$elapsed; fi
  done
  echo "$best"
}
rate() { awk -v b="$bytes" -v ns="$1" 'BEGIN { printf "%.0f", b / (ns / 1e9) / 1e6 }'; }
row() {
  local label=$1 ns
  shift
  ns=$(best_time "$@")
  printf '| %-58s | %10s |\n' "$label" "$(rate "$ns")"
}

peer_cat() { cat "$corpus"; }
peer_grep() { grep -c -E 'BackMsg_|errcode|respCode|"code"' "$corpus"; }
peer_rg() { rg -o "$shapes" "$corpus" | sort | uniq -c; }
scan_text() { "$errscope" -j 1 "$corpus"; }
scan_matches_all() { "$errscope" --matches-only "$corpus"; }
scan_json() { "$errscope" -j 1 --format json "$corpus"; }
scan_json_all() { "$errscope" --format json "$corpus"; }
scan_matches() { "$errscope" -j 1 --matches-only "$corpus"; }
report_json() { "$errscope" report -j 1 --format json "$corpus"; }
report_json_all() { "$errscope" report --format json "$corpus"; }

printf '%s\n' "corpus: $corpus ($((bytes >> 20)) MiB, ${code_percent}% code lines; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))"
printf '| %-58s | %10s |\n' "command (best of $runs)" "MB/s"
printf '|%s|%s:|\n' "$(printf -- '-%.0s' $(seq 60))" "$(printf -- '-%.0s' $(seq 11))"
row "cat f > /dev/null" peer_cat
row "grep -c -E 'BackMsg_|errcode|respCode|\"code\"' f" peer_grep
if command -v rg >/dev/null; then
  row "rg -o '<four shapes>' f | sort | uniq -c" peer_rg
else
  printf '| %-58s | %10s |\n' "rg (not installed: apt-get install ripgrep)" "-"
fi
row "errscope -j 1 f (scan, text)" scan_text
row "errscope -j 1 --format json f (scan, NDJSON)" scan_json
row "errscope -j 1 --matches-only f" scan_matches
row "errscope report -j 1 --format json f" report_json
row "errscope --matches-only f (-j $(nproc))" scan_matches_all
row "errscope --format json f (-j $(nproc))" scan_json_all
row "errscope report --format json f (-j $(nproc))" report_json_all
