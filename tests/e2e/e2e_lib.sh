# Sourced by the end-to-end scripts: a work folder removed at exit (with any job left running),
# and the ok/FAIL tally every script ends with.
#   source "$(dirname "$0")/e2e_lib.sh"; ...; pass "what held"; fail "what did not"; finish
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT
# The developer's own defaults stay out: no config file, no user or system pattern folder.
export ERRSCOPE_CONFIG_PATH= XDG_CONFIG_HOME="$work/no-config-home"
export ERRSCOPE_SYSTEM_PATTERNS_DIR="$work/no-system-patterns"
# Reports say when they were made: one fixed time, so that two runs compare byte for byte.
export SOURCE_DATE_EPOCH=1793577600
failures=0
passes=0
pass() { echo "ok: $*"; passes=$((passes + 1)); }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# check NAME COMMAND...: passes the row when the command succeeds, else fails it.
check() { local name=$1; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }
# without_names REPORT.json: the report with every input and source name (and so its id) left
# out, to compare reports of the same lines read under other names (a file and standard input).
without_names() {
  jq -S 'del(.id) | walk(if type == "object" then
      (if has("source") then .source = "~" else . end)
      | (if (.file | type) == "string" then .file = "~" else . end) else . end)' "$1"
}
# finish: the closing count (CTest and CI read it) and the script's status.
finish() { echo "$passes passed, $failures failed"; [ "$failures" = 0 ]; }
# help_commands ERRSCOPE: every command path of the binary, one a line ("" for errscope itself,
# "report", "patterns list"), read from the "Commands:" sections of its --help.
help_commands() {
  local binary=$1 path=${2:-} sub
  echo "$path"
  # shellcheck disable=SC2086
  for sub in $("$binary" $path --help | awk '/^Commands:/ { s = 1; next }
      /^[^ ]/ { s = 0 } s && /^  [a-z]/ { print $1 }'); do
    help_commands "$binary" "${path:+$path }$sub"
  done
}
# help_flags ERRSCOPE [COMMAND...]: every flag the command's --help lists (-j and --threads), its
# own and the global ones, one a line. A row is "  -j, --threads N   what it does".
help_flags() {
  local binary=$1; shift
  "$binary" "$@" --help | awk '/^(Options|Global options)/ { o = 1; next } /^[^ ]/ { o = 0 }
      o && /^  -/ { row = substr($0, 3); sub(/  .*/, "", row); n = split(row, names, ", ")
                    for (i = 1; i <= n; i++) { split(names[i], word, " "); print word[1] } }'
}
