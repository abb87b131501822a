#!/usr/bin/env bash
# The progress line on stderr, checked in a pseudo-terminal (util-linux script(1)): drawn and
# erased for report, scan into a pipe and merge; absent when stderr is no terminal, with
# --no-progress, when stdout is the same terminal and below the delay; a file name's escape
# shown, not sent; erased before the message of a SIGINT. No check depends on how fast it runs:
# ERRSCOPE_PROGRESS_DELAY=0 draws the line as reading starts, and the SIGINT run cannot end alone.
#   progress_test.sh path/to/errscope
set -uo pipefail
errscope=${1:?usage: $0 path/to/errscope}
source "$(dirname "$0")/e2e_lib.sh"
export LC_ALL=C ES="$errscope" W="$work"
unset COLUMNS  # the pty has no size: the line is 80 columns wide
command -v script >/dev/null || { fail "script(1) (util-linux) is needed"; finish; exit; }

# pty COMMAND: runs the sh command in a pseudo-terminal; what it showed there goes to stdout.
pty() { script -qec "$1" /dev/null < /dev/null; }
# drawn FILE: a progress line with a total is in the terminal's output.
drawn() { grep -aq $'\rerrscope: [0-9.]* [KMG]*i*B of [0-9.]* [KMG]*i*B ([0-9]*%)' "$1"; }
# erased_at_end FILE: the terminal's output ends with the line erased (CR, erase to its end).
erased_at_end() { [ "$(tail -c 4 "$1" | od -An -tx1 | tr -d ' \n')" = 0d1b5b4b ]; }
# shows_nothing FILE: no progress line and no erasing in the terminal's output.
shows_nothing() { ! grep -aq $'\x1b\\[K\\|\rerrscope:' "$1"; }

line='2026-11-01 09:41:07 ERROR cti - resp=|Retuen|2|Retuen|BackMsg_16 and some filler text'
yes "$line" | head -n 100000 > "$work/big.log"  # 8.7 MiB
lines=$(wc -l < "$work/big.log")

# 1. report into a file: drawn, erased at the end, the report whole.
ERRSCOPE_PROGRESS_DELAY=0 pty '"$ES" report --format json "$W/big.log" > "$W/r.json"' > "$work/t1"
check "report to a file: progress drawn" drawn "$work/t1"
check "report to a file: line erased at the end" erased_at_end "$work/t1"
check "report to a file: the report counts every line" \
  test "$(jq '.lines' "$work/r.json" 2>/dev/null)" = "$lines"

# 2. scan into a pipe: drawn and erased, the output whole.
ERRSCOPE_PROGRESS_DELAY=0 pty '"$ES" -j 2 "$W/big.log" | wc -l > "$W/count"' > "$work/t2"
check "scan to a pipe: progress drawn" drawn "$work/t2"
check "scan to a pipe: line erased at the end" erased_at_end "$work/t2"
check "scan to a pipe: every line out" test "$(cat "$work/count")" = "$lines"

# 3. stderr not a terminal: nothing, in a pty or not.
ERRSCOPE_PROGRESS_DELAY=0 pty '"$ES" report "$W/big.log" > "$W/r3" 2> "$W/e3"' > "$work/t3"
check "stderr to a file: nothing on the terminal" shows_nothing "$work/t3"
check "stderr to a file: nothing in it" test ! -s "$work/e3"

# 4. --no-progress, on each command that has it.
ERRSCOPE_PROGRESS_DELAY=0 pty '"$ES" report --no-progress "$W/big.log" > "$W/r4";
  "$ES" scan --no-progress "$W/big.log" > /dev/null' > "$work/t4"
check "--no-progress: nothing shown" shows_nothing "$work/t4"

# 5. stdout the same terminal: the line would tear the output, so it is not drawn.
ERRSCOPE_PROGRESS_DELAY=0 pty '"$ES" report --color never "$W/big.log"' > "$work/t5"
check "stdout on the same terminal: no progress line" shows_nothing "$work/t5"
check "stdout on the same terminal: the report is there" grep -aq 'BackMsg_16' "$work/t5"

# 6. Below the delay: a short read shows nothing (a delay of 30 s, so a slow machine passes too;
#    the default is 1 s).
printf '%s\n' "$line" "$line" > "$work/small.log"
ERRSCOPE_PROGRESS_DELAY=30 pty '"$ES" report "$W/small.log" > "$W/r6"' > "$work/t6"
check "below the delay: nothing shown" shows_nothing "$work/t6"

# 7. A file name holding an escape sequence is shown escaped, never sent live.
export EVIL="$work/"$'\e[31mevil.log'
cp "$work/big.log" "$EVIL"
ERRSCOPE_PROGRESS_DELAY=0 pty '"$ES" report "$EVIL" > "$W/r7"' > "$work/t7"
check "escape in a file name: shown as \\x1b" grep -aqF '\x1b[31mevil.log' "$work/t7"
check "escape in a file name: never live" eval '! grep -aq $'"'"'\e\\[31m'"'"' "$work/t7"'

# 8. merge of many reports: drawn and erased; a warning erases the line before it.
for i in $(seq 1 40); do
  "$errscope" report --format json --source "host$i" "$work/small.log" > "$work/part$i.json"
done
ERRSCOPE_PROGRESS_DELAY=0 pty '"$ES" merge "$W"/part*.json > "$W/m.json"' > "$work/t8"
check "merge: progress drawn" drawn "$work/t8"
check "merge: line erased at the end" erased_at_end "$work/t8"
ERRSCOPE_PROGRESS_DELAY=0 pty '"$ES" merge "$W"/part*.json "$W/part1.json" > /dev/null' \
  > "$work/t8"
check "merge: the warning comes after the line is erased" \
  grep -aq $'\x1b\\[K\r\x1b\\[Kerrscope: .*part1.json: warning: the same report' "$work/t8"
check "merge: every report counted" test "$(jq '.lines' "$work/m.json" 2>/dev/null)" = 80

# 9. SIGINT: the line is erased before the "interrupted" message. errscope reads a FIFO that
#    this script holds open, so it cannot finish before the signal; the signal is sent once the
#    line is on the terminal.
mkfifo "$work/slow.fifo"
exec 3<> "$work/slow.fifo"
printf '%s\n' "$line" "$line" >&3
set -m  # a background job of a script without job control would ignore SIGINT
ERRSCOPE_PROGRESS_DELAY=0 script -qfec 'echo $$ > "$W/pid";
  exec "$ES" report --format json "$W/slow.fifo" > "$W/int.json"' /dev/null < /dev/null \
  > "$work/t9" &
script_pid=$!
set +m
for _ in $(seq 1 600); do  # up to 60 s
  grep -aq 'slow.fifo' "$work/t9" 2>/dev/null && [ -s "$work/pid" ] && break
  sleep 0.1
done
if grep -aq 'slow.fifo' "$work/t9"; then
  kill -INT "$(cat "$work/pid")"
  wait "$script_pid"
  status=$?
  check "SIGINT: status 130" test "$status" = 130
  check "SIGINT: line erased, then the message" \
    grep -aq $'\x1b\\[K\r\x1b\\[Kerrscope: interrupted' "$work/t9"
  check "SIGINT: nothing drawn after the message" \
    eval '! tr "\n" " " < "$work/t9" | sed "s/.*errscope: interrupted//" | grep -aq slow.fifo'
  check "SIGINT: the report says interrupted" \
    test "$(jq '.interrupted' "$work/int.json" 2>/dev/null)" = true
else
  fail "SIGINT: no progress line within 60 s: $(od -c "$work/t9" | head -5)"
  kill "$script_pid" 2>/dev/null
fi
exec 3>&-
finish
