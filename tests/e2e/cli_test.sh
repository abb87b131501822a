#!/usr/bin/env bash
# The command line as a user meets it, where golden cases cannot look: --version against the
# catalogs, help laid out for the terminal's width, the note when standard input is a terminal
# (in a pseudo-terminal, through util-linux script(1)), and errscope_corpus_gen's --help.
#   cli_test.sh path/to/errscope path/to/errscope_corpus_gen
set -u
errscope=${1:?usage: $0 path/to/errscope path/to/errscope_corpus_gen}
corpus_gen=${2:?usage: $0 path/to/errscope path/to/errscope_corpus_gen}
errscope=$(realpath "$errscope") corpus_gen=$(realpath "$corpus_gen")
source "$(dirname "$0")/e2e_lib.sh"

# 1. -V and --version: the version, the revision, and each built-in catalog with its count.
"$errscope" -V > "$work/v" 2> "$work/v.err"
check "-V exits 0 with nothing on stderr" test "$?" = 0 -a ! -s "$work/v.err"
"$errscope" --version | cmp -s - "$work/v"
check "--version says what -V says" test "$?" = 0
check "the first line names the version" grep -Eq '^errscope [0-9]+\.[0-9]+\.[0-9]+$' \
  <(head -n1 "$work/v")
check "a revision line" grep -Eq '^revision: ([0-9a-f]{7,}(-dirty)?|unknown|.+)$' \
  <(sed -n 2p "$work/v")
"$errscope" --no-config patterns list --format json > "$work/list.json"
jq -r '.[] | select(.origin | startswith("builtin")) | "\(.vendor) \(.codes)"' \
  "$work/list.json" | sort > "$work/want"
awk '/^  [a-z]/ { gsub(",", "", $2); print $1, $2 }' "$work/v" | sort > "$work/got"
check "every built-in catalog with its code count" cmp -s "$work/want" "$work/got"
check "four built-in catalogs" test "$(wc -l < "$work/got")" = 4

# 2. Help fits the width: 80 columns in a pipe, the terminal's up to 100.
widest() { awk '{ if (length($0) > w) w = length($0) } END { print w + 0 }'; }
env -u COLUMNS "$errscope" --help | widest > "$work/w"
check "help in a pipe fits 80 columns" test "$(cat "$work/w")" -le 80
COLUMNS=160 "$errscope" report --help | widest > "$work/w"
check "help at a wide terminal stays within 100 columns" test "$(cat "$work/w")" -le 100
COLUMNS=160 "$errscope" report --help | widest > "$work/w"
check "and uses more than 80 of them" test "$(cat "$work/w")" -gt 80
"$errscope" --help > "$work/help"
for want in "Usage: errscope [scan]" "--matches-only" "Commands:" "Examples:" "Exit status:"; do
  check "top-level help shows '$want'" grep -qF -- "$want" "$work/help"
done
check "choices by name, not CLI11's numbers" \
  bash -c "! \"$errscope\" report --help | grep -q -- '->'"

# 3. Standard input a terminal: one note on stderr, then the lines are read as usual.
if command -v script > /dev/null; then
  printf '%s\n' '{"errcode":40014,"errmsg":"invalid access_token"}' > "$work/line"
  # script(1)'s child has the pseudo-terminal as stdin; the line is typed into it, then Ctrl-D.
  (sleep 2; cat "$work/line"; sleep 1; printf '\004') |
    timeout 60 script -qec "$errscope --no-config --matches-only --color never" \
      "$work/typescript" > /dev/null 2>&1
  check "reading a terminal is said" grep -q "reading standard input from the terminal" \
    "$work/typescript"
  check "and the typed line is annotated" grep -q "40014.*dingtalk\|dingtalk.*40014" \
    "$work/typescript"
else
  fail "script(1) is needed for the terminal checks (util-linux)"
fi
printf '%s\n' '{"errcode":40014,"errmsg":"invalid access_token"}' |
  "$errscope" --matches-only > /dev/null 2> "$work/pipe.err"
check "no note when standard input is a pipe" test ! -s "$work/pipe.err"

# 4. errscope_corpus_gen --help helps; it writes no file named --help.
(cd "$work" && "$corpus_gen" --help > help.out 2>&1)
check "corpus_gen --help exits 0" test "$?" = 0
check "corpus_gen --help shows its usage" grep -q "Usage:" "$work/help.out"
check "corpus_gen --help writes no file" test ! -e "$work/--help"
(cd "$work" && "$corpus_gen" --mib 1 > /dev/null 2>&1)
check "corpus_gen without OUT is a usage error" test "$?" = 2
finish
