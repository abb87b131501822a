#!/usr/bin/env bash
# A damaged .gz, .zst, .xz or .bz2 loses nothing that could be decoded: cut at many points, or
# followed by garbage or zero padding, errscope writes every byte `gzip -dc` / `zstd -dc` /
# `xz -dc` / `bzip2 -dc` decode (the last partial line included) and `report` counts those lines,
# with -j 1 and -j 2.
#   damaged_compressed_test.sh path/to/errscope
set -uo pipefail
errscope=${1:?usage: $0 path/to/errscope}
for tool in gzip zstd xz bzip2; do
  if ! command -v "$tool" > /dev/null; then echo "skip: no $tool"; exit 0; fi
done
source "$(dirname "$0")/e2e_lib.sh"

# Lines without codes, so errscope's output is the decoded bytes themselves.
for i in $(seq 1 60000); do echo "2026-11-01 09:00:$((i % 60)) INFO request $i served in $((i % 97)) ms"; done > "$work/plain.log"
gzip -c "$work/plain.log" > "$work/plain.gz"
zstd -q -c "$work/plain.log" > "$work/plain.zst"
xz -c "$work/plain.log" > "$work/plain.xz"
bzip2 -1 -c "$work/plain.log" > "$work/plain.bz2"  # blocks of 100 kB: a cut keeps the ones before

# expect FILE TOOL STATUS ORIGINAL: errscope writes a prefix of ORIGINAL at least as long as what
# the tool decodes (zstd -dc holds back the last block of a frame cut in its checksum; errscope
# writes it), and exits with STATUS; report counts the lines written.
expect() {
  local file=$1 tool=$2 want=$3 original=$4
  "$tool" -dc "$file" > "$work/want" 2> /dev/null
  local want_bytes
  want_bytes=$(stat -c %s "$work/want")
  for threads in 1 2; do
    "$errscope" -j "$threads" "$file" > "$work/got" 2> "$work/err"
    local status=$?
    local got_bytes
    got_bytes=$(stat -c %s "$work/got")
    if [ "$status" != "$want" ]; then
      fail "$(basename "$file") -j $threads: status $status, expected $want: $(head -c 200 "$work/err")"
    elif [ "$got_bytes" -lt "$want_bytes" ] || ! cmp -s -n "$got_bytes" "$work/got" "$original"; then
      fail "$(basename "$file") -j $threads: $got_bytes bytes, $tool -dc gives $want_bytes"
    else
      pass "$(basename "$file") -j $threads: $got_bytes bytes ($tool -dc: $want_bytes), status $status"
    fi
  done
  local lines
  lines=$(( $(wc -l < "$work/got") + $( [ -s "$work/got" ] && [ "$(tail -c 1 "$work/got" | od -An -c | tr -d ' ')" != '\n' ] && echo 1 || echo 0) ))
  "$errscope" report --format json "$file" 2> /dev/null > "$work/report"
  if grep -q "^{\"schema\":\"errscope.report/1\",.*\"id\":\"[0-9a-f]*\",\"lines\":$lines," "$work/report"; then
    pass "$(basename "$file") report: $lines lines"
  else
    fail "$(basename "$file") report: $(head -c 100 "$work/report"), expected $lines lines"
  fi
}

size=$(stat -c %s "$work/plain.gz")
for cut in 100 1000 $((size / 3)) $((size / 2)) $((size - 9)); do
  head -c "$cut" "$work/plain.gz" > "$work/cut$cut.gz"
  expect "$work/cut$cut.gz" gzip 2 "$work/plain.log"
done
size=$(stat -c %s "$work/plain.zst")
for cut in 100 $((size / 2)) $((size - 3)); do
  head -c "$cut" "$work/plain.zst" > "$work/cut$cut.zst"
  expect "$work/cut$cut.zst" zstd 2 "$work/plain.log"
done

size=$(stat -c %s "$work/plain.xz")
for cut in 100 1000 $((size / 2)) $((size - 9)); do
  head -c "$cut" "$work/plain.xz" > "$work/cut$cut.xz"
  expect "$work/cut$cut.xz" xz 2 "$work/plain.log"
done
size=$(stat -c %s "$work/plain.bz2")
for cut in 100 $((size / 3)) $((size / 2)) $((size - 9)); do
  head -c "$cut" "$work/plain.bz2" > "$work/cut$cut.bz2"
  expect "$work/cut$cut.bz2" bzip2 2 "$work/plain.log"
done

# After complete members and frames: garbage (gzip says "trailing garbage ignored", exit 2),
# zero padding (gzip ignores it; zstd refuses it, as the tools do).
{ cat "$work/plain.gz" "$work/plain.gz"; printf 'GARBAGE'; } > "$work/garbage.gz"
cat "$work/plain.log" "$work/plain.log" > "$work/twice.log"
expect "$work/garbage.gz" gzip 2 "$work/twice.log"
{ cat "$work/plain.gz"; head -c 100000 /dev/zero; } > "$work/padded.gz"
expect "$work/padded.gz" gzip 0 "$work/plain.log"
{ cat "$work/plain.zst"; printf 'GARBAGE'; } > "$work/garbage.zst"
"$errscope" "$work/garbage.zst" > "$work/got" 2> /dev/null
if [ "$?" = 2 ] && cmp -s "$work/got" "$work/plain.log"; then pass "garbage.zst: every frame kept, status 2"; else fail "garbage.zst"; fi
{ cat "$work/plain.zst"; head -c 100000 /dev/zero; } > "$work/padded.zst"
"$errscope" "$work/padded.zst" > "$work/got" 2> /dev/null
if [ "$?" = 2 ] && cmp -s "$work/got" "$work/plain.log"; then pass "padded.zst: every frame kept, status 2"; else fail "padded.zst"; fi

# xz and bzip2 streams: garbage after them fails after every stream (status 2); xz's NUL padding
# in multiples of 4 is no garbage, bzip2 has none (bzip2 -d warns "trailing garbage").
for format in xz bz2; do
  tool=$([ "$format" = xz ] && echo xz || echo bzip2)
  { cat "$work/plain.$format" "$work/plain.$format"; printf 'GARBAGE'; } > "$work/garbage.$format"
  expect "$work/garbage.$format" "$tool" 2 "$work/twice.log"
  { cat "$work/plain.$format"; head -c 4096 /dev/zero; } > "$work/padded.$format"
  expect "$work/padded.$format" "$tool" "$([ "$format" = xz ] && echo 0 || echo 2)" "$work/plain.log"
done

# A flipped byte in the middle of the compressed data: what came before it is kept.
for format in gz:gzip xz:xz bz2:bzip2; do
  suffix=${format%%:*}
  name=${format#*:}
  size=$(stat -c %s "$work/plain.$suffix")
  cp "$work/plain.$suffix" "$work/flipped.$suffix"
  printf '\377\377\377\377' | dd of="$work/flipped.$suffix" bs=1 seek=$((size / 2)) conv=notrunc status=none
  "$errscope" "$work/flipped.$suffix" > "$work/got" 2> "$work/err"
  status=$?
  got=$(stat -c %s "$work/got")
  third=$(($(stat -c %s "$work/plain.log") / 3))
  # Bytes decoded from the damaged block itself may be wrong; all before it are right.
  if [ "$status" = 2 ] && [ "$got" -gt "$third" ] && cmp -s -n "$third" "$work/got" "$work/plain.log" &&
     grep -q "corrupt $name data" "$work/err"; then
    pass "flipped.$suffix: $got bytes written, the first third as in the file, status 2"
  else
    fail "flipped.$suffix: status $status, $got bytes: $(head -c 200 "$work/err")"
  fi
done

finish
