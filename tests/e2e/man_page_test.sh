#!/usr/bin/env bash
# The man page errscope(1) as built from doc/errscope.1.md: man-db renders it without a warning
# of groff's, and it names every flag that `errscope [COMMAND] --help` lists, every command and
# every subcommand, so that it cannot fall behind the CLI.
#   man_page_test.sh ERRSCOPE MAN_PAGE(.1 or .1.gz)
set -uo pipefail
errscope=$1
page=$2
source "$(dirname "$0")/e2e_lib.sh"

MANWIDTH=80 man --warnings -l "$page" >"$work/page.txt" 2>"$work/warnings.txt"
check "man -l renders the page (status 0)" test $? = 0
check "man --warnings -l renders it without a warning: $(head -c 300 "$work/warnings.txt")" \
  test ! -s "$work/warnings.txt"
check "the page has its sections" bash -c 'for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS \
  "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do grep -qx "$s" "$0" || exit 1; done' \
  "$work/page.txt"

# The page's text without hyphenation or justification (man-db's --nh --nj), on wide lines: a
# word is never cut in two.
MANWIDTH=200 man --nh --nj -l "$page" 2>/dev/null >"$work/wide.txt"
missing=""
while IFS= read -r command; do
  # shellcheck disable=SC2086
  for word in $command $(help_flags "$errscope" $command); do
    grep -qE -- "(^|[^A-Za-z0-9-])$word([^A-Za-z0-9-]|\$)" "$work/wide.txt" ||
      missing="$missing $word"
  done
done < <(help_commands "$errscope")
check "the page names every command and flag of --help${missing:+ (missing:$missing)}" \
  test -z "$missing"

finish
