#!/usr/bin/env bash
# `--format openmetrics` read by `promtool check metrics` (Prometheus' text parser, the one
# node_exporter's textfile collector uses, plus its lint): the testdata logs, a merged report, and
# codes made of quotes, backslashes, CR, ESC and invalid UTF-8. promtool (Debian's `prometheus`)
# is required: without it the test fails, it does not skip.
#   openmetrics_promtool_test.sh path/to/errscope
set -uo pipefail
errscope=$(realpath "${1:?usage: $0 path/to/errscope}")
testdata=$(realpath "$(dirname "$0")/../../testdata")
source "$(dirname "$0")/e2e_lib.sh"
cd "$work" || exit 2

if ! command -v promtool > /dev/null; then
  fail "promtool not found (apt-get install prometheus)"
  finish
  exit 1
fi

# promchecks NAME FILE: promtool reads the file with no error and no lint problem.
promchecks() {
  if promtool check metrics < "$2" > "$1.promtool" 2>&1 && [ ! -s "$1.promtool" ]; then
    pass "$1: promtool check metrics is clean"
  else
    fail "$1: promtool check metrics: $(head -c 600 "$1.promtool")"
  fi
}

# The check itself must be able to fail: an invalid label value and a lint problem.
printf '# HELP x_y a\n# TYPE x_y gauge\nx_y{c="\xff"} 1\n# EOF\n' > broken.prom
printf '# HELP x_y a\n# TYPE x_y counter\nx_y 1\n# EOF\n' > lint.prom
for bad in broken lint; do
  if promtool check metrics < "$bad.prom" > /dev/null 2>&1; then
    fail "promtool accepted $bad.prom: it cannot tell a bad file"
  else
    pass "promtool rejects $bad.prom"
  fi
done

# A vendor whose codes are any bytes but spaces, so the log decides what a label value holds.
mkdir -p patterns
cat > patterns/wild.json << 'EOF'
{
  "schema": "errscope.patterns/1",
  "vendor": "wild",
  "name": "Codes of any bytes (errscope's openmetrics test)",
  "source": "errscope tests",
  "unknown_codes": "report",
  "anchors": ["WILDCODE="],
  "regexes": [{"name": "token", "regex": "WILDCODE=(?P<code>[^ ]+)"}],
  "samples": [{"line": "2026-11-01 09:00:00 WARN gw: WILDCODE=ok done", "codes": ["ok"]}],
  "codes": [{"code": "ok", "message": "fine", "hint": "", "outcome": "success"}]
}
EOF
{
  printf '2026-11-01 09:00:00 WARN gw: WILDCODE=ok done\n'
  printf '2026-11-01 09:00:01 WARN gw: WILDCODE=a"b\\c done\n'
  printf '2026-11-01 09:00:02 WARN gw: WILDCODE=x\xffy\rz\x1b[31m done\n'
  printf '2026-11-01 09:00:03 WARN gw: WILDCODE="quoted\\n" done\n'
  printf '2026-11-01 09:00:04 WARN gw: WILDCODE=\xc2\x9b2J\\\\ done\n'
} > wild.log

for log in corpus/realistic.log sample/app.log logs/good.log logs/params.log; do
  name=$(basename "$log" .log)
  "$errscope" report --format openmetrics "$testdata/fixtures/$log" > "$name.prom"
  check "$name: report exits 0" test $? = 0
  check "$name: ends with # EOF" test "$(tail -n 1 "$name.prom")" = "# EOF"
  promchecks "$name" "$name.prom"
done

"$errscope" report --format openmetrics "$testdata/realworld/corpus.log" > realworld.prom
promchecks realworld realworld.prom

"$errscope" report --format json "$testdata/fixtures/corpus/realistic.log" > day.json
"$errscope" merge --format openmetrics day.json "$testdata/fixtures/reports/a.json" > merged.prom
check "merge --format openmetrics exits 0" test $? = 0
promchecks merged merged.prom

"$errscope" report --patterns patterns --vendor wild --format openmetrics wild.log > wild.prom
check "wild codes: report exits 0" test $? = 0
promchecks wild wild.prom
contains() { grep -qF -- "$2" "$1"; }
check "wild codes: quote and backslash escaped" contains wild.prom 'code="a\"b\\c"'
check "wild codes: quotes around a code escaped" contains wild.prom 'code="\"quoted\\n\""'
check "wild codes: invalid byte as U+FFFD, CR and ESC as text" \
  contains wild.prom $'code="x\xef\xbf\xbdy\\\\x0dz\\\\x1b[31m"'
check "wild codes: C1 CSI as text" contains wild.prom 'code="\\xc2\\x9b2J\\\\"'
check "wild codes: no ESC, CR or C1 byte in the output" \
  test "$(LC_ALL=C grep -c $'[\x1b\r]\|\xc2[\x80-\x9f]' wild.prom)" = 0

# An alert breached is counted, and the report still passes.
"$errscope" report --format openmetrics --max-errors 1 "$testdata/fixtures/corpus/realistic.log" \
  > alert.prom 2> /dev/null
check "--max-errors breached: exit 1" test $? = 1
check "--max-errors breached: errscope_report_alerts 1" \
  contains alert.prom 'errscope_report_alerts 1'
promchecks alert alert.prom

finish
