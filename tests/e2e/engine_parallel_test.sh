#!/usr/bin/env bash
# GNU parallel on one huge file (README, "Beyond one machine"; doc/scale-out.md): --pipepart cuts
# the file into blocks at line ends, a `report --shard K/N -` per block, `merge -` of the
# concatenated reports. The merge equals the single-process report of the file, as
# engine_lib.sh's `comparable` shows them; a block that starts with continuation lines counts
# their codes without a time (and --recstart avoids it); a missing or repeated shard is refused.
#   engine_parallel_test.sh ERRSCOPE CORPUS_GEN
set -uo pipefail
errscope=$(realpath "${1:?usage: $0 ERRSCOPE CORPUS_GEN}")
corpus_gen=${2:?usage: $0 ERRSCOPE CORPUS_GEN}
source "$(dirname "$0")/e2e_lib.sh"
source "$(dirname "$0")/engine_lib.sh"
fixtures=$(realpath "$(dirname "$0")/../../testdata/fixtures")
command -v parallel > /dev/null ||
  { fail "GNU parallel is not installed (.ci/packages.txt)"; finish; exit; }
# parallel writes a note to ~/.parallel once; keep the user's home out of it.
export HOME="$work/home" && mkdir -p "$HOME/.parallel" && touch "$HOME/.parallel/will-cite"

# blocks FILE PARALLEL_ARGS...: the number of blocks --pipepart makes of FILE with these
# arguments, which is N of --shard K/N. parallel 20221122 has no {##} here, and leaves out empty
# blocks, so a fixed --block -B -j J can give fewer than B×J jobs: --dry-run counts them.
blocks() { local file=$1; shift; parallel --pipepart -a "$file" "$@" --dry-run true | wc -l; }

# recipe FILE OUT PARALLEL_ARGS...: the README's recipe, the shard reports kept in OUT.shards.
recipe() {
  local file=$1 out=$2 n
  shift 2
  n=$(blocks "$file" "$@")
  parallel --pipepart -a "$file" "$@" \
    "$errscope" report --format json --source "$(basename "$file")" --shard "{#}/$n" - \
    > "$out.shards" || return 1
  "$errscope" merge --format json - < "$out.shards" > "$out"
}

# 1. A generated 8 MiB corpus (text, JSON and nginx lines, stack traces, long lines, a CRLF
#    stretch; every code line carries its own time) in 6 blocks: 3 per job slot, 2 slots.
"$corpus_gen" "$work/big.log" --mib 8 --code-percent 20 --seed 17 > /dev/null || exit 1
n=$(blocks "$work/big.log" --block -3 -j 2)
check "--dry-run counts $n blocks, 4 or more" [ "$n" -ge 4 ]
(cd "$work" && "$errscope" report --format json --source big.log big.log > single.json)
if (cd "$work" && recipe big.log merged.json --block -3 -j 2) 2> "$work/recipe.err"; then
  same_report "corpus: the merge of $n blocks equals the report of the file" blocks \
    "$work/merged.json" "$work/single.json"
else
  fail "corpus: the recipe failed: $(head -c 300 "$work/recipe.err")"
fi
if [ "$(wc -l < "$work/merged.json.shards")" = "$n" ]; then
  pass "one report a line, one per block ($n)"
else
  fail "$(wc -l < "$work/merged.json.shards") report lines for $n blocks"
fi

# 2. The realistic fixture (every shape of testdata/fixtures/corpus) in 2 KiB blocks.
cp "$fixtures/corpus/realistic.log" "$work/realistic.log"
(cd "$work" && "$errscope" report --format json --source realistic.log realistic.log \
  > realistic-single.json)
if (cd "$work" && recipe realistic.log realistic-merged.json --block 2k) 2> "$work/recipe.err"; then
  name="fixture: the merge of $(wc -l < "$work/realistic-merged.json.shards") 2 KiB blocks"
  same_report "$name equals the report of the file" blocks "$work/realistic-merged.json" \
    "$work/realistic-single.json"
else
  fail "fixture: the recipe failed: $(head -c 300 "$work/recipe.err")"
fi

# 3. Continuation lines at a block's start: each record is a timed line and three continuation
#    lines carrying a code. One process times them by the record's line; a block starting
#    inside a record has no time for them: counted, but not in the timeline or first/last seen.
awk 'BEGIN {
  for (i = 0; i < 4000; i++) {
    printf "2026-11-01 09:%02d:%02d,%03d ERROR [dt-1] c.a.dt.DingClient - send failed\n",
      int(i / 60) % 60, i % 60, i % 1000
    for (j = 0; j < 3; j++)
      printf "Caused by: c.a.dt.DingException: {\"errcode\":40014,\"errmsg\":\"bad\"} #%d\n", j
  }
}' > "$work/traces.log"
(cd "$work" && "$errscope" report --format json --source traces.log traces.log > traces-single.json)
# The code lines the blocks have before their first timed line, for the first block size (of a
# few, as where --pipepart cuts depends on the bytes) that starts a block inside a record.
for block in 40k 37k 31k 23k; do
  untimed=$(parallel --pipepart -a "$work/traces.log" --block "$block" \
    "awk '/^20/ { exit } /errcode/ { n++ } END { print n + 0 }'" | paste -sd+ | bc)
  [ "$untimed" -gt 0 ] && break
done
(cd "$work" && recipe traces.log traces-merged.json --block "$block") 2> "$work/recipe.err" ||
  fail "traces: the recipe failed: $(head -c 300 "$work/recipe.err")"
untimed_in() {  # untimed_in REPORT: the count of dingtalk 40014 minus its timeline's sum
  jq '.codes[] | select(.code == "40014") | .count - ([.timeline[][1]] | add)' "$1"
}
totals() { jq -c '[.lines, .matched_lines, .matches, .errors, [.codes[] | [.code, .count]]]' "$1"; }
if [ "$untimed" -gt 0 ] && [ "$(untimed_in "$work/traces-single.json")" = 0 ] &&
  [ "$(untimed_in "$work/traces-merged.json")" = "$untimed" ] &&
  [ "$(totals "$work/traces-merged.json")" = "$(totals "$work/traces-single.json")" ]; then
  pass "traces: totals equal; the $untimed code lines before a block's first time" \
       "(--block $block) have none"
else
  fail "traces: $untimed lines before a block's first time, merged report leaves" \
       "$(untimed_in "$work/traces-merged.json") out of the timeline, single" \
       "$(untimed_in "$work/traces-single.json"); totals $(totals "$work/traces-merged.json")"
fi
# --recstart: blocks start only at a line beginning with "20" (this log's timed lines), so no
# block starts inside a record and the merge equals the single-process report again.
if (cd "$work" && recipe traces.log traces-recstart.json --block "$block" --recstart 20 \
  --recend '\n') \
  2> "$work/recipe.err"; then
  same_report "traces: with --recstart 20 the merge equals the report of the file" blocks \
    "$work/traces-recstart.json" "$work/traces-single.json"
else
  fail "traces: the --recstart recipe failed: $(head -c 300 "$work/recipe.err")"
fi

# 4. The shards' completeness (issue 17's merge contract): a block whose report is lost, or a
#    shard given twice, is refused (exit 2, nothing written) rather than merged as the whole.
shards=$work/merged.json.shards
if [ -s "$shards" ]; then
  # parallel writes the reports as the blocks finish: put them in shard order.
  jq -c -s 'sort_by(.shards.have[0][0])[]' "$shards" > "$work/sorted" &&
    mv "$work/sorted" "$shards"
  refuses "a lost block" "missing shard 2 of $n" \
    "$errscope" merge --format json - < <(grep -v '"have":\[\[2,2\]\]' "$shards")
  # Another report claiming shard 1 (a copy of the same report is only warned about, as ever).
  printf '2026-11-01 09:00:00 errcode=40014\n' |
    "$errscope" report --format json --source big.log --shard "1/$n" - > "$work/other-1.json"
  refuses "shard 1 given by two reports" "shard 1 of $n" \
    "$errscope" merge --format json - < <(cat "$work/other-1.json" "$shards")
  # --partial merges what it has (a tree's inner step); the final merge then checks the whole.
  if sed -n '1,3p' "$shards" | "$errscope" merge --partial --format json - > "$work/left.json" &&
    sed '1,3d' "$shards" | "$errscope" merge --partial --format json - > "$work/right.json" &&
    "$errscope" merge --format json "$work/left.json" "$work/right.json" > "$work/tree.json"; then
    same_report "a tree of --partial merges equals the report of the file" blocks \
      "$work/tree.json" "$work/single.json"
  else
    fail "a tree of --partial merges failed"
  fi
  refuses "a --partial merge missing shards, merged as final" "missing shards 4-$n of $n" \
    "$errscope" merge --format json "$work/left.json"
else
  fail "no shard reports to check completeness with"
fi
finish
