#!/usr/bin/env bash
# The bad-input table (doc/bad-input.md) run on the built binary: every row's promised behaviour,
# as a user would see it. Each row prints "ok:" or "FAIL:"; the last line counts them.
#   bad_input_test.sh path/to/errscope [--big-line-mib N] [--no-rss]
# --big-line-mib sets the size of the one-line file (default 1024); --no-rss skips the memory
# bounds (sanitizer builds use more memory by design).
set -uo pipefail
errscope=$(realpath "${1:?usage: $0 path/to/errscope [--big-line-mib N] [--no-rss]}")
shift
big_line_mib=1024
check_rss=yes
while [ $# -gt 0 ]; do
  case $1 in
    --big-line-mib) big_line_mib=$2; shift 2 ;;
    --no-rss) check_rss=""; shift ;;
    *) echo "unknown argument $1"; exit 2 ;;
  esac
done
source "$(dirname "$0")/e2e_lib.sh"
chmod 755 "$work"
cd "$work" || exit 2
strip_annotations() { sed 's/ ⟨[^⟩]*⟩//g'; }
valid_ndjson() { [ -s "$1" ] && jq -e . "$1" > /dev/null 2>&1; }
# run NAME ARGS...: runs errscope with stdout, stderr and the status in NAME.out/.err/.status.
run() { local name=$1; shift; "$errscope" "$@" > "$name.out" 2> "$name.err"; echo $? > "$name.status"; }
status_of() { cat "$1.status"; }
one_line() { [ "$(wc -l < "$1")" -le 2 ]; }  # one message (and its fix line)

good_lines() { for i in $(seq 1 20); do echo "2026-11-01 09:00:$(printf %02d "$i") line $i BackMsg_16"; done; }
good_lines > good.log

# --- binary file -------------------------------------------------------------------------------
{ head -c 8192 "$errscope"; printf '\n2026-11-01 09:00:00 errcode=40014\n'; } > program.bin
run bin program.bin good.log
check "binary file: skipped with one message naming it, the other file scanned, exit 0" \
  test "$(status_of bin)" = 0 -a "$(wc -l < bin.out)" = 20 -a "$(grep -c 'program.bin.*binary' bin.err)" = 1
run bin_text --text program.bin
check "binary file: --text scans it as text" grep -q '⟨dingtalk 40014' bin_text.out
run bin_report report --format json program.bin
check "binary file: report skips it too, and says so in the report" \
  test "$(jq .matches bin_report.out)" = 0 -a "$(jq -c .skipped bin_report.out)" = '[{"file":"program.bin","reason":"binary"}]'
"$errscope" --matches-only < program.bin > bin_stdin.out 2> bin_stdin.err; echo $? > bin_stdin.status
# --matches-only selects lines: none selected is exit 1, as grep.
check "binary standard input: skipped with one message, exit 1 (no line selected)" \
  test "$(status_of bin_stdin)" = 1 -a ! -s bin_stdin.out -a "$(grep -c '^errscope: -: warning: binary input skipped' bin_stdin.err)" = 1
xz -c program.bin | "$errscope" report > bin_xz_stdin.out 2> bin_xz_stdin.err
check "binary standard input, xz-compressed: sniffed decoded, named in the report" \
  grep -q 'skipped as binary, not counted: standard input' bin_xz_stdin.out
{ head -c 40000 /dev/zero; good_lines; } > padded.log
run padded --matches-only padded.log
check "zero padding from copytruncate at a log's start: still a log, 20 lines found" \
  test "$(status_of padded)" = 0 -a "$(wc -l < padded.out)" = 20

# --- NUL bytes ---------------------------------------------------------------------------------
printf 'a\0b errcode=40014\nplain\0line\n' > nul.log
run nul nul.log
check "NUL bytes: lines come out byte for byte, the code found" \
  cmp -s <(strip_annotations < nul.out) nul.log
run nul_json --format json nul.log
check "NUL bytes: NDJSON valid, NUL as \\u0000" \
  bash -c 'jq -e ".text == \"a\u0000b errcode=40014\"" nul_json.out > /dev/null'

# --- invalid UTF-8, parameters included -------------------------------------------------------
printf '\xff\xfe bad BackMsg_17[\xffring\xc3] errcode=40014 \xe2\x82\n' > utf8.log
run utf8 utf8.log
check "invalid UTF-8: text output keeps the bytes" cmp -s <(strip_annotations < utf8.out) utf8.log
run utf8_json --format json utf8.log
check "invalid UTF-8: NDJSON valid, invalid bytes as U+FFFD in text and param" \
  bash -c 'valid_ndjson() { jq -e . "$1" > /dev/null 2>&1; }; valid_ndjson utf8_json.out &&
           jq -e ".matches[0].param == \"\ufffdring\ufffd\" and (.text | startswith(\"\ufffd\ufffd bad\"))" utf8_json.out > /dev/null'

# --- \r-only line endings ----------------------------------------------------------------------
printf 'a errcode=40014\rb BackMsg_16\rc\r' > cr.log
run cr cr.log
check "\\r-only endings: one line (as grep), bytes kept, both codes annotated" \
  bash -c 'cmp -s <(sed "s/ ⟨[^⟩]*⟩//g" cr.out) cr.log && grep -q "40014.*BackMsg_16" cr.out'

# --- empty file --------------------------------------------------------------------------------
: > empty.log
run empty empty.log
check "empty file: no output, exit 0" test "$(status_of empty)" = 0 -a ! -s empty.out -a ! -s empty.err
run empty_report report --format json empty.log
check "empty file: an empty report, exit 0" \
  test "$(status_of empty_report)" = 0 -a "$(jq .lines empty_report.out)" = 0

# --- missing, directory and unreadable inputs -------------------------------------------------
mkdir adir
cp good.log secret.log
chmod 000 secret.log
cp "$errscope" ./errscope-copy && chmod 755 ./errscope-copy
for input in missing.log adir secret.log; do
  if [ "$input" = secret.log ]; then
    # As a user who cannot read it (root reads everything).
    setpriv --reuid=65534 --regid=65534 --clear-groups ./errscope-copy --matches-only "$input" good.log \
      > bad_input.out 2> bad_input.err
    echo $? > bad_input.status
  else
    run bad_input --matches-only "$input" good.log
  fi
  check "unreadable input ($input): one message naming it, the other file scanned, exit 2" \
    test "$(status_of bad_input)" = 2 -a "$(wc -l < bad_input.out)" = 20 -a \
         "$(grep -c "^errscope: $input: error" bad_input.err)" = 1
done

# --- truncated and trailing-garbage compressed files ------------------------------------------
gzip -c good.log > good.gz
zstd -q -c good.log > good.zst
# Several blocks of compressed data, so that a cut leaves whole blocks before it.
for i in $(seq 1 20000); do echo "2026-11-01 09:00:00 request $i ok $RANDOM$RANDOM BackMsg_16"; done > many.log
for kind in gz zst; do
  if [ $kind = gz ]; then gzip -c many.log > many.gz; else zstd -q -c many.log > many.zst; fi
  head -c $(( $(stat -c %s many.$kind) * 2 / 3 )) many.$kind > truncated.$kind
  run trunc "truncated.$kind"
  check "truncated .$kind: every line before the cut kept, one message, exit 2" \
    test "$(status_of trunc)" = 2 -a "$(grep -c BackMsg_16 trunc.out)" -ge 1 -a "$(grep -c error trunc.err)" = 1
  strip_annotations < trunc.out > trunc.stripped
  cmp -s <(head -c "$(stat -c %s trunc.stripped)" many.log) trunc.stripped ||
    fail "truncated .$kind: the lines that came out are not the file's"
  for tail in GARBAGE zeros; do
    if [ $tail = zeros ]; then { cat good.$kind; head -c 4096 /dev/zero; } > tail.$kind
    else { cat good.$kind; printf GARBAGE; } > tail.$kind; fi
    run tail_scan "tail.$kind"
    run tail_report report --format json "tail.$kind"
    if [ $kind = gz ] && [ $tail = zeros ]; then
      # As gzip: zero padding after the last member is ignored without a word.
      check "zero padding after .gz: all 20 lines out and counted, exit 0 (as gzip)" \
        test "$(wc -l < tail_scan.out)" = 20 -a "$(jq .matches tail_report.out)" = 20 -a \
             "$(status_of tail_scan)" = 0 -a ! -s tail_scan.err
    else
      check "trailing $tail after .$kind: all 20 lines out and counted, the garbage reported, exit 2" \
        test "$(wc -l < tail_scan.out)" = 20 -a "$(jq .matches tail_report.out)" = 20 -a \
             "$(status_of tail_scan)" = 2 -a "$(grep -c 'trailing garbage' tail_scan.err)" = 1
    fi
  done
done

# --- a huge line with a code at its end --------------------------------------------------------
{ head -c $((big_line_mib << 20)) /dev/zero | tr '\0' 'x'; printf ' errcode=40014\n'; } > long.log
long_bytes=$(stat -c %s long.log)
rss_limit_kib=$(( long_bytes * 3 / 2 / 1024 ))
measure() {  # measure NAME COMMAND...: peak RSS in KiB into NAME.rss
  local name=$1; shift
  /usr/bin/time -f %M -o "$name.rss" "$@"
}
annotated_bytes=$(( long_bytes + $(printf ' ⟨dingtalk 40014 illegal access_token⟩' | wc -c) ))
measure long_j1 "$errscope" -j 1 long.log > long.out
check "${big_line_mib} MiB line, -j 1: annotated, size exact" test "$(stat -c %s long.out)" = "$annotated_bytes"
measure long_j2 "$errscope" -j 2 long.log > long.out
check "${big_line_mib} MiB line, -j 2: annotated, size exact" test "$(stat -c %s long.out)" = "$annotated_bytes"
measure long_stdin bash -c "\"$errscope\" < long.log > long.out"
check "${big_line_mib} MiB line on standard input: annotated, size exact" test "$(stat -c %s long.out)" = "$annotated_bytes"
measure long_json "$errscope" --format json long.log > long.json
check "${big_line_mib} MiB line, NDJSON: one valid record" \
  test "$(jq -c '.matches[0].code' long.json)" = '"40014"'
measure long_report "$errscope" report --format json long.log > long.report
check "${big_line_mib} MiB line, report: counted" test "$(jq .matches long.report)" = 1
if [ -n "$check_rss" ]; then
  for name in long_j1 long_j2 long_stdin long_json long_report; do
    rss=$(tail -1 "$name.rss")
    check "${big_line_mib} MiB line ($name): peak RSS $((rss / 1024)) MiB <= 1.5x the line ($((rss_limit_kib / 1024)) MiB)" \
      test "$rss" -le "$rss_limit_kib"
  done
fi
rm -f long.log long.out long.json

# --- a full disk and a closed pipe, for every command ------------------------------------------
good_lines > app.log
"$errscope" report --format json app.log > app.json
"$errscope" report --format json --source other-host app.log > app2.json
commands=(
  "scan:app.log"
  "scan:--format:json:app.log"
  "scan:--matches-only:app.log"
  "report:app.log"
  "report:--format:json:app.log"
  "report:--format:csv:app.log"
  "report:--format:markdown:app.log"
  "report:--format:html:app.log"
  "merge:app.json:app2.json"
  "explain:40014"
  "patterns:list"
  "patterns:show:dingtalk"
)
for spec in "${commands[@]}"; do
  IFS=: read -r -a args <<< "$spec"
  "$errscope" "${args[@]}" > /dev/full 2> full.err
  status=$?
  check "/dev/full: errscope ${args[*]}: one message, exit 2" \
    test "$status" = 2 -a "$(grep -c 'No space left on device' full.err)" = 1
  # A reader that is gone before errscope writes: EPIPE, a quiet end.
  { sleep 0.2; "$errscope" "${args[@]}" 2> pipe.err; echo $? > pipe.status; } | true
  check "closed pipe: errscope ${args[*]}: quiet, exit 0" \
    test "$(cat pipe.status)" = 0 -a ! -s pipe.err
done
"$errscope" app.log >&- 2> closed.err
check "a closed standard output (>&-) is an error, exit 2" test $? = 2 -a -s closed.err

# --- SIGINT and SIGTERM ------------------------------------------------------------------------
# stopped OUT ERR INPUT ARGS...: runs errscope ARGS on a pipe that never ends, writes INPUT (printf
# escapes) to it, sends $signal, and leaves errscope's exit status in $status.
stopped() {
  local out=$1 err=$2 input=$3 pid
  shift 3
  rm -f fifo; mkfifo fifo
  env --default-signal=INT,TERM "$errscope" "$@" < fifo > "$out" 2> "$err" &
  pid=$!
  exec 3> fifo
  printf '%b' "$input" >&3
  sleep 0.5
  kill -s "$signal" "$pid"
  wait "$pid"; status=$?
  exec 3>&-
}
for signal in INT TERM; do
  expected=$([ $signal = INT ] && echo 130 || echo 143)
  stopped sig.out sig.err '2026-11-01 09:00:00 first BackMsg_16\n'
  check "SIG$signal during a scan: the lines read so far are out, exit $expected" \
    test "$status" = "$expected" -a "$(grep -c 'first BackMsg_16 ⟨backmsg' sig.out)" = 1
  stopped sig.out sig.err \
    '2026-11-01 09:00:00 first BackMsg_16\n2026-11-01 09:00:01 errcode=40014\n' report --format json
  check "SIG$signal during a report: the report so far written, marked interrupted, exit $expected" \
    test "$status" = "$expected" -a "$(jq .matches sig.out 2>/dev/null)" = 2 -a \
         "$(jq .interrupted sig.out 2>/dev/null)" = true
  stopped sig.txt sig.err '2026-11-01 09:00:00 first BackMsg_16\n' report
  check "SIG$signal during a text report: the text and stderr say it was interrupted, exit $expected" \
    test "$status" = "$expected" -a "$(grep -c '^interrupted: ' sig.txt)" = 1 -a \
         "$(grep -c 'errscope: interrupted' sig.err)" = 1
done

# --- corrupt, wrong-schema, inconsistent, overflowing and empty reports ------------------------
: > empty.json
printf '{"schema":"errscope.report/1","lines":' > corrupt.json
printf '{"schema":"other/9","lines":1}' > schema.json
jq '.matched_lines = .lines + 1' app.json > inconsistent.json
jq '.lines = 18446744073709551616' app.json > overflow.json
jq '.time.first = "2026-11-02T00:00:00"' app.json > reversed.json
jq '.schema = "errscope.report/2"' app.json > newer.json
jq '.matches = -3' app.json > negative.json
printf '{"version":"v1","results":[{"code":40014}]}' > othertool.json
# A million codes: more than errscope ever writes (each vendor's table and 1,000 unknown codes).
awk 'BEGIN {
  printf "{\"schema\":\"errscope.report/1\",\"lines\":1000000,\"matched_lines\":1000000,"
  printf "\"matches\":1000000,\"errors\":1000000,\"time\":{\"first\":null,\"last\":null,"
  printf "\"bucket\":\"1m\"},\"vendors\":[{\"vendor\":\"yunke\",\"matches\":1000000,"
  printf "\"errors\":1000000}],\"codes\":["
  for (i = 0; i < 1000000; i++) {
    printf "%s{\"vendor\":\"yunke\",\"code\":\"%d\",\"known\":false,\"outcome\":\"error\",", (i ? "," : ""), i
    printf "\"count\":1,\"first_seen\":null,\"last_seen\":null,\"timeline\":[]}"
  }
  printf "]}\n"
}' > million.json
for report in empty corrupt schema inconsistent overflow reversed newer negative othertool million; do
  run merge_bad merge app.json "$report.json"
  check "merge of a bad report ($report): one message naming the file, exit 2, nothing written" \
    test "$(status_of merge_bad)" = 2 -a ! -s merge_bad.out -a "$(grep -c "^errscope: $report.json" merge_bad.err)" = 1
  run baseline_bad report --baseline "$report.json" app.log
  check "--baseline with a bad report ($report): refused, exit 2" test "$(status_of baseline_bad)" = 2
done
# Reports piped to `merge -`: a stream cut in the middle of its second report is refused whole.
head -c 200 app.json | cat app.json - > cut_stream.json
run merge_cut merge - < cut_stream.json
check "merge - of a stream cut inside its second report: one message, exit 2, nothing written" \
  test "$(status_of merge_cut)" = 2 -a ! -s merge_cut.out -a \
       "$(grep -c '^errscope: standard input' merge_cut.err)" = 1
cat app.json app2.json | "$errscope" merge --format json - > merge_stdin.out 2> merge_stdin.err
check "merge - of two reports one after the other: both sources counted" \
  test "$(jq -r '[.sources[].source] | join(",")' merge_stdin.out)" = "app.log,other-host" -a \
       ! -s merge_stdin.err
run merge_twice merge --format json app.json app.json
check "merge of the same report twice: warned, counted once (exit 0)" \
  test "$(status_of merge_twice)" = 0 -a "$(jq .matches merge_twice.out)" = "$(jq .matches app.json)" \
       -a "$(grep -c 'warning: the same report as app.json' merge_twice.err)" = 1
run merge_strict merge --strict app.json app2.json app.json
check "merge --strict of the same report twice: refused, exit 2, nothing written" \
  test "$(status_of merge_strict)" = 2 -a ! -s merge_strict.out

# --- log text that is hostile in a report: every format keeps it inert -------------------------
printf '2026-11-01 09:00:00 <script>alert("x")</script> \033[31mred\033[0m \377\376 "q" errcode=40014\n' \
  > hostile.log
for format in text markdown csv html json openmetrics; do
  "$errscope" report --format "$format" --examples hostile.log > "hostile.$format" 2> /dev/null
done
check "hostile example text: no ESC byte in any report" \
  bash -c '! grep -l $'"'"'\033'"'"' hostile.text hostile.markdown hostile.csv hostile.html hostile.json hostile.openmetrics'
check "hostile example text: no live <script> in HTML, the example shown escaped" \
  bash -c '! grep -q "<script" hostile.html && grep -q "&lt;script&gt;alert(&quot;x&quot;)" hostile.html'
check "hostile example text: valid UTF-8 in every report" \
  bash -c 'for f in hostile.{text,markdown,csv,html,json,openmetrics}; do iconv -f UTF-8 -t UTF-8 "$f" > /dev/null 2>&1 || exit 1; done'
check "hostile example text: JSON keeps the text, invalid bytes as U+FFFD" \
  test "$(jq -r '.codes[0].example.text' hostile.json | head -c 26)" = '2026-11-01 09:00:00 <scrip'
check "hostile example text: the text report shows it (escapes visible)" grep -q 'red' hostile.text

sed 's/"lines":20,/"lines":18446744073709551615,/' app.json > max.json  # jq would round it
run merge_max merge --format json max.json app.json
check "merging counts that would pass 2^64: saturated, never wrapped" \
  grep -q '^{"schema":"errscope.report/1",.*"id":"[0-9a-f]*","lines":18446744073709551615,"matched_lines":40,' merge_max.out

# --- huge and pathological regexes in a user pattern file --------------------------------------
pattern() {  # pattern REGEX: a user pattern file with that regex
  printf '{"schema":"errscope.patterns/1","vendor":"rx","name":"n","source":"s","regexes":[{"name":"t","regex":"%s"}],"samples":[{"line":"x","codes":[]}],"codes":[{"code":"1","message":"m","outcome":"error"}]}' "$1" > rx.json
}
pattern "(?P<code>$(head -c 5000 /dev/zero | tr '\0' a))"
run rx_huge patterns check rx.json
check "a 5,000-byte regex: refused with position and fix, exit 2" \
  bash -c 'test "$(cat rx_huge.status)" = 2 && grep -q "rx.json:1:[0-9]*: error: .*4096" rx_huge.err'
pattern '(?P<code>((((a{100}){100}){100}){100}))'
run rx_nested patterns check rx.json
check "nested counted repetition: refused by RE2's limits, exit 2" test "$(status_of rx_nested)" = 2
pattern '(?P<code>(a|aa)*(a|aa)*(a|aa)*b)'
head -c 200000 /dev/zero | tr '\0' a > aaa.log; echo >> aaa.log
SECONDS=0
run rx_slow --patterns rx.json --matches-only aaa.log
check "a backtracking-prone regex on a 200 KB line: linear time (${SECONDS} s), no match" \
  test "$SECONDS" -le 5 -a "$(status_of rx_slow)" -le 1 -a ! -s rx_slow.out

# --- far-apart timestamps ----------------------------------------------------------------------
printf '2026-11-01 09:00:00 errcode=40014\n9999-12-31 23:59:59 errcode=40014\n1970-01-01 00:00:00 errcode=40014\n' > far.log
run far report --format json far.log
check "far-apart timestamps: a small report ($(stat -c %s far.out) bytes), 2 times out of range" \
  test "$(stat -c %s far.out)" -lt 4000 -a "$(jq .time.out_of_range far.out)" = 2 -a "$(jq .matches far.out)" = 3
run far_1m report --bucket 1m --format json far.log
check "far-apart timestamps with --bucket 1m: bounded, exit 0" \
  test "$(status_of far_1m)" = 0 -a "$(stat -c %s far_1m.out)" -lt 4000

# --- terminal escapes from the log: visible, never live ----------------------------------------
printf 'osc8 \033]8;;http://evil.example\033\\click\033]8;;\033\\ errcode=40014\nosc0 \033]0;pwned\007 BackMsg_16\ncls \033[2J\033[H BackMsg_17[\033[2J]\nbell \007\n' > esc.log
odd_name=$'x\033]0;t\007.log'
SHELL=/bin/bash script -qec "$(printf '%q ' "$errscope" --color always esc.log); $(printf '%q ' "$errscope" report esc.log); $(printf '%q ' "$errscope" "$work/$odd_name")" /dev/null > tty.out 2>&1
check "OSC 8, OSC 0, CSI clear-screen and BEL at a terminal: shown as \\x1b/\\x07, none live" \
  bash -c '! grep -qa -e $'"'"'\033]'"'"' -e $'"'"'\033\[2J'"'"' -e $'"'"'\007'"'"' tty.out &&
           grep -qa "osc0 \\\\x1b\]0;pwned\\\\x07" tty.out && grep -qa "x\\\\x1b\]0;t\\\\x07.log" tty.out'

# --- markup in file names, parameters and codes: escaped in HTML ------------------------------
cat > markup.json <<'EOF'
{"schema":"errscope.patterns/1","vendor":"markup","name":"Markup <b>vendor</b>","source":"test",
 "regexes":[{"name":"t","regex":"MK=(?P<code>[^ \\[]+)(?:\\[(?P<param>[^\\]]*)\\])?"}],
 "samples":[{"line":"MK=1","codes":["1"]}],
 "codes":[{"code":"1","message":"one <i>","outcome":"error"}]}
EOF
printf '2026-11-01 09:00:00 MK=<script>alert(1)</script>[<img src=x onerror=alert(2)>]\n2026-11-01 09:00:01 MK=1[<svg onload=alert(3)>]\n' > 'x<b>"q.log'
run html --patterns markup.json report --format html 'x<b>"q.log'
check "markup in codes, parameters and file names: escaped in HTML" \
  bash -c 'test "$(cat html.status)" = 0 && ! grep -qa -e "<script>alert" -e "<img src" -e "<svg onload" -e "<b>\"q" html.out &&
           grep -qa "&lt;script&gt;alert(1)&lt;/script&gt;" html.out'

finish
