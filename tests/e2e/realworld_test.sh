#!/usr/bin/env bash
# The real-world corpus against its truth table: every line of testdata/realworld/corpus.log must
# give exactly the codes (vendor:code, in order) that truth.tsv, written from SPEC.md, expects.
#   realworld_test.sh path/to/errscope [CORPUS.log TRUTH.tsv]
# Another corpus and truth table in the same format can be given (lines kept outside the project).
set -uo pipefail
errscope=$(realpath "${1:?usage: $0 path/to/errscope [CORPUS.log TRUTH.tsv]}")
realworld=$(realpath "$(dirname "$0")/../../testdata/realworld")
corpus=$(realpath "${2:-$realworld/corpus.log}")
truth=$(realpath "${3:-$realworld/truth.tsv}")
source "$(dirname "$0")/e2e_lib.sh"
cd "$work" || exit 2

# What the binary finds: "line<TAB>vendor:code,vendor:code" for each line with codes.
"$errscope" --format json "$corpus" > found.ndjson 2> found.err; status=$?
check "scan --format json exits 0 (status $status)" test "$status" = 0
check "nothing on stderr" test ! -s found.err
jq -r '"\(.line)\t\([.matches[] | "\(.vendor):\(.code)"] | join(","))"' found.ndjson > found.tsv || fail "unreadable NDJSON"

corpus_lines=$(wc -l < "$corpus")
truth_rows=$(tail -n +2 "$truth" | wc -l)
check "truth table has a row per corpus line ($truth_rows rows, $corpus_lines lines)" test "$truth_rows" = "$corpus_lines"

# Line by line: the truth row's codes against what was found (nothing found reads as empty).
# awk, not read: a tab-separated row with an empty expected column must keep its columns.
awk -F'\t' 'NR == FNR { found[$1] = $2; next }
             FNR > 1 && found[$1] != $2 { printf "line %s: expected \x27%s\x27 got \x27%s\x27 (%s)\n", $1, $2, found[$1], $4 }' \
  found.tsv "$truth" > disagree.txt
cat disagree.txt
disagreements=$(wc -l < disagree.txt)
# A line the binary reports that the truth table does not list is a disagreement too.
extra=$(awk -F'\t' -v rows="$truth_rows" '$1 > rows' found.tsv | wc -l)
check "no codes on lines beyond the truth table ($extra)" test "$extra" = 0
check "every line agrees with the truth table ($disagreements of $truth_rows disagree)" test "$disagreements" = 0
finish
