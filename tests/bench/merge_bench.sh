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
# rounds, without their "shards" field, which it may not know.
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

# The shards, made once per shape and kept. Running errscope N times would take most of an hour
# on 2 cores, so 200 pieces of the corpus are reported for real and each shard K is piece K mod
# 200's report under its own host, file and shard number (the text replaced, its id recomputed
# by merge): every shard a distinct report of real shape.
shards=$tmp/errscope-merge-bench-${reports}x${mib}m-${code_percent}p
if [ ! -f "$shards/done" ]; then
  rm -rf "$shards" && mkdir -p "$shards/pieces" "$shards/real" "$shards/new" "$shards/old"
  echo "making $reports shard reports of $corpus in $shards …" >&2
  (cd "$shards/pieces" && split -n l/200 -a 3 -d "$corpus" piece.)
  for piece in "$shards"/pieces/piece.*; do
    (cd "$shards/pieces" && "$errscope" report --format json --source host-0 --shard 1/1 \
      "${piece##*/}" > "$shards/real/${piece##*/}.json")
  done
  /usr/bin/python3 - "$shards" "$reports" <<'PY'
import os, sys
shards, n = sys.argv[1], int(sys.argv[2])
real = sorted(os.listdir(os.path.join(shards, "real")))
texts = [open(os.path.join(shards, "real", name), encoding="utf-8").read() for name in real]
for k in range(n):
    i = k % len(texts)
    piece = real[i][: -len(".json")]
    text = texts[i].replace('"host-0"', '"host-%d"' % (k % 100))
    text = text.replace('"%s"' % piece, '"host-%d/app.log.%d"' % (k % 100, k))
    new = text.replace('"shards":{"of":1,"have":[[1,1]]}',
                       '"shards":{"of":%d,"have":[[%d,%d]]}' % (n, k + 1, k + 1))
    old = text.replace('"shards":{"of":1,"have":[[1,1]]},', "")
    with open(os.path.join(shards, "new", "%d.json" % k), "w", encoding="utf-8") as out:
        out.write(new)
    with open(os.path.join(shards, "old", "%d.json" % k), "w", encoding="utf-8") as out:
        out.write(old)
PY
  rm -rf "$shards/pieces" "$shards/real"
  touch "$shards/done"
fi
bytes=$(cat "$shards"/new/*.json | wc -c)
codes=$(jq '.codes | length' "$shards/new/0.json")
echo "$reports shard reports, $((bytes / 1048576)) MiB of JSON in all; shard 1 lists $codes codes"

# run LABEL COMMAND: the best wall time and the largest peak RSS over the rounds.
declare -A best rss
run() {
  local label=$1 command=$2 seconds kib
  /usr/bin/time -o "$work/time" -f '%e %M' bash -c "$command" > "$work/out" 2> "$work/err" ||
    { echo "failed: $label: $(head -c 300 "$work/err")" >&2; return; }
  read -r seconds kib < "$work/time"
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
