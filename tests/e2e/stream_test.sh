#!/usr/bin/env bash
# End-to-end checks of errscope's streaming behaviour that a golden file cannot express:
# promptness in a pipe, a closed output pipe, a 64 MiB line, and terminal safety.
#   stream_test.sh path/to/errscope
set -uo pipefail
errscope=${1:?usage: $0 path/to/errscope}
source "$(dirname "$0")/e2e_lib.sh"

# 1. A line written into a pipe that stays open is annotated and on stdout at once: errscope
#    flushes when its input would wait, without any flag.
mkfifo "$work/in"
"$errscope" < "$work/in" > "$work/out" &
exec 3> "$work/in"
start=$(date +%s%N)
printf '2026-11-01 09:41:07 ERROR cti - resp=|Retuen|2|Retuen|BackMsg_16\n' >&3
seen=""
for _ in $(seq 1 400); do
  if grep -q 'BackMsg_16 ⟨backmsg BackMsg_16' "$work/out" 2>/dev/null; then seen=yes; break; fi
  sleep 0.005
done
latency_ms=$(( ($(date +%s%N) - start) / 1000000 ))
if [ -n "$seen" ]; then pass "annotated line out of an open pipe after ${latency_ms} ms"; else fail "no output within 2 s while the pipe stays open"; fi
exec 3>&-
wait

# 2. A closed output pipe ends errscope at once and quietly.
for i in $(seq 1 200000); do echo "line $i BackMsg_16 with some text"; done > "$work/big.log"
"$errscope" "$work/big.log" 2> "$work/err" | head -1 > "$work/first"
status=${PIPESTATUS[0]}
if [ "$status" = 0 ] && [ ! -s "$work/err" ] && grep -q '^line 1 BackMsg_16' "$work/first"; then
  pass "| head -1: status 0, nothing on stderr"
else
  fail "| head -1: status $status, stderr: $(head -c 200 "$work/err")"
fi

# 3. A 64 MiB line with a code at its end: handled, bytes kept, annotation added.
{ head -c $((64 << 20)) /dev/zero | tr '\0' 'x'; printf ' errcode=40014\n'; } > "$work/long.log"
"$errscope" "$work/long.log" > "$work/long.out"
expected=$(( $(stat -c %s "$work/long.log") + $(printf ' ⟨dingtalk 40014 illegal access_token⟩' | wc -c) ))
if [ "$(stat -c %s "$work/long.out")" = "$expected" ] && tail -c 60 "$work/long.out" | grep -q '40014 illegal access_token⟩$'; then
  pass "64 MiB line annotated, size exact"
else
  fail "64 MiB line: got $(stat -c %s "$work/long.out") bytes, expected $expected"
fi

# 4. On a terminal, escape sequences from the log are shown, never executed; files keep bytes.
printf 'esc \033[31mred\033[0m BackMsg_16\nbell \007 plain\n' > "$work/esc.log"
if command -v script >/dev/null; then
  script -qec "$errscope --color never $work/esc.log" /dev/null > "$work/tty.out"
  if grep -q 'esc \\x1b\[31mred\\x1b\[0m BackMsg_16' "$work/tty.out" && grep -q 'bell \\x07 plain' "$work/tty.out" &&
     ! grep -q $'\033\\[31m' "$work/tty.out"; then
    pass "terminal: control characters shown as \\xNN"
  else
    fail "terminal output: $(od -c "$work/tty.out" | head -5)"
  fi
  script -qec "$errscope --color always $work/esc.log" /dev/null > "$work/tty-color.out"
  if grep -q $'\033\\[31m⟨backmsg' "$work/tty-color.out" && grep -q 'esc \\x1b\[31mred' "$work/tty-color.out"; then
    pass "terminal: errscope's own colours live, the log's escaped"
  else
    fail "terminal colour output: $(od -c "$work/tty-color.out" | head -5)"
  fi
else
  echo "skip: no script(1) for a pseudo-terminal"
fi
"$errscope" "$work/esc.log" > "$work/file.out"
if cmp -s <(sed 's/ ⟨[^⟩]*⟩//' "$work/file.out") "$work/esc.log"; then pass "file output keeps the bytes"; else fail "file output changed bytes"; fi

# 5. A directory among the inputs: one message naming it, the rest scanned, exit 2.
"$errscope" --matches-only "$work" "$work/esc.log" > "$work/dir.out" 2> "$work/dir.err"
status=$?
if [ "$status" = 2 ] && grep -q "$work: error: is a directory" "$work/dir.err" && grep -q BackMsg_16 "$work/dir.out"; then
  pass "unreadable input reported, others scanned, exit 2"
else
  fail "directory input: status $status, stderr $(cat "$work/dir.err")"
fi

finish
