#!/usr/bin/env bash
# The shell completions of contrib/completions/ against the built binary, so that they cannot
# drift from the CLI: every flag that `errscope [COMMAND] --help` lists is completed by bash for
# that command and named in the zsh and fish files; every value of a choice flag (--format,
# --color, --bucket) is completed by bash; and bash completes commands, flags and values for
# real (the function run as bash runs it on TAB). zsh and fish files are syntax-checked and
# loaded.
#   completions_test.sh ERRSCOPE
set -uo pipefail
errscope=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
source "$here/e2e_lib.sh"
completions=$here/../../contrib/completions

# bash_complete WORD...: what bash's completion of errscope offers for the last WORD (the one
# being completed), one a line, as bash runs it on TAB; bash-completion's helpers are loaded
# when installed, as in an interactive shell. It runs in $work/cwd, where the only files are the
# test's.
mkdir -p "$work/cwd"
bash_complete() {
  cd "$work/cwd" && PATH="$(dirname "$errscope"):$PATH" bash -c '
    [ -r /usr/share/bash-completion/bash_completion ] &&
      source /usr/share/bash-completion/bash_completion
    source "$0"
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    _errscope errscope "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf "%s\n" "${COMPREPLY[@]}"' "$completions/errscope.bash" "$@" </dev/null
}

# The values of the choice flags of COMMAND's --help: "FLAG VALUE" lines, from CLI11's
# "--color WHEN:{auto,always,never}" and "--format FORMAT:value in {json->1,text->0} OR {1,0}".
help_choices() {
  "$errscope" "$@" --help | awk '/^  -/ && /\{/ {
      flag = $1; sub(/.*,/, "", flag); list = $0; sub(/^[^{]*\{/, "", list); sub(/\}.*/, "", list)
      n = split(list, values, ","); for (i = 1; i <= n; i++) { v = values[i]; sub(/->.*/, "", v)
      print flag, v } }'
}

# Every command's flags and choices, completed by bash after `errscope COMMAND`.
while IFS= read -r command; do
  # shellcheck disable=SC2086
  offered=$(bash_complete errscope $command -)
  missing=""
  # shellcheck disable=SC2086
  for flag in $(help_flags "$errscope" $command); do
    grep -qxF -- "$flag" <<<"$offered" || missing="$missing $flag"
  done
  check "bash completes every flag of 'errscope $command --help'${missing:+ (missing:$missing)}" \
    test -z "$missing"
  missing=""
  while read -r flag value; do
    # shellcheck disable=SC2086
    values=$(bash_complete errscope $command "$flag" "")
    grep -qxF -- "$value" <<<"$values" || missing="$missing $flag=$value"
  done < <(help_choices $command)
  check "bash completes every value of the choice flags of 'errscope $command'${missing:+ \
(missing:$missing)}" test -z "$missing"
done < <(help_commands "$errscope")

# zsh and fish: every flag of every command's --help is named in the file (zsh: '*--vendor=[',
# {-j+,--threads=}; fish: -s j -l threads).
all_flags=$(help_commands "$errscope" | while IFS= read -r command; do
  # shellcheck disable=SC2086
  help_flags "$errscope" $command
done | sort -u)
missing_zsh="" missing_fish=""
for flag in $all_flags; do
  grep -qE -- "(^|[{,'\"( *])$flag([,}=+'\" []|\$)" "$completions/errscope.zsh" ||
    missing_zsh="$missing_zsh $flag"
  case $flag in
    --*) fish_pattern="-l ${flag#--}" ;;
    *) fish_pattern="-s ${flag#-}" ;;
  esac
  grep -qE -- "(^| )$fish_pattern( |\$)" "$completions/errscope.fish" ||
    missing_fish="$missing_fish $flag"
done
check "zsh completion names every flag${missing_zsh:+ (missing:$missing_zsh)}" \
  test -z "$missing_zsh"
check "fish completion names every flag${missing_fish:+ (missing:$missing_fish)}" \
  test -z "$missing_fish"

# bash, for real: a command, a flag, a flag's values, vendor ids, the patterns subcommands.
check "bash: errscope rep<TAB> gives report" test "$(bash_complete errscope rep)" = report
check "bash: errscope report --for<TAB> gives --format" \
  test "$(bash_complete errscope report --for)" = --format
formats=$(bash_complete errscope report --format "")
check "bash: errscope report --format <TAB> offers json and html" \
  bash -c 'grep -qx json <<<"$0" && grep -qx html <<<"$0"' "$formats"
check "bash: errscope scan --format <TAB> offers text and json only" \
  test "$(bash_complete errscope scan --format "" | sort | tr '\n' ' ')" = "json text "
check "bash: errscope --vendor ding<TAB> gives dingtalk" \
  test "$(bash_complete errscope --vendor ding)" = dingtalk
check "bash: errscope --vendor backmsg,u<TAB> gives backmsg,ucpaas" \
  test "$(bash_complete errscope --vendor backmsg,u)" = backmsg,ucpaas
check "bash: errscope patterns <TAB> gives list, show and check" \
  test "$(bash_complete errscope patterns "" | tr '\n' ' ')" = "list show check "
check "bash: errscope patterns show y<TAB> gives yunke" \
  test "$(bash_complete errscope patterns show y)" = yunke
check "bash: errscope --color never rep<TAB> skips the global option's value" \
  test "$(bash_complete errscope --color never rep)" = report
check "bash: errscope --vendor dingtalk rep<TAB> skips an option's value" \
  test "$(bash_complete errscope --vendor dingtalk rep)" = report
check "bash: errscope report --format=js<TAB> gives json (bash splits the word at =)" \
  test "$(bash_complete errscope report --format = js)" = json
check "bash: errscope --format=json rep<TAB> gives report" \
  test "$(bash_complete errscope --format = json rep)" = report
mkdir -p "$work/cwd/logs" && touch "$work/cwd/logs/app.log"
check "bash: errscope report <TAB> completes file names" \
  test "$(bash_complete errscope report logs/a)" = logs/app.log
check "bash: errscope <TAB> offers the commands and file names" \
  bash -c 'grep -qx merge <<<"$0" && grep -qx logs <<<"$0"' "$(bash_complete errscope "")"

# zsh and fish: the files parse, and load in the shells' completion systems.
check "zsh -n parses errscope.zsh" zsh -n "$completions/errscope.zsh"
mkdir -p "$work/zfunc" && cp "$completions/errscope.zsh" "$work/zfunc/_errscope"
check "zsh's compinit finds _errscope for errscope" \
  zsh -fc 'fpath=("$0" $fpath); autoload -U compinit; compinit -u -d "$0/.zcompdump";
    [[ $_comps[errscope] == _errscope ]]' "$work/zfunc"
check "fish --no-execute parses errscope.fish" fish --no-execute "$completions/errscope.fish"
fish_formats=$(PATH="$(dirname "$errscope"):$PATH" fish --no-config -c \
  'source $argv[1]; complete -C "errscope report --format "' "$completions/errscope.fish")
check "fish: errscope report --format <TAB> offers json and html" \
  bash -c 'grep -q "^json" <<<"$0" && grep -q "^html" <<<"$0"' "$fish_formats"

finish
