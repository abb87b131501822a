#!/usr/bin/env bash
# Every command's output to a full device or a closed descriptor is an error (one message, exit 2);
# a closed pipe (`| head -1`) stays a quiet end with status 0.
#   write_errors_test.sh path/to/errscope
set -uo pipefail
errscope=${1:?usage: $0 path/to/errscope}
source "$(dirname "$0")/e2e_lib.sh"

for i in $(seq 1 3000); do
  echo "2026-11-01 09:00:0$((i % 10)) line $i resp=|Retuen|2|Retuen|BackMsg_16 errcode=40014"
done > "$work/app.log"
"$errscope" report --format json "$work/app.log" > "$work/report.json"
{ head -c 300000 /dev/zero | tr '\0' 'p'; echo; } > "$work/plain.log"
cp "$(dirname "$0")/../../patterns/backmsg.json" "$work/backmsg.json"

# Each command, one per line (arguments split on spaces).
commands=(
  "$work/app.log"
  "-j 1 $work/app.log"
  "-j 2 $work/app.log $work/app.log"
  "--format json -j 1 $work/app.log"
  "--format json -j 2 $work/app.log $work/app.log"
  "--matches-only $work/app.log"
  "-j 2 $work/plain.log $work/plain.log"
  "report $work/app.log"
  "report --format json $work/app.log"
  "report --format csv $work/app.log"
  "report --format markdown $work/app.log"
  "report --format html $work/app.log"
  "merge $work/report.json $work/report.json"
  "merge --format html $work/report.json"
  "explain 40014"
  "explain --format json 40014"
  "patterns list"
  "patterns list --format json"
  "patterns show backmsg"
  "patterns check $work/backmsg.json"
  "--help"
  "--version"
)

for command in "${commands[@]}"; do
  # shellcheck disable=SC2086
  "$errscope" $command > /dev/full 2> "$work/err"
  status=$?
  if [ "$status" = 2 ] && grep -q '^errscope: error: writing standard output: No space left on device$' "$work/err" &&
     [ "$(grep -c 'writing standard output' "$work/err")" = 1 ]; then
    pass "> /dev/full: $command"
  else
    fail "> /dev/full: $command: status $status, stderr: $(head -c 300 "$work/err")"
  fi
  # shellcheck disable=SC2086
  "$errscope" $command >&- 2> "$work/err"
  status=$?
  if [ "$status" = 2 ] && grep -q '^errscope: error: writing standard output: Bad file descriptor$' "$work/err"; then
    pass ">&-: $command"
  else
    fail ">&-: $command: status $status, stderr: $(head -c 300 "$work/err")"
  fi
done

# Standard input from the file that stdout would have taken: a closed stdout does not capture it.
"$errscope" "$work/app.log" >&- 2> "$work/err" < /dev/null
if [ "$?" = 2 ] && ! grep -q 'read error' "$work/err"; then pass ">&-: no file takes stdout's place"; else fail ">&-: $(cat "$work/err")"; fi

# A closed pipe stays quiet, status 0 (outputs larger than a pipe's buffer).
for i in $(seq 1 30); do cat "$work/app.log"; done > "$work/big.log"
for command in "$work/big.log" "-j 2 $work/big.log" "--format json $work/big.log" "-j 2 --format json $work/big.log" \
               "report --format csv $work/big.log" "-j 2 $work/plain.log $work/plain.log"; do
  # shellcheck disable=SC2086
  "$errscope" $command 2> "$work/err" | head -c 10 > /dev/null
  status=${PIPESTATUS[0]}
  if [ "$status" = 0 ] && [ ! -s "$work/err" ]; then
    pass "| head: $command"
  else
    fail "| head: $command: status $status, stderr: $(head -c 300 "$work/err")"
  fi
done

# Nothing to write: a closed stdout is no error (as in cat /dev/null >&-).
: > "$work/empty.log"
"$errscope" "$work/empty.log" >&- 2> "$work/err"
status=$?
if [ "$status" = 0 ] && [ ! -s "$work/err" ]; then pass ">&- with nothing to write"; else fail ">&- with nothing to write: $status $(cat "$work/err")"; fi

finish
