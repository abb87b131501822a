#!/usr/bin/env bash
# A line of 96 MiB with a code at its end costs at most 1.5 times its size in memory (peak RSS)
# on every path: text with -j 1 and -j 2 (a .gz too), standard input, NDJSON (a line JSON must
# escape whole too), and report.
#   long_line_memory_test.sh path/to/errscope [--no-rss]
# --no-rss (sanitizer builds, whose shadow memory and allocator change the figures): outputs are
# still checked, memory is not.
set -uo pipefail
errscope=${1:?usage: $0 path/to/errscope [--no-rss]}
if [ ! -x /usr/bin/time ]; then
  echo "skip: /usr/bin/time (GNU time) is not installed"
  exit 0
fi
source "$(dirname "$0")/e2e_lib.sh"

size=$((96 << 20))
limit_kb=$((size * 3 / 2 / 1024))
[ "${2:-}" = --no-rss ] && limit_kb=$((1 << 40))
{ head -c "$size" /dev/zero | tr '\0' 'a'; printf ' errcode=40014\n'; } > "$work/long.log"
{ head -c "$size" /dev/zero | tr '\0' '"'; printf ' errcode=40014\n'; } > "$work/quotes.log"

# peak_kb COMMAND...: runs it with stdout to a file, prints its peak RSS in KiB.
peak_kb() {
  /usr/bin/time -f '%M' -o "$work/rss" "$@" > "$work/out" 2> "$work/err"
  echo "$? $(tail -1 "$work/rss")"
}

check() {
  local what=$1 expect_bytes=$2
  shift 2
  read -r status kb < <(peak_kb "$@")
  local got_bytes
  got_bytes=$(stat -c %s "$work/out")
  if [ "$status" != 0 ]; then
    fail "$what: status $status, stderr $(head -c 200 "$work/err")"
  elif [ "$kb" -gt "$limit_kb" ]; then
    fail "$what: peak RSS ${kb} KiB, more than 1.5 x the line (${limit_kb} KiB)"
  elif [ -n "$expect_bytes" ] && [ "$got_bytes" != "$expect_bytes" ]; then
    fail "$what: wrote $got_bytes bytes, expected $expect_bytes"
  else
    pass "$what: peak RSS ${kb} KiB (limit ${limit_kb} KiB)"
  fi
}

annotation=$(printf ' ⟨dingtalk 40014 illegal access_token⟩' | wc -c)
text_bytes=$(($(stat -c %s "$work/long.log") + annotation))
check "text -j 1" "$text_bytes" "$errscope" -j 1 "$work/long.log"
check "text -j 2" "$text_bytes" "$errscope" -j 2 "$work/long.log"
check "text from standard input" "$text_bytes" sh -c "exec \"\$0\" < \"\$1\"" "$errscope" "$work/long.log"
gzip -1 -c "$work/long.log" > "$work/long.log.gz"
check "text -j 2 of a .gz" "$text_bytes" "$errscope" -j 2 "$work/long.log.gz"
check "NDJSON -j 1" "" "$errscope" -j 1 --format json "$work/long.log"
json_bytes=$(stat -c %s "$work/out")
if [ "$json_bytes" -gt "$size" ] && tail -c 300 "$work/out" | grep -q '"code":"40014"'; then pass "NDJSON of the long line written"; else fail "NDJSON: $json_bytes bytes"; fi
check "NDJSON -j 2" "$json_bytes" "$errscope" -j 2 --format json "$work/long.log"
check "NDJSON from standard input" "" sh -c "exec \"\$0\" --format json < \"\$1\"" "$errscope" "$work/long.log"
# Every quote escaped: the JSON text is twice the line, written out as it is made.
check "NDJSON of a line of quotes, -j 1" "" "$errscope" -j 1 --format json "$work/quotes.log"
cp "$work/out" "$work/quotes-j1.json"
# With -j 2 a part holding such a line is scanned straight to the output, not made in memory.
check "NDJSON of a line of quotes, -j 2" "" "$errscope" -j 2 --format json "$work/quotes.log"
if cmp -s "$work/out" "$work/quotes-j1.json"; then pass "-j 2 writes what -j 1 writes"; else fail "-j 2 NDJSON differs from -j 1"; fi
check "report -j 1" "" "$errscope" report -j 1 --format json "$work/long.log"
if grep -q '"code":"40014","known":true' "$work/out"; then pass "report counts the code"; else fail "report: $(head -c 300 "$work/out")"; fi
check "report -j 2" "" "$errscope" report -j 2 "$work/long.log"
check "report from standard input" "" sh -c "exec \"\$0\" report < \"\$1\"" "$errscope" "$work/long.log"

finish
