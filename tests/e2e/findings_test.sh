#!/usr/bin/env bash
# The ten findings of issue 12's probe, each reproduced as the probe did, on the built binary.
# Every check fails on the build the probe looked at (4dbb8bc) and passes since.
#   findings_test.sh path/to/errscope [--sanitized]
# --sanitized (sanitizer builds): no address-space limit and no memory bound, which the
# sanitizers' own shadow memory would break.
set -uo pipefail
errscope=$(realpath "${1:?usage: $0 path/to/errscope [--sanitized]}")
sanitized=${2:-}
source "$(dirname "$0")/e2e_lib.sh"
cd "$work" || exit 2
# Memory-hungry failures must fail the check, not the machine: 4 GiB of address space at most.
limited() { if [ -n "$sanitized" ]; then timeout 120 "$@"; else (ulimit -v 4194304; timeout 60 "$@"); fi; }
size_of() { stat -c %s "$1"; }

# 1. One far-off timestamp explodes every timeline.
printf '2026-11-01 09:00:00 errcode=40014\n9999-01-01 00:00:00 errcode=40014\n' > far.log
limited "$errscope" report --format json far.log > f1.json 2> /dev/null; s1=$?
limited "$errscope" report --bucket 1m --format json far.log > f1m.json 2> /dev/null; s1m=$?
printf '1970-01-01 00:00:00 BackMsg_16\n2026-11-01 09:00:00 BackMsg_16\n' > epoch.log
limited "$errscope" report --format json epoch.log > f1970.json 2> /dev/null; s1970=$?
check "1. far-off timestamps: small reports (${s1}/${s1m}/${s1970}; $(size_of f1.json)/$(size_of f1m.json)/$(size_of f1970.json) bytes)" \
  test "$s1" = 0 -a "$s1m" = 0 -a "$s1970" = 0 -a "$(size_of f1.json)" -lt 4096 -a "$(size_of f1m.json)" -lt 4096 -a "$(size_of f1970.json)" -lt 4096

# 2. A report whose time.first is after time.last; a 0001-9999 report with 1m buckets.
"$errscope" report --format json epoch.log > good.json 2> /dev/null
sed 's/"first":"[^"]*"/"first":"2030-01-01T00:00:00"/' good.json > reversed.json
limited "$errscope" merge --format html reversed.json > m2.html 2> m2.err; s2=$?
sed 's/"first":"[^"]*"/"first":"0001-01-01T00:00:00"/; s/"last":"[^"]*"/"last":"9999-12-31T23:59:00"/; s/"bucket":"[^"]*"/"bucket":"1m"/' good.json > wide.json
limited "$errscope" merge wide.json > m2w.out 2> m2w.err; s2w=$?
check "2. inconsistent reports refused with one message (status $s2/$s2w), no crash, nothing huge" \
  test "$s2" = 2 -a "$s2w" = 2 -a "$(size_of m2.html)" -lt 4096 -a "$(size_of m2w.out)" -lt 4096 -a "$(grep -c error m2.err)" = 1

# 3. Counts wrap at 2^64.
sed 's/"lines":[0-9]*/"lines":18446744073709551615/' good.json > max.json
"$errscope" merge --format json max.json good.json > m3.json 2> /dev/null
check "3. merged counts saturate: lines $(grep -o '"lines":[0-9-]*' m3.json | head -1)" \
  grep -q '^{"schema":"errscope.report/1",.*"id":"[0-9a-f]*","lines":18446744073709551615,' m3.json

# 4. Garbage after a valid gzip member loses the good data.
for i in $(seq 1 20); do echo "2026-11-01 09:00:00 line $i BackMsg_16"; done > good.log
gzip -c good.log > g.gz
{ cat g.gz; printf GARBAGE; } > bad.gz
lines=$("$errscope" bad.gz 2> /dev/null | wc -l)
counted=$("$errscope" report --format json bad.gz 2> /dev/null | grep -o '"matches":[0-9]*' | head -1)
check "4. trailing garbage after gzip: $lines of 20 lines, report $counted" test "$lines" = 20 -a "$counted" = '"matches":20'

# 5. --matches-only joins lines across files.
printf 'x BackMsg_16' > nonl.log
check "5. --matches-only keeps lines of different files apart" \
  test "$("$errscope" --matches-only nonl.log good.log | wc -l)" = 21

# 6. A file over 16 MiB loses inherited times: timestamped lines up to 100 KiB before 16 MiB,
# then 150 continuation lines of 1 KiB (more than 64 KiB on each side of the part boundary,
# fewer than 256 lines), then a code line without a time of its own.
awk 'BEGIN {
  n = 0
  while (n < 16 * 1048576 - 102400) { line = sprintf("2026-11-01 09:%02d:%02d INFO request %09d ok", int(n / 1e6) % 60, int(n / 1e4) % 60, n); print line; n += length(line) + 1 }
  pad = sprintf("%1000s", ""); gsub(/ /, "x", pad)
  for (i = 0; i < 150; i++) print "\tat " pad
  print "continuation errcode=40014"
}' > parts.log
file_time=$("$errscope" report -j 1 --format json parts.log | grep -o '"first_seen":"[^"]*"')
pipe_time=$(cat parts.log | "$errscope" report --format json | grep -o '"first_seen":"[^"]*"')
check "6. a file over 16 MiB keeps inherited times (${file_time:-none} / ${pipe_time:-none})" \
  test -n "$file_time" -a "$file_time" = "$pipe_time"

# 7. A stale time after a stack trace longer than 256 lines.
{
  echo "2026-11-01 09:00:00 first errcode=40014"
  echo "2026-11-01 10:00:00 later line"
  for _ in $(seq 1 300); do echo "	at com.example.Thing.run(Thing.java:42)"; done
  echo "after the trace errcode=40014"
} > trace.log
check "7. after a 300-line trace the code line takes the last timestamp" \
  grep -q '"last_seen":"2026-11-01T10:00:00"' <("$errscope" report --format json trace.log)

# 8. A 1 GiB line: here 256 MiB, memory at most 1.5x the line, on -j 1.
{ head -c $((256 << 20)) /dev/zero | tr '\0' 'x'; printf ' errcode=40014\n'; } > long.log
/usr/bin/time -f %M -o rss "$errscope" -j 1 long.log > long.out
rss_mib=$(( $(tail -1 rss) / 1024 ))
check "8. a 256 MiB line costs ${rss_mib} MiB (at most 384)" \
  test "$(stat -c %s long.out)" -gt $((256 << 20)) -a \( -n "$sanitized" -o "$rss_mib" -le 384 \)
rm -f long.log long.out

# 9. A failed write is a silent success.
"$errscope" good.log > /dev/full 2> /dev/null; s9=$?
"$errscope" report good.log > /dev/full 2> /dev/null; s9r=$?
check "9. writing to a full disk fails (scan $s9, report $s9r)" test "$s9" = 2 -a "$s9r" = 2

# 10. A parameter with invalid UTF-8 is null in NDJSON.
printf 'BackMsg_17[\xffring]\n' > param.log
check "10. an invalid UTF-8 parameter keeps its text with U+FFFD" \
  grep -q '"param":"\\ufffdring"\|"param":"�ring"' <("$errscope" --format json param.log)

finish
