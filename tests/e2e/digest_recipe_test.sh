#!/usr/bin/env bash
# The daily digest recipe of doc/alerting.md (contrib/), run as its cron line and its systemd
# service run it (the commands are read out of those files, so the test breaks when they drift),
# on two days of generated logs: day 1 with some codes, day 2 with a new error code.
# promtool (Debian's `prometheus`) is required; `systemd-analyze verify` runs when it exists.
#   digest_recipe_test.sh path/to/errscope
set -uo pipefail
errscope=$(realpath "${1:?usage: $0 path/to/errscope}")
contrib=$(realpath "$(dirname "$0")/../../contrib")
source "$(dirname "$0")/e2e_lib.sh"
cd "$work" || exit 2
contains() { grep -qF -- "$2" "$1"; }
lacks() { ! grep -qF -- "$2" "$1"; }
# The files' own paths, replaced by the test's.
installed_script=/usr/local/bin/errscope-digest
installed_env=/etc/default/errscope-digest

if ! command -v promtool > /dev/null; then
  fail "promtool not found (apt-get install prometheus)"
  finish
  exit 1
fi

# Three days back from today: day 0 (before the digested days), day 1 and day 2.
day_of() { date -d "@$(($(date +%s) - $1 * 86400))" +%F; }
day0=$(day_of 4)
day1=$(day_of 3)
day2=$(day_of 2)

# Lines shaped as testdata/fixtures/corpus/realistic.log's.
mkdir -p logs state textfile
cti='c.a.cti.AsterClient - agent'
login_ok="INFO  [cti-login-1] $cti 8001 login resp=|Retuen|2|Retuen|BackMsg_04"
login_failed="ERROR [cti-login-2] $cti 8002 login failed resp=|Retuen|2|Retuen|BackMsg_16"
ringing='INFO  [cti-event-1] c.a.cti.EventListener - agent=8001 result=BackMsg_17[ringing]'
sms_ok='INFO  [sms-sender-2] c.a.sms.UcpaasXmlClient - <response><respCode>000000</respCode>'
ding_denied='ERROR [notify-2] c.a.notify.DingClient - "{"errcode":60011,"errmsg":"no permission"}"'
plain='INFO  [main] c.a.cti.CtiApplication - heartbeat'
{
  printf '%s 23:50:01,100 %s\n' "$day0" "$ringing" "$day0" "$login_failed"
  for day in "$day1" "$day2"; do
    printf '%s 09:41:07,288 %s\n' "$day" "$login_ok"
    printf '%s 09:41:07,301 %s\n' "$day" "$login_failed"
    printf '%s 09:41:08,000 %s\n' "$day" "$plain"
    printf '%s 10:00:13,800 %s\n' "$day" "$sms_ok"
    printf '%s 18:30:00,000 %s\n' "$day" "$login_ok"
  done
} > logs/app.log
printf '%s 11:22:05,310 %s\n' "$day2" "$ding_denied" > logs/notify.log

cat > errscope-digest.env << EOF
# KEY=value lines, read by systemd's EnvironmentFile and by the script's --env-file.
ERRSCOPE=$errscope
ERRSCOPE_DIGEST_LOGS="$work/logs/app.log $work/logs/n*.log"
ERRSCOPE_DIGEST_STATE_DIR=$work/state
ERRSCOPE_DIGEST_TEXTFILE_DIR=$work/textfile
ERRSCOPE_DIGEST_MAX_ERROR_RATE=0.6
ERRSCOPE_DIGEST_SOURCE=testhost
EOF

# promchecks NAME FILE: promtool reads the file with no error and no lint problem.
promchecks() {
  if promtool check metrics < "$2" > "$1.promtool" 2>&1 && [ ! -s "$1.promtool" ]; then
    pass "$1: promtool check metrics is clean"
  else
    fail "$1: promtool check metrics: $(head -c 600 "$1.promtool")"
  fi
}
no_temporary_files() {
  [ -z "$(find state textfile -name '.*' -print)" ]
}

# Day 1 as cron runs it: the command after the five time fields and the user, in /bin/sh with
# the crontab's PATH and no MAILTO (so the digest is printed).
cron_file=$contrib/cron/errscope-digest.cron
cron_line=$(grep -E '^[0-9*]' "$cron_file")
check "cron: one job line" test "$(printf '%s\n' "$cron_line" | wc -l)" = 1
cron_command=$(printf '%s\n' "$cron_line" | tr -s ' ' | cut -d' ' -f7-)
check "cron: runs $installed_script" contains <(echo "$cron_command") "$installed_script"
check "cron: reads $installed_env" contains <(echo "$cron_command") "$installed_env"
cron_command=${cron_command//$installed_script/$contrib/errscope-digest}
cron_command=${cron_command//$installed_env/$work/errscope-digest.env}
cron_path=$(sed -n 's/^PATH=//p' "$cron_file")
env -i HOME="$work" PATH="$cron_path" ERRSCOPE_DIGEST_DAY="$day1" /bin/sh -c "$cron_command" \
  > day1.out 2> day1.err
status=$?
check "day 1: exit 0" test "$status" = 0
check "day 1: nothing on stderr" test ! -s day1.err
check "day 1: JSON report written" test -s "state/$day1.json"
check "day 1: digest printed" contains day1.out '# errscope report'
check "day 1: digest names the host and the day" contains day1.out "testhost, $day1"
check "day 1: says there is no baseline yet" contains day1.out 'no baseline'
check "day 1: the day's codes" contains day1.out 'BackMsg\_16'
check "day 1: not the day before's" lacks day1.out 'BackMsg\_17'
check "day 1: .prom written" test -s textfile/errscope-digest.prom
promchecks "day 1 .prom" textfile/errscope-digest.prom
check "day 1: .prom counts BackMsg_04 twice" contains textfile/errscope-digest.prom \
  'errscope_code_lines{vendor="backmsg",code="BackMsg_04",outcome="success",known="true"} 2'
check "day 1: no temporary file left" no_temporary_files

# Day 2 as systemd runs it: ExecStart with the EnvironmentFile's KEY=value lines as environment
# (a value in double quotes without them).
service=$contrib/systemd/errscope-digest.service
exec_start=$(sed -n 's/^ExecStart=//p' "$service")
env_file=$(sed -n 's/^EnvironmentFile=-\{0,1\}//p' "$service")
check "service: ExecStart is $installed_script" test "$exec_start" = "$installed_script"
check "service: EnvironmentFile is $installed_env" test "$env_file" = "$installed_env"
settings=()
while IFS= read -r line; do
  case $line in '' | '#'*) continue ;; esac
  value=${line#*=}
  if [[ $value == \"*\" ]]; then value=${value:1:${#value}-2}; fi
  settings+=("${line%%=*}=$value")
done < "$work/errscope-digest.env"
read -ra command <<< "${exec_start//$installed_script/$contrib/errscope-digest}"
env -i HOME="$work" PATH=/usr/bin:/bin "${settings[@]}" ERRSCOPE_DIGEST_DAY="$day2" \
  "${command[@]}" > day2.out 2> day2.err
status=$?
check "day 2: exit 1 (a new error code)" test "$status" = 1
check "day 2: JSON report written" test -s "state/$day2.json"
check "day 2: compared with day 1" contains day2.out "compared with $work/state/$day1.json"
check "day 2: the subject says ALERT" contains day2.out "testhost, $day2: ALERT"
check "day 2: the digest names the new code" contains day2.out '60011'
check "day 2: errscope's alert in the digest" contains day2.out 'alert:'
check "day 2: .prom has the new code" contains textfile/errscope-digest.prom \
  'errscope_code_lines{vendor="dingtalk",code="60011",outcome="error",known="true"} 1'
promchecks "day 2 .prom" textfile/errscope-digest.prom
check "day 2: no temporary file left" no_temporary_files
check "day 1's JSON kept as the baseline" test -s "state/$day1.json"

# An error: a log pattern that matches nothing is exit 2, and yesterday's .prom stays.
cp textfile/errscope-digest.prom before.prom
env -i HOME="$work" PATH=/usr/bin:/bin "${settings[@]}" ERRSCOPE_DIGEST_LOGS="$work/none/*.log" \
  "$contrib/errscope-digest" --day "$day2" > missing.out 2> missing.err
status=$?
check "no log file: exit 2" test "$status" = 2
check "no log file: says so" contains missing.err 'no log file matches'
check "no log file: the .prom is untouched" cmp -s before.prom textfile/errscope-digest.prom
check "no log file: no temporary file left" no_temporary_files

# The unit files as systemd reads them (ExecStart must exist, so it points at contrib's script).
if command -v systemd-analyze > /dev/null; then
  mkdir -p units
  sed "s|$installed_script|$contrib/errscope-digest|" "$service" > units/errscope-digest.service
  cp "$contrib/systemd/errscope-digest.timer" units/
  if systemd-analyze verify units/errscope-digest.service units/errscope-digest.timer \
    > verify.out 2>&1 && [ ! -s verify.out ]; then
    pass "systemd-analyze verify: both units clean"
  else
    fail "systemd-analyze verify: $(head -c 600 verify.out)"
  fi
else
  echo "skip: systemd-analyze not installed"
fi
check "timer: Persistent=true" grep -q '^Persistent=true' "$contrib/systemd/errscope-digest.timer"

finish
