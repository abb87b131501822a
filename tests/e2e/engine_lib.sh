# Sourced by the engine tests (engine_*_test.sh) after e2e_lib.sh: the comparison of a report
# merged from shards with the single-process report of the same lines.
#
# comparable MODE REPORT.json: the report with only what a split necessarily changes left out,
# sorted (jq -S), to compare byte for byte. Always left out:
#   - id: a hash over the inputs' names among the rest, so it differs whenever a name does;
#   - every top-level key starting with "shard": the set of shards a merge covered (issue 17's
#     `report --shard K/N`), which the single-process report does not carry.
# MODE "blocks" (the shards read parts of one file on standard input) also leaves out:
#   - each input's file name: a block is read as "-"; the inputs of one source are added up (the
#     merge adds the "-" of every block into one), so their bytes and lines are still compared;
#   - each example's file and line: "-" and a line number counted from the block's start. Its
#     source, time and text are compared.
# MODE "files" (each shard read whole files) leaves out nothing else.
comparable() {
  jq -S --arg mode "$1" '
    del(.id) | with_entries(select(.key | startswith("shard") | not))
    | if $mode == "blocks" then
        .inputs |= (group_by(.source)
                    | map({source: .[0].source, file: "~", bytes: (map(.bytes) | add),
                           lines: (map(.lines) | add)}))
        | .codes |= map(if .example then .example |= del(.file, .line) else . end)
      else . end' "$2"
}

# same_report NAME MODE MERGED.json SINGLE.json: passes when the two are equal as `comparable`
# shows them, else fails with the first lines of the difference.
same_report() {
  local name=$1 mode=$2 merged=$3 single=$4
  if ! jq -e '.codes | length > 0' "$single" > /dev/null 2>&1; then
    fail "$name: the single-process report has no codes (nothing to compare)"
  elif cmp -s <(comparable "$mode" "$merged") <(comparable "$mode" "$single"); then
    pass "$name (codes: $(jq ".codes | length" "$single"), lines: $(jq .lines "$single"))"
  else
    fail "$name"
    diff <(comparable "$mode" "$merged") <(comparable "$mode" "$single") | head -20
  fi
}

# refuses NAME PATTERN COMMAND...: passes when the command exits 2, writes nothing on stdout and
# one stderr line matching the extended regex PATTERN (the merge's missing-shard/source checks).
refuses() {
  local name=$1 pattern=$2 status
  shift 2
  "$@" > "$work/refused.out" 2> "$work/refused.err"
  status=$?
  if [ "$status" = 2 ] && [ ! -s "$work/refused.out" ] &&
    grep -Eq "$pattern" "$work/refused.err"; then
    pass "$name: exit 2, nothing written: $(head -1 "$work/refused.err")"
  else
    fail "$name: status $status, $(wc -c < "$work/refused.out") bytes written," \
         "stderr: $(head -c 300 "$work/refused.err")"
  fi
}
