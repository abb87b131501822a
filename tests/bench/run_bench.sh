#!/usr/bin/env bash
# errscope's throughput benchmark. Generates a deterministic corpus (1 GiB by default, 2% code
# lines, long lines, a CRLF stretch; build/errscope_corpus_gen), then runs errscope's modes and
# the tools a user would otherwise reach for on the same file, in alternation (one run of every
# command per round, so a slow moment of a shared machine hits all of them alike), and prints
# each command's best MB/s, its peak RSS, and the ratios the project's speed targets are about.
#
#   tests/bench/run_bench.sh [--mib N] [--code-percent P] [--runs N] [--build DIR] [--slow-peers]
#                            [--baseline BINARY]
#
# --baseline adds another errscope binary (an earlier build) to the same rounds, so a change's
# cost is a ratio measured side by side: report, scan text and NDJSON, each after/before.
#
# --slow-peers adds the exact-but-slow peers (a Python `re` histogram; lnav and mtail when
# installed), timed on a 64 MiB corpus of the same mix since they run at tens of MB/s.
set -euo pipefail

mib=1024
code_percent=2
runs=3
build=build
slow_peers=0
baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --mib) mib=$2; shift 2 ;;
    --code-percent) code_percent=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --slow-peers) slow_peers=1; shift ;;
    --baseline) baseline=$(realpath "$2"); shift 2 ;;
    *) echo "usage: $0 [--mib N] [--code-percent P] [--runs N] [--build DIR] [--slow-peers]" \
            "[--baseline BINARY]" >&2
       exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/../.." && pwd)
errscope=$root/$build/errscope
generator=$root/$build/errscope_corpus_gen
for tool in "$errscope" "$generator"; do
  [ -x "$tool" ] || { echo "missing $tool: build first (cmake --build $build)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "missing /usr/bin/time (apt-get install time)" >&2; exit 2; }
cores=$(nproc)
tmp=${TMPDIR:-/tmp}
work=$(mktemp -d "$tmp/errscope-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

corpus_of() {  # corpus_of MIB -> path (generated once, kept for later runs)
  local path=$tmp/errscope-bench-${1}m-${code_percent}p.log
  [ -f "$path" ] || "$generator" "$path" --mib "$1" --code-percent "$code_percent"
  echo "$path"
}
corpus=$(corpus_of "$mib")
small=$(corpus_of 64)
bytes=$(stat -c %s "$corpus")

# The four shapes, each branch starting with a literal, as a user would write them for rg.
shapes='BackMsg_[0-9]+|errcode["'"'"'\\]*\s*(:|=>|=)\s*["'"'"'\\]*-?[0-9]+|respCode["'"'"'\\]*\s*(:|=>|=)\s*["'"'"'\\]*[0-9]{6}|"code"\s*:\s*-?[0-9]+,\s*"msg"'
export shapes

# Each command is a label and a shell snippet run with $f set to the corpus.
labels=()
snippets=()
add() { labels+=("$1"); snippets+=("$2"); }
add "cat f > /dev/null"                          'cat "$f"'
add "wc -l f"                                    'wc -l "$f"'
if command -v rg >/dev/null; then
  add "rg -o '<shapes>' f | mawk histogram (fastest pipeline)" \
      'rg -o "$shapes" "$f" | mawk '"'"'{c[$0]++} END {for (k in c) print c[k], k}'"'"''
  add "rg -o '<shapes>' f | sort | uniq -c"      'rg -o "$shapes" "$f" | sort | uniq -c'
fi
add "errscope report -j 1 --format json f"       '"$errscope" report -j 1 --format json "$f"'
add "errscope report --format json f (-j $cores)" '"$errscope" report --format json "$f"'
add "errscope -j 1 f > /dev/null (scan, text)"   '"$errscope" -j 1 "$f"'
add "errscope f > /dev/null (scan, text, -j $cores)" '"$errscope" "$f"'
add "errscope f > file (scan, text, -j $cores)"  '"$errscope" "$f" > "$work/out"'
add "cat f > file (copy_file_range, in the kernel)" 'cat "$f" > "$work/out"'
add "dd 64 KiB blocks of zeros > file (writing alone)" \
    'dd if=/dev/zero of="$work/out" bs=64K count=$(( $(stat -c %s "$f") / 65536 )) status=none'
add "errscope -j 1 --format json f (scan, NDJSON)" '"$errscope" -j 1 --format json "$f"'
add "errscope --format json f (-j $cores)"       '"$errscope" --format json "$f"'
add "errscope -j 1 --matches-only f"             '"$errscope" -j 1 --matches-only "$f"'
if [ -n "$baseline" ]; then
  [ -x "$baseline" ] || { echo "missing $baseline" >&2; exit 2; }
  add "baseline report -j 1 --format json f"     '"$baseline" report -j 1 --format json "$f"'
  add "baseline -j 1 f > /dev/null (scan, text)" '"$baseline" -j 1 "$f"'
  add "baseline -j 1 --format json f (NDJSON)"   '"$baseline" -j 1 --format json "$f"'
fi
export errscope baseline work

count=${#labels[@]}
declare -a best all
for ((i = 0; i < count; i++)); do best[i]=""; all[i]=""; done
# The first large file written after a pause is slower on a VM (fresh pages come from the host),
# so the file-writing rows take turns in the first of their places, round by round.
file_rows=()
for ((i = 0; i < count; i++)); do
  case "${labels[i]}" in *"> file"*) file_rows+=("$i") ;; esac
done
for ((round = 0; round < runs; round++)); do
  order=()
  for ((i = 0; i < count; i++)); do order+=("$i"); done
  for ((k = 0; k < ${#file_rows[@]}; k++)); do
    order[${file_rows[k]}]=${file_rows[$(( (k + round) % ${#file_rows[@]} ))]}
  done
  for i in "${order[@]}"; do
    start=$(date +%s%N)
    f=$corpus bash -c "${snippets[i]}" >/dev/null 2>&1 || true
    elapsed=$(( $(date +%s%N) - start ))
    # Deleting the 1 GiB a file row wrote takes 80-110 ms here: the next row must not pay for it
    # (as it would in its own `>` truncating the file), and neither row times its own clean-up.
    rm -f "$work/out"
    if [ -z "${best[i]}" ] || [ "$elapsed" -lt "${best[i]}" ]; then best[i]=$elapsed; fi
    all[i]="${all[i]} $elapsed"
  done
done

# Peak RSS (MiB) of one errscope run on a corpus.
rss() {
  local file=$1
  shift
  /usr/bin/time -f %M "$errscope" "$@" "$file" 2>&1 >/dev/null | tail -1 |
    awk '{ printf "%.1f", $1 / 1024 }'
}
source "$(dirname "$0")/bench_lib.sh"

echo "corpus: $corpus ($((bytes >> 20)) MiB, ${code_percent}% code lines); $cores cores," \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); best of $runs rounds"
printf '| %-58s | %8s | %14s |\n' "command" "MB/s" "peak RSS (MiB)"
printf '|%s|%s:|%s:|\n' "$(printf -- '-%.0s' $(seq 60))" "$(printf -- '-%.0s' $(seq 9))" \
  "$(printf -- '-%.0s' $(seq 15))"
for ((i = 0; i < count; i++)); do
  memory=""
  case "${labels[i]}" in
    "errscope report -j 1"*) memory=$(rss "$corpus" report -j 1 --format json) ;;
    "errscope report --format"*) memory=$(rss "$corpus" report --format json) ;;
    "errscope -j 1 f > /dev/null"*) memory=$(rss "$corpus" -j 1) ;;
    "errscope f > /dev/null"*) memory=$(rss "$corpus") ;;
    "errscope -j 1 --format json"*) memory=$(rss "$corpus" -j 1 --format json) ;;
    "errscope --format json"*) memory=$(rss "$corpus" --format json) ;;
    "errscope -j 1 --matches-only"*) memory=$(rss "$corpus" -j 1 --matches-only) ;;
  esac
  printf '| %-58s | %8s | %14s |\n' "${labels[i]}" "$(mbps "${best[i]}")" "$memory"
done

fastest="rg -o '<shapes>' f | mawk histogram (fastest pipeline)"
echo
echo "targets:"
echo "  report -j 1 vs the fastest rg pipeline:      $(ratio "errscope report -j 1 --format json f" "$fastest") (target >= 1.0x)"
echo "  report -j $cores vs report -j 1:                 $(ratio "errscope report --format json f (-j $cores)" "errscope report -j 1 --format json f") (target >= 1.7x on 2 cores)"
to_file="errscope f > file (scan, text, -j $cores)"
cat_file="cat f > file (copy_file_range, in the kernel)"
dd_file="dd 64 KiB blocks of zeros > file (writing alone)"
echo "  scan text to a file (-j $cores): $(mbps "${best[$(index_of "$to_file")]}") MB/s (target >= 2000);" \
  "to /dev/null: $(mbps "${best[$(index_of "errscope f > /dev/null (scan, text, -j $cores)")]}") MB/s"
echo "    the machine writing alone: dd $(mbps "${best[$(index_of "$dd_file")]}") MB/s," \
  "cat $(mbps "${best[$(index_of "$cat_file")]}") MB/s; errscope vs dd: $(ratio "$to_file" "$dd_file")," \
  "vs cat: $(ratio "$to_file" "$cat_file")"
echo "  scan NDJSON: $(mbps "${best[$(index_of "errscope -j 1 --format json f (scan, NDJSON)")]}") MB/s (target >= 1000)"
echo "  peak RSS, report / scan text / scan NDJSON, -j $cores:" \
  "$(rss "$small" report --format json) / $(rss "$small") / $(rss "$small" --format json) MiB on 64 MiB," \
  "$(rss "$corpus" report --format json) / $(rss "$corpus") / $(rss "$corpus" --format json) MiB on $((bytes >> 20)) MiB (target <= 64, within 8 of each other)"

if [ -n "$baseline" ]; then
  echo "against the baseline $baseline (its time / this build's: below 1.0x, this build is slower):"
  echo "  report -j 1:        $(ratio "errscope report -j 1 --format json f" "baseline report -j 1 --format json f")"
  echo "  scan text -j 1:     $(ratio "errscope -j 1 f > /dev/null (scan, text)" "baseline -j 1 f > /dev/null (scan, text)")"
  echo "  scan NDJSON -j 1:   $(ratio "errscope -j 1 --format json f (scan, NDJSON)" "baseline -j 1 --format json f (NDJSON)")"
fi

if [ "$slow_peers" = 1 ]; then
  small_bytes=$(stat -c %s "$small")
  echo
  echo "slow peers, on $small (64 MiB, same mix), one run each:"
  slow() {
    local label=$1 start elapsed
    shift
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    elapsed=$(( $(date +%s%N) - start ))
    printf '| %-58s | %8s |\n' "$label" \
      "$(awk -v b="$small_bytes" -v ns="$elapsed" 'BEGIN { printf "%.0f", b / (ns / 1e9) / 1e6 }')"
  }
  slow "errscope report -j 1 --format json f" "$errscope" report -j 1 --format json "$small"
  slow "python3 re histogram (exact)" python3 -c '
import re, sys, collections
shape = re.compile(r"(?:BackMsg_\d+|\berrcode[\"\x27\\]*\s*(?::|=>|=)\s*[\"\x27\\]*(-?\d+)|\brespCode[\"\x27\\]*\s*(?::|=>|=)\s*[\"\x27\\]*(\d{6})|\"code\"\s*:\s*(-?\d+),\s*\"msg\")")
counts = collections.Counter()
with open(sys.argv[1], "rb") as f:
    for line in f:
        for m in shape.finditer(line.decode("utf-8", "replace")):
            counts[m.group(0)] += 1
print(counts.most_common(40))' "$small"
  for peer in lnav mtail; do
    command -v "$peer" >/dev/null || printf '| %-58s | %8s |\n' "$peer (not installed)" "-"
  done
fi
