#!/usr/bin/env bash
# The README's examples are the built binary's real output: each `$ errscope …` line of a code
# block whose files are in the repository is run from the repository's root, and its output must
# be the lines under it; a line that is only "…" ends what is compared (the rest is left out).
# Commands with a pipe, a redirection, a continued line or a file not in the repository are
# illustrations and are skipped.
#   readme_test.sh ERRSCOPE
set -u
source "$(dirname "$0")/e2e_lib.sh"
binary=$(realpath "$1")
root=$(realpath "$(dirname "$0")/../..")
mkdir -p "$work/bin" && ln -s "$binary" "$work/bin/errscope"
# The README's report was made at this time, at 100 columns, with no colour.
export SOURCE_DATE_EPOCH=1796097600 COLUMNS=100 NO_COLOR=1 PATH="$work/bin:$PATH"

# runnable COMMAND: whether every path the command names is in the repository.
runnable() {
  case $1 in *'|'* | *'>'* | *'\' | *'~'*) return 1 ;; esac
  local word
  # shellcheck disable=SC2086  # globs expand as the shell of the README's reader would
  for word in $(eval "printf '%s\n' $1" 2>/dev/null); do
    case $word in
      */* | *.log | *.json | *.gz | *.xz) [ -e "$word" ] || return 1 ;;
    esac
  done
}

# compare COMMAND EXPECTED_FILE: runs it and compares its stdout with the README's lines.
compare() {
  local command=$1 expected=$2 actual="$work/actual" n=0 line
  (eval "$command") > "$actual" 2>/dev/null
  if grep -qx '…' "$expected"; then
    n=$(grep -nx '…' "$expected" | head -1 | cut -d: -f1)
    head -n $((n - 1)) "$expected" > "$work/want"
    head -n $((n - 1)) "$actual" > "$work/got"
  else
    cp "$expected" "$work/want" && cp "$actual" "$work/got"
  fi
  if cmp -s "$work/want" "$work/got"; then
    pass "README: $command"
  else
    fail "README: $command"
    diff "$work/want" "$work/got" | head -20
  fi
}

cd "$root" || exit 2
examples=0
fenced=0
command=
: > "$work/expected"
flush() {
  if [ -n "$command" ] && [ -s "$work/expected" ] && runnable "$command"; then
    compare "$command" "$work/expected"
    examples=$((examples + 1))
  fi
  command=
  : > "$work/expected"
}
while IFS= read -r line; do
  if [[ $line == '```'* ]]; then
    flush
    fenced=$((1 - fenced))
  elif [ "$fenced" = 1 ] && [[ $line == '$ '* ]]; then
    flush
    [[ $line == '$ errscope '* ]] && command=${line#\$ }
  elif [ "$fenced" = 1 ] && [ -n "$command" ]; then
    printf '%s\n' "$line" >> "$work/expected"
  fi
done < README.md
# The scan, report and explain examples at least: a README whose examples all became
# illustrations would otherwise pass.
if [ "$examples" -ge 5 ]; then pass "$examples examples run"; else fail "only $examples examples run"; fi
finish
