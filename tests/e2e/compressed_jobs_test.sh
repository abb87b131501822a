#!/usr/bin/env bash
# One compressed input decoded on a thread of its own (-j with threads to spare) gives byte for
# byte what -j 1 gives: scan text, NDJSON and report JSON on a .gz of several members, a .zst of
# several frames, a .gz cut short and one with trailing garbage (the same lines before the error,
# the same message and status), and several compressed files at once. CI runs this under
# ThreadSanitizer too (ctest -L jobs).
#   compressed_jobs_test.sh path/to/errscope path/to/errscope_corpus_gen
set -uo pipefail
errscope=${1:?usage: $0 path/to/errscope path/to/errscope_corpus_gen}
corpus_gen=${2:?usage: $0 path/to/errscope path/to/errscope_corpus_gen}
for tool in gzip zstd; do
  if ! command -v "$tool" > /dev/null; then echo "skip: no $tool"; exit 0; fi
done
source "$(dirname "$0")/e2e_lib.sh"
export SOURCE_DATE_EPOCH=1764547200  # the report's time: the same in every run

"$corpus_gen" "$work/a.log" --mib 6 --code-percent 5 --seed 11 > /dev/null || { echo "corpus_gen failed"; exit 1; }
"$corpus_gen" "$work/b.log" --mib 3 --code-percent 20 --seed 12 > /dev/null || exit 1
{ gzip -c "$work/a.log"; gzip -c "$work/b.log"; } > "$work/members.gz"
{ zstd -q -c "$work/b.log"; zstd -q -c "$work/a.log"; } > "$work/frames.zst"
size=$(stat -c %s "$work/members.gz")
head -c $((size * 2 / 3)) "$work/members.gz" > "$work/cut.gz"
{ gzip -c "$work/a.log"; printf 'GARBAGE'; } > "$work/garbage.gz"
size=$(stat -c %s "$work/frames.zst")
head -c $((size / 2)) "$work/frames.zst" > "$work/cut.zst"

# same_for_all_j NAME ARGS...: -j 1 against -j 2 and -j 4 (stdout, stderr, status).
same_for_all_j() {
  local name=$1; shift
  "$errscope" "${@:1:1}" -j 1 "${@:2}" > "$work/j1" 2> "$work/j1.err"; local s1=$?
  for j in 2 4; do
    "$errscope" "${@:1:1}" -j "$j" "${@:2}" > "$work/jn" 2> "$work/jn.err"; local sn=$?
    if [ "$s1" = "$sn" ] && cmp -s "$work/j1" "$work/jn" && cmp -s "$work/j1.err" "$work/jn.err"; then
      pass "$name: -j $j equals -j 1 ($(stat -c %s "$work/j1") bytes, status $s1)"
    else
      fail "$name: -j $j differs from -j 1 (status $s1 vs $sn; $(cmp "$work/j1" "$work/jn" 2>&1 | head -1); $(head -c 200 "$work/jn.err"))"
    fi
  done
}

for file in members.gz frames.zst cut.gz garbage.gz cut.zst; do
  same_for_all_j "$file scan text" scan "$work/$file"
  same_for_all_j "$file scan NDJSON" scan --format json "$work/$file"
  same_for_all_j "$file report" report --format json "$work/$file"
done
same_for_all_j "several compressed files, report" report --format json \
  "$work/members.gz" "$work/frames.zst" "$work/cut.gz"
same_for_all_j "several compressed files, scan" scan "$work/members.gz" "$work/frames.zst"

# The damage is still told: status 2 and the message of the format.
"$errscope" report -j 2 --format json "$work/cut.gz" > /dev/null 2> "$work/err"
status=$?
if [ "$status" = 2 ] && grep -q "truncated gzip file" "$work/err"; then
  pass "cut.gz -j 2: truncated gzip file, status 2"
else
  fail "cut.gz -j 2: status $status: $(head -c 200 "$work/err")"
fi
"$errscope" report -j 2 --format json "$work/garbage.gz" > /dev/null 2> "$work/err"
status=$?
if [ "$status" = 2 ] && grep -q "trailing garbage ignored" "$work/err"; then
  pass "garbage.gz -j 2: trailing garbage, status 2"
else
  fail "garbage.gz -j 2: status $status: $(head -c 200 "$work/err")"
fi

finish
