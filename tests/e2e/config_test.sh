#!/usr/bin/env bash
# The config file and the default pattern folders, from a fresh environment (`env -i`): what a new
# user's shell gives errscope, with HOME in a scratch folder.
#   config_test.sh path/to/errscope
set -uo pipefail
errscope=$(realpath "${1:?usage: $0 path/to/errscope}")
testdata=$(realpath "$(dirname "$0")/../../testdata")
source "$(dirname "$0")/e2e_lib.sh"
cd "$work" || exit 2
mkdir -p home/.config/errscope system
# A fresh shell: only HOME and PATH, and a system folder that is ours, not the machine's.
fresh() { env -i HOME="$work/home" PATH="$PATH" ERRSCOPE_SYSTEM_PATTERNS_DIR="$work/system" "$@"; }
contains() { grep -qF -- "$2" "$1"; }
lacks() { ! grep -qF -- "$2" "$1"; }

printf '%s\n' '2026-11-01 09:00:00 call failed BackMsg_16' \
  '2026-11-01 09:00:01 {"errcode":40001,"errmsg":"x"} oapi.dingtalk.com' > mixed.log

# No config file at its default place is no error.
fresh "$errscope" --matches-only mixed.log > none.out 2> none.err; status=$?
check "no config file: both codes, exit 0" test "$status" = 0
check "no config file: dingtalk found" contains none.out '⟨dingtalk 40001'
check "no config file: nothing on stderr" test ! -s none.err

printf '%s\n' '# our team uses AsterCC only' '' '   --vendor=backmsg   ' > home/.config/errscope/config
fresh "$errscope" --matches-only mixed.log > cfg.out 2> cfg.err; status=$?
check "config --vendor=backmsg: exit 0" test "$status" = 0
check "config --vendor=backmsg: backmsg found" contains cfg.out '⟨backmsg BackMsg_16'
check "config --vendor=backmsg: dingtalk filtered out" lacks cfg.out 'dingtalk'

fresh "$errscope" --no-config --matches-only mixed.log > noconfig.out 2>&1
check "--no-config: the config is ignored" contains noconfig.out '⟨dingtalk 40001'

fresh "$errscope" --matches-only --vendor=dingtalk mixed.log > cli.out 2>&1
check "the command line wins: dingtalk found" contains cli.out '⟨dingtalk 40001'
check "the command line wins: backmsg not added" lacks cli.out 'backmsg'

# A flag of another command (report's --top) is left out of explain; a global one applies.
printf '%s\n' '--top' '1' '--color=never' > home/.config/errscope/config
fresh "$errscope" explain 40001 > explain.out 2>&1; status=$?
check "a report flag in the config does not break explain" test "$status" = 0
# A flag of one value twice in the file: the later line wins, no usage error.
printf '%s\n' '-j4' '--threads=1' > home/.config/errscope/config
fresh "$errscope" report mixed.log > twice.out 2>&1; status=$?
check "a flag of one value twice in the config: exit 0" test "$status" = 0
printf '%s\n' '--vendor' 'backmsg' > team.conf
fresh ERRSCOPE_CONFIG_PATH="$work/team.conf" "$errscope" --matches-only mixed.log > env.out 2>&1
check "ERRSCOPE_CONFIG_PATH overrides the default file" lacks env.out 'dingtalk'
check "ERRSCOPE_CONFIG_PATH: a value on its own line" contains env.out '⟨backmsg BackMsg_16'
fresh ERRSCOPE_CONFIG_PATH= "$errscope" --matches-only mixed.log > empty.out 2>&1
check "empty ERRSCOPE_CONFIG_PATH: no config file" contains empty.out '⟨dingtalk 40001'
fresh ERRSCOPE_CONFIG_PATH="$work/absent.conf" "$errscope" mixed.log > /dev/null 2> absent.err
status=$?
check "a missing ERRSCOPE_CONFIG_PATH file: exit 2" test "$status" = 2
check "a missing ERRSCOPE_CONFIG_PATH file: named" contains absent.err "$work/absent.conf"

printf '%s\n' '--vendor=backmsg' '# next: a typo' '--venodr=dingtalk' > home/.config/errscope/config
fresh "$errscope" mixed.log > /dev/null 2> bad.err; status=$?
check "a bad line: exit 2" test "$status" = 2
check "a bad line: file:line and reason" contains bad.err \
  "$work/home/.config/errscope/config:3:1: error: unknown flag --venodr"
check "a bad line: the fix" contains bad.err 'fix: '
fresh "$errscope" --help > help.out 2> help.err; status=$?
check "a bad line: --help still answers" test "$status" = 0
check "a bad line: --help shows it as a warning" contains help.err 'warning: unknown flag --venodr'
fresh "$errscope" --no-config mixed.log > /dev/null 2>&1; status=$?
check "a bad line: --no-config still runs" test "$status" = 0

# Pattern folders: the user's and the system's, listed with where they came from.
rm home/.config/errscope/config
mkdir -p home/.config/errscope/patterns
cp "$testdata/fixtures/patterns/my-patterns/mycorp.json" home/.config/errscope/patterns/
printf '2026-11-01 09:00:00 WARN billing: charge declined MYCODE_7(card 4111)\n' > mycorp.log
fresh "$errscope" --matches-only mycorp.log > user.out 2>&1
check "user pattern folder: its vendor matches" contains user.out '⟨mycorp MYCODE_7'
fresh "$errscope" patterns list > list.out 2>&1
check "patterns list: the user folder's file" contains list.out \
  "origin: $work/home/.config/errscope/patterns/mycorp.json (user folder)"
check "patterns list: the built-ins stay" contains list.out 'origin: builtin:dingtalk.json;'
check "patterns list: no config file" contains list.out \
  "config file: none ($work/home/.config/errscope/config does not exist)"
fresh "$errscope" --no-config --matches-only mycorp.log > nofolder.out 2>&1
check "--no-config: the user folder is ignored" lacks nofolder.out 'mycorp'

mv home/.config/errscope/patterns/mycorp.json system/
fresh "$errscope" patterns list --format json > system.json 2>&1
check "patterns list: the system folder's file" contains system.json '"loaded_from":"system_folder"'
printf '{"vendor": "broken"\n' > system/broken.json
fresh "$errscope" mycorp.log > /dev/null 2> broken.err; status=$?
check "a broken file in a pattern folder: exit 2" test "$status" = 2
check "a broken file in a pattern folder: named" contains broken.err "$work/system/broken.json"
finish
