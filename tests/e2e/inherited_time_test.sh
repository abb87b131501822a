#!/usr/bin/env bash
# End-to-end check that a file cut into parts for -j (over 16 MiB) gives its lines without a
# timestamp the same time as reading it whole from a pipe: the last timestamp before them, however
# far back, with and without a window.
#   inherited_time_test.sh path/to/errscope
set -uo pipefail
errscope=${1:?usage: $0 path/to/errscope}
source "$(dirname "$0")/e2e_lib.sh"

# A code line before any timestamp; 09:00 with a code; 16.2 MiB of untimed lines with a code line
# just past the first part boundary (16 MiB) and every 3 MiB; 09:30; 4 MiB more with code lines; a
# code line at 09:45. The code lines past 16 MiB are far more than 64 KiB from any timestamp.
awk 'BEGIN {
  filler = sprintf("%99s", ""); gsub(/ /, "x", filler)
  code = "\tcaused by {\"errcode\":40014,\"errmsg\":\"x\"}"
  print "boot, no clock yet"; print code
  print "2026-11-01T09:00:00 ERROR svc - resp=|Retuen|2|Retuen|BackMsg_16"
  for (i = 1; i <= 170000; i++) { print filler; if (i % 30000 == 0 || i == 168300) print code }
  print "2026-11-01T09:30:00 INFO svc - later"
  for (i = 1; i <= 42000; i++) { print filler; if (i % 7000 == 0) print code }
  print "2026-11-01T09:45:00 ERROR svc - " code
}' > "$work/big.log"
size=$(stat -c %s "$work/big.log")
if [ "$size" -le $((17 << 20)) ]; then fail "the log is only $size bytes"; fi

for window in "" "--since 2026-11-01T09:10:00" "--until 2026-11-01T09:10:00" "--since 2000-01-01"; do
  # shellcheck disable=SC2086 # the window is two words or none
  cat "$work/big.log" | "$errscope" report --format json $window > "$work/pipe.json"
  for jobs in 1 2 3; do
    # shellcheck disable=SC2086
    "$errscope" report -j "$jobs" --format json $window "$work/big.log" > "$work/parts.json"
    # The same lines under other names: standard input and the file.
    if cmp -s <(without_names "$work/pipe.json") <(without_names "$work/parts.json"); then
      pass "-j $jobs ${window:-(no window)}: the same report as from a pipe"
    else
      fail "-j $jobs ${window:-(no window)}: $(diff <(without_names "$work/pipe.json") \
        <(without_names "$work/parts.json") | head -c 600)"
    fi
  done
done

# The reference itself: six continuation lines at 09:00, six at 09:30 (the one before the clock has
# no time).
"$errscope" report -j 2 --format json "$work/big.log" > "$work/parts.json"
if grep -q '"code":"40014".*"first_seen":"2026-11-01T09:00:00","last_seen":"2026-11-01T09:45:00"' "$work/parts.json" &&
   grep -q '\["2026-11-01T09:00:00",6\]' "$work/parts.json" &&
   grep -q '\["2026-11-01T09:30:00",6\]' "$work/parts.json"; then
  pass "continuation lines take 09:00 and 09:30"
else
  fail "continuation lines' times: $(head -c 900 "$work/parts.json")"
fi

finish
