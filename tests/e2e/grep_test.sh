#!/usr/bin/env bash
# End-to-end checks of grep-style scanning on the built binary: file names and line numbers on by
# default for several files at a terminal (script(1) gives one) and off in a pipe, -n right on the
# parts -j cuts a large file into, -l ending an endless input at its first selected line.
#   grep_test.sh path/to/errscope
set -uo pipefail
errscope=$(realpath "${1:?usage: $0 path/to/errscope}")
source "$(dirname "$0")/e2e_lib.sh"
cd "$work" || exit 2

printf '%s\n' '2026-11-01 09:41:06,000 INFO boot' \
  '2026-11-01 09:41:07,331 ERROR dial resp=|Retuen|2|Retuen|BackMsg_16' > a.log
printf '%s\n' 'plain' '2026-11-01 09:41:27,777 ERROR logout resp=|Retuen|2|Retuen|BackMsg_03' > b.log

# at_terminal ARGS...: errscope's stdout at a terminal (script's pty; its \r\n made \n).
at_terminal() {
  SHELL=/bin/bash script -qec "$(printf '%q ' "$errscope" --color never "$@")" /dev/null |
    tr -d '\r'
}

out=$(at_terminal --matches-only a.log b.log)
if grep -qx 'a.log:2:2026-11-01 09:41:07,331 ERROR .*BackMsg_16.*' <<<"$out" &&
   grep -qx 'b.log:2:2026-11-01 09:41:27,777 ERROR .*BackMsg_03.*' <<<"$out"; then
  pass "two files at a terminal: file:line: before each line"
else
  fail "two files at a terminal: $out"
fi
out=$(at_terminal --matches-only a.log)
if grep -qx '2026-11-01 09:41:07,331 ERROR .*' <<<"$out"; then
  pass "one file at a terminal: no name, no number"
else
  fail "one file at a terminal: $out"
fi
out=$(at_terminal --matches-only --no-filename a.log b.log)
if grep -qx '2:2026-11-01 09:41:07,331 ERROR .*' <<<"$out"; then
  pass "--no-filename at a terminal keeps the numbers"
else
  fail "--no-filename at a terminal: $out"
fi
out=$(at_terminal --matches-only -N a.log b.log)
if grep -qx 'b.log:2026-11-01 09:41:27,777 ERROR .*' <<<"$out"; then
  pass "-N at a terminal keeps the names"
else
  fail "-N at a terminal: $out"
fi
out=$(SHELL=/bin/bash script -qec "$(printf '%q ' "$errscope" --color always --matches-only a.log b.log)" /dev/null)
if grep -qF $'\e[35ma.log\e[0m\e[36m:\e[0m\e[32m2\e[0m\e[36m:\e[0m2026' <<<"$out"; then
  pass "--color always: name, number and separators in grep's colours"
else
  fail "coloured prefix: $(printf '%q' "$out" | head -c 300)"
fi

"$errscope" --matches-only a.log b.log > pipe.out
if [ "$(wc -l < pipe.out)" = 2 ] && grep -q '^2026-11-01 09:41:07,331 ERROR' pipe.out &&
   [ "$(cat pipe.out)" = "$(cat a.log b.log | "$errscope" --matches-only)" ]; then
  pass "two files in a pipe: the lines as they came, no names or numbers"
else
  fail "two files in a pipe: $(cat pipe.out)"
fi

# A file of about 6 MiB cut into parts: -n gives every code line's own number, as grep -n does.
awk 'BEGIN { for (i = 1; i <= 120000; i++) {
  if (i % 997 == 0) print "2026-11-01 09:41:07,331 ERROR dial resp=|Retuen|2|Retuen|BackMsg_16";
  else printf "2026-11-01 09:41:07,331 INFO filler line %d %040d\n", i, i } }' > big.log
grep -n 'BackMsg_16' big.log | cut -d: -f1 > want.numbers
for jobs in 1 3; do
  "$errscope" -j "$jobs" -n --matches-only big.log | cut -d: -f1 > got.numbers
  if cmp -s want.numbers got.numbers; then
    pass "-n -j $jobs: the numbers grep -n gives"
  else
    fail "-n -j $jobs: $(diff want.numbers got.numbers | head -5)"
  fi
done
"$errscope" -j 1 -n -C 2 big.log > c1.out
"$errscope" -j 3 -n -C 2 big.log > c3.out
if cmp -s c1.out c3.out && [ "$(grep -c '^--$' c1.out)" = "$(($(wc -l < want.numbers) - 1))" ]; then
  pass "-C 2 -j 3 as -j 1, a separator between each group"
else
  fail "-C 2 with -j: $(diff c1.out c3.out | head -5)"
fi
"$errscope" -j 3 -c big.log > count.out
if [ "$(cat count.out)" = "$(wc -l < want.numbers)" ]; then
  pass "-c -j 3 counts every code line"
else
  fail "-c -j 3: $(cat count.out)"
fi

# -l stops reading an input at its first selected line: an endless pipe ends.
out=$(set +o pipefail; { echo "x resp=|Retuen|2|Retuen|BackMsg_16"; yes plain; } | timeout 60 "$errscope" -l)
status=$?
if [ "$status" = 0 ] && [ "$out" = "(standard input)" ]; then
  pass "-l names standard input and stops reading it"
else
  fail "-l on an endless pipe: status $status, $out"
fi

finish
