#!/usr/bin/env bash
# merge of many shard reports: the time and peak RSS of `errscope merge` on N reports (10,000 by
# default) of a realistic shape, given as files and as one stream on standard input (what
# `parallel --nonall` and ssh loops write), against the issue's targets (under 10 s and 256 MiB).
#
# The shards: a generated corpus (20% code lines by default) cut into N pieces at line ends, each
# reported with --source host-(K mod 100) and --shard K/N, as N hosts' or blocks' reports of one
# job would be: a few dozen codes each, with timelines, examples, sources and inputs.
#
#   tests/bench/merge_bench.sh [--reports N] [--mib M] [--code-percent P] [--runs R]
#                              [--build DIR] [--baseline BINARY]
#
# --baseline times another errscope's merge (an earlier build) on the same shards in the same
# rounds (without --shard, which it may not know: the shards are then written twice).
set -euo pipefail

reports=10000
mib=256
code_percent=20
runs=3
build=build
baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --reports) reports=$2; shift 2 ;;
    --mib) mib=$2; shift 2 ;;
    --code-percent) code_percent=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --baseline) baseline=$(realpath "$2"); shift 2 ;;
    *) echo "usage: $0 [--reports N] [--mib M] [--code-percent P] [--runs R] [--build DIR]" \
            "[--baseline BINARY]" >&2
       exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/../.." && pwd)
errscope=$root/$build/errscope
generator=$root/$build/errscope_corpus_gen
for tool in "$errscope" "$generator" /usr/bin/time; do
  [ -x "$tool" ] || { echo "missing $tool (build first; GNU time: apt-get install time)" >&2; exit 2; }
done
tmp=${TMPDIR:-/tmp}
work=$(mktemp -d "$tmp/errscope-merge-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1796097600

corpus=$tmp/errscope-bench-${mib}m-${code_percent}p.log
[ -f "$corpus" ] || "$generator" "$corpus" --mib "$mib" --code-percent "$code_percent"

# The shards, made once per shape and kept (N processes take a minute or two).
shards=$tmp/errscope-merge-bench-${reports}x${mib}m-${code_percent}p
if [ ! -f "$shards/done" ]; then
  rm -rf "$shards" && mkdir -p "$shards/pieces" "$shards/new" "$shards/old"
  echo "making $reports shard reports of $corpus in $shards …" >&2
  (cd "$shards/pieces" && split -n "l/$reports" -a 6 -d "$corpus" piece.)
  export errscope baseline reports shards
  # shellcheck disable=SC2016  # expanded by the inner shell
  seq 0 $((reports - 1)) | xargs -P "$(nproc)" -n 100 bash -c '
    for k in "$@"; do
      piece=$(printf "%s/pieces/piece.%06d" "$shards" "$k")
      "$errscope" report --format json --source "host-$((k % 100))" --shard "$((k + 1))/$reports" \
        "$piece" > "$shards/new/$k.json"
      if [ -n "$baseline" ]; then
        "$baseline" report --format json --source "host-$((k % 100))" "$piece" > "$shards/old/$k.json"
      fi
    done' _
  rm -rf "$shards/pieces"
  touch "$shards/done"
fi
bytes=$(cat "$shards"/new/*.json | wc -c)
codes=$(jq '.codes | length' "$shards/new/0.json")
echo "$reports shard reports, $((bytes / 1048576)) MiB of JSON in all; shard 1 lists $codes codes"

# run LABEL COMMAND: the best wall time and the largest peak RSS over the rounds.
declare -A best rss
run() {
  local label=$1 command=$2 out
  out=$( { /usr/bin/time -f '%e %M' bash -c "$command" > "$work/out" 2>/dev/null; } 2>&1 | tail -1)
  local seconds=${out% *} kib=${out#* }
  if [ -z "${best[$label]:-}" ] || awk "BEGIN { exit !($seconds < ${best[$label]}) }"; then
    best[$label]=$seconds
  fi
  if [ -z "${rss[$label]:-}" ] || [ "$kib" -gt "${rss[$label]}" ]; then rss[$label]=$kib; fi
}
export errscope baseline shards
labels=("merge FILE… (new)" "cat FILE… | merge - (new)")
[ -n "$baseline" ] && labels+=("merge FILE… (baseline)" "cat FILE… | merge - (baseline)")
for ((round = 0; round < runs; round++)); do
  # Globs expand in the inner shell: 10,000 names are over no limit of exec there.
  run "${labels[0]}" 'cd "$shards/new" && "$errscope" merge --format json *.json'
  run "${labels[1]}" 'cd "$shards/new" && cat *.json | "$errscope" merge --format json -'
  if [ -n "$baseline" ]; then
    run "${labels[2]}" 'cd "$shards/old" && "$baseline" merge --format json *.json'
    run "${labels[3]}" 'cd "$shards/old" && cat *.json | "$baseline" merge --format json -'
  fi
done
printf '\n| %-34s | %10s | %13s |\n|---|---:|---:|\n' command "best time" "peak RSS"
for label in "${labels[@]}"; do
  printf '| %-34s | %8s s | %9s MiB |\n' "$label" "${best[$label]}" "$((rss[$label] / 1024))"
done
echo
echo "targets: under 10 s and under 256 MiB peak RSS for $reports shard reports"
