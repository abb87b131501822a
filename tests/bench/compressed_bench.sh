#!/usr/bin/env bash
# errscope on one compressed log against the decompressor alone (issue 17's speed targets).
# Generates the corpus run_bench.sh uses (build/errscope_corpus_gen), compresses it with
# `gzip -6` and `zstd` (level 3), then times, in alternating rounds (one run of every command per
# round, so a slow minute of a shared machine hits all of them alike): `igzip -dc f.gz`,
# `zstd -dc f.zst`, and `errscope report --format json` on each with the default -j and with
# -j 1, and the same with --baseline BINARY (an earlier build). Prints each command's best MB/s
# of decoded bytes and the ratios of the targets, each the median over the rounds of the ratio
# within a round.
#
#   tests/bench/compressed_bench.sh [--mib N] [--code-percent P] [--runs N] [--build DIR]
#                                   [--baseline BINARY]
set -euo pipefail

mib=1024
code_percent=2
runs=3
build=build
baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --mib) mib=$2; shift 2 ;;
    --code-percent) code_percent=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --baseline) baseline=$(realpath "$2"); shift 2 ;;
    *) echo "usage: $0 [--mib N] [--code-percent P] [--runs N] [--build DIR] [--baseline BINARY]" >&2
       exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/../.." && pwd)
errscope=$root/$build/errscope
generator=$root/$build/errscope_corpus_gen
for tool in "$errscope" "$generator"; do
  [ -x "$tool" ] || { echo "missing $tool: build first (cmake --build $build)" >&2; exit 2; }
done
for tool in igzip zstd gzip; do
  command -v "$tool" > /dev/null || { echo "missing $tool (apt-get install isal zstd gzip)" >&2; exit 2; }
done
if [ -n "$baseline" ] && [ ! -x "$baseline" ]; then echo "missing $baseline" >&2; exit 2; fi
cores=$(nproc)
tmp=${TMPDIR:-/tmp}

# The corpus and its compressed copies are kept for later runs (generating 1 GiB and gzipping it
# takes a minute or two).
corpus=$tmp/errscope-bench-${mib}m-${code_percent}p.log
[ -f "$corpus" ] || "$generator" "$corpus" --mib "$mib" --code-percent "$code_percent"
[ -f "$corpus.gz" ] || gzip -6 -c "$corpus" > "$corpus.gz"
[ -f "$corpus.zst" ] || zstd -q -3 -c "$corpus" > "$corpus.zst"
bytes=$(stat -c %s "$corpus")

labels=()
snippets=()
add() { labels+=("$1"); snippets+=("$2"); }
for format in gz zst; do
  tool=$([ "$format" = gz ] && echo igzip || echo zstd)
  add "$tool -dc f.$format > /dev/null"                   "$tool -dc \"\$f.$format\""
  add "errscope report --format json f.$format (-j $cores)" "\"\$errscope\" report --format json \"\$f.$format\""
  add "errscope report -j 1 --format json f.$format"      "\"\$errscope\" report -j 1 --format json \"\$f.$format\""
  if [ -n "$baseline" ]; then
    add "baseline report --format json f.$format (-j $cores)" "\"\$baseline\" report --format json \"\$f.$format\""
    add "baseline report -j 1 --format json f.$format"    "\"\$baseline\" report -j 1 --format json \"\$f.$format\""
  fi
done
export errscope baseline

count=${#labels[@]}
declare -a best all
for ((i = 0; i < count; i++)); do best[i]=""; all[i]=""; done
for ((round = 0; round < runs; round++)); do
  for ((i = 0; i < count; i++)); do
    start=$(date +%s%N)
    f=$corpus bash -c "${snippets[i]}" > /dev/null 2>&1 || true
    elapsed=$(( $(date +%s%N) - start ))
    if [ -z "${best[i]}" ] || [ "$elapsed" -lt "${best[i]}" ]; then best[i]=$elapsed; fi
    all[i]="${all[i]} $elapsed"
  done
done

source "$(dirname "$0")/bench_lib.sh"

echo "corpus: $corpus ($((bytes >> 20)) MiB, ${code_percent}% code lines;" \
  "gzip -6 $(( $(stat -c %s "$corpus.gz") >> 20 )) MiB, zstd -3 $(( $(stat -c %s "$corpus.zst") >> 20 )) MiB);" \
  "$cores cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); best of $runs rounds"
printf '| %-58s | %8s |\n' "command (MB/s of decoded bytes)" "MB/s"
printf '|%s|%s:|\n' "$(printf -- '-%.0s' $(seq 60))" "$(printf -- '-%.0s' $(seq 9))"
for ((i = 0; i < count; i++)); do
  printf '| %-58s | %8s |\n' "${labels[i]}" "$(mbps "${best[i]}")"
done

echo
echo "targets:"
for format in gz zst; do
  tool=$([ "$format" = gz ] && echo igzip || echo zstd)
  peer="$tool -dc f.$format > /dev/null"
  default="errscope report --format json f.$format (-j $cores)"
  single="errscope report -j 1 --format json f.$format"
  echo "  .$format, -j $cores vs $tool -dc: $(ratio "$default" "$peer" 0.9)"
  echo "  .$format, -j 1 vs $tool -dc:  $(ratio "$single" "$peer" 0.7)"
  if [ -n "$baseline" ]; then
    echo "  .$format, -j $cores vs the baseline -j $cores: $(ratio "$default" "baseline report --format json f.$format (-j $cores)" 1.8)"
    echo "  .$format, -j 1 vs the baseline -j 1:  $(ratio "$single" "baseline report -j 1 --format json f.$format")"
  fi
done
