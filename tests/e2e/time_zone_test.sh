#!/usr/bin/env bash
# End-to-end check that `--since 24h` counts 24 real hours back from now in the machine's zone
# (TZ) when --tz is not given, and in --tz when it is: a line written without a zone 20 hours ago
# in UTC's wall clock is inside the window in UTC and New York, and 28 hours ago (outside) in
# Shanghai's. Four hours from either edge, so the clock moving during the test changes nothing.
#   time_zone_test.sh path/to/errscope
set -uo pipefail
errscope=${1:?usage: $0 path/to/errscope}
source "$(dirname "$0")/e2e_lib.sh"

when=$(date -u -d '20 hours ago' '+%Y-%m-%dT%H:%M:%S')
echo "$when ERROR svc - resp=|Retuen|2|Retuen|BackMsg_16" > "$work/recent.log"

# matched NAME EXPECTED TZ ARGS...: the report over the last 24h has EXPECTED code lines.
matched() {
  local name=$1 expected=$2 zone=$3; shift 3
  local got
  got=$(TZ=$zone "$errscope" report --format json --since 24h "$@" "$work/recent.log" |
        jq .matched_lines)
  if [ "$got" = "$expected" ]; then pass "$name"; else fail "$name: $got lines, not $expected"; fi
}
matched "machine zone UTC: inside" 1 UTC
matched "machine zone America/New_York: inside" 1 America/New_York
matched "machine zone Asia/Shanghai: outside" 0 Asia/Shanghai
matched "--tz Asia/Shanghai over TZ=UTC: outside" 0 UTC --tz Asia/Shanghai
matched "--tz UTC over TZ=Asia/Shanghai: inside" 1 Asia/Shanghai --tz UTC
finish
