#!/usr/bin/env bash
# The threaded paths (-j) of the built binary give byte for byte what one thread gives: scan text,
# NDJSON and --matches-only on a file cut into 1 MiB parts, report on one cut into 16 MiB parts,
# several files at once. CI runs this under ThreadSanitizer too (ctest -L jobs).
#   jobs_test.sh path/to/errscope path/to/errscope_corpus_gen [MiB]
set -uo pipefail
errscope=${1:?usage: $0 path/to/errscope path/to/errscope_corpus_gen [MiB]}
corpus_gen=${2:?usage: $0 path/to/errscope path/to/errscope_corpus_gen [MiB]}
mib=${3:-40}
source "$(dirname "$0")/e2e_lib.sh"

"$corpus_gen" "$work/big.log" --mib "$mib" --code-percent 5 --seed 7 > /dev/null || { echo "corpus_gen failed"; exit 1; }
"$corpus_gen" "$work/small.log" --mib 3 --code-percent 20 --seed 8 > /dev/null || exit 1
# A file that ends without a newline, between the others.
printf '2026-11-01 09:00:00 last line BackMsg_16' > "$work/nonl.log"
files=("$work/big.log" "$work/nonl.log" "$work/small.log")

same_for_all_j() {  # same_for_all_j NAME ARGS... : -j 1 against -j 2 and -j 3
  local name=$1; shift
  "$errscope" -j 1 "$@" > "$work/j1" 2> "$work/j1.err"; local s1=$?
  for j in 2 3; do
    "$errscope" -j "$j" "$@" > "$work/jn" 2> "$work/jn.err"; local sn=$?
    if [ "$s1" = "$sn" ] && cmp -s "$work/j1" "$work/jn" && cmp -s "$work/j1.err" "$work/jn.err"; then
      pass "$name: -j $j equals -j 1 ($(stat -c %s "$work/j1") bytes, status $s1)"
    else
      fail "$name: -j $j differs from -j 1 (status $s1 vs $sn; $(cmp "$work/j1" "$work/jn" 2>&1 | head -1))"
    fi
  done
}

same_for_all_j "scan text" "${files[@]}"
same_for_all_j "scan NDJSON" --format json "${files[@]}"
same_for_all_j "scan --matches-only" --matches-only "${files[@]}"
# report takes -j after the subcommand.
for j in 2 3; do
  "$errscope" report -j 1 --format json "${files[@]}" > "$work/r1"
  "$errscope" report -j "$j" --format json "${files[@]}" > "$work/rn"
  if cmp -s "$work/r1" "$work/rn"; then pass "report: -j $j equals -j 1"; else fail "report: -j $j differs from -j 1"; fi
done
"$errscope" report -j 2 --format json "$work/big.log" > "$work/rbig"
cat "$work/big.log" | "$errscope" report --format json > "$work/rbigstdin"
if cmp -s <(without_names "$work/rbig") <(without_names "$work/rbigstdin"); then pass "report: a file in parts equals it on standard input"; else fail "report: a file in parts differs from it on standard input"; fi

# A part whose first lines inherit an out-of-range time (a clock at 9999) from the part before:
# counted out of range, as on standard input.
awk 'BEGIN {
  n = 0
  while (n < 16 * 1048576 - 102400) { line = sprintf("2026-11-01 09:%02d:%02d INFO request %09d ok", int(n / 1e6) % 60, int(n / 1e4) % 60, n); print line; n += length(line) + 1 }
  print "9999-01-01 00:00:00 a clock gone wrong"
  pad = sprintf("%1000s", ""); gsub(/ /, "x", pad)
  for (i = 0; i < 150; i++) print "\tat " pad
  print "continuation errcode=40014"
  print "2026-11-01 10:00:00 errcode=40014"
}' > "$work/far.log"
"$errscope" report -j 2 --format json "$work/far.log" > "$work/rfar" 2>&1
"$errscope" report --format json < "$work/far.log" > "$work/rfarstdin" 2>&1
if cmp -s <(without_names "$work/rfar") <(without_names "$work/rfarstdin") &&
  grep -q '"out_of_range":1' "$work/rfar"; then
  pass "report: an out-of-range time inherited across parts counts as on standard input"
else
  fail "report: an out-of-range time inherited across parts: $(head -c 300 "$work/rfar")"
fi

finish
