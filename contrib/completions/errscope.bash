# bash completion for errscope(1). Installed as share/bash-completion/completions/errscope;
# tests/e2e/completions_test.sh fails when a flag of `errscope ... --help` is missing here.

# The vendor ids errscope loads (the config file's and --patterns' too), else the built-in ones.
_errscope_vendors() {
  local ids
  ids=$("${COMP_WORDS[0]}" patterns list 2>/dev/null |
    sed -n 's/^\([A-Za-z0-9_.-][A-Za-z0-9_.-]*\)  *[0-9][0-9]*  .*/\1/p')
  echo "${ids:-backmsg dingtalk ucpaas yunke}"
}

# Adds files and folders to COMPREPLY, with bash-completion's _filedir when it is loaded.
_errscope_files() {
  if declare -F _filedir >/dev/null; then
    _filedir "$@"
  else
    local IFS=$'\n'
    COMPREPLY+=($(compgen -f -- "$cur"))
  fi
}

_errscope() {
  local cur prev
  COMPREPLY=()
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD - 1]}
  # --format=js: bash splits the word at '=' (COMP_WORDBREAKS), into --format, = and js.
  if [[ $cur == = ]]; then
    cur=''
  elif [[ $prev == = && COMP_CWORD -ge 2 ]]; then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  fi

  local commands='scan report merge explain patterns'
  local text_json='text json'
  local report_formats='text json csv markdown html openmetrics'

  # The command (and the patterns subcommand) named before the word being completed: the first
  # word that is neither an option nor an option's value.
  local valued='--patterns --color --vendor --format --top --since --until --tz --baseline
    --max-errors --max-error-rate --bucket --source --shard --expect-sources -j --threads
    -A --after-context -B --before-context -C --context'
  local command='' sub='' i word
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    case $word in
      =) ((i++)) ;;  # --format=json: '=' and the value
      -*)
        # shellcheck disable=SC2076
        [[ " ${valued//$'\n'/ } " =~ " $word " && ${COMP_WORDS[i + 1]} != = ]] && ((i++))
        ;;
      *)
        if [[ -z $command ]]; then
          case " $commands " in
            *" $word "*) command=$word ;;
            *) command=scan ;;  # a file: scan is the default command
          esac
        elif [[ $command == patterns && -z $sub ]]; then
          sub=$word
        fi
        ;;
    esac
  done

  # The value of the option before the cursor.
  case $prev in
    --color)
      COMPREPLY=($(compgen -W 'auto always never' -- "$cur"))
      return
      ;;
    --format)
      case $command in
        report | merge) COMPREPLY=($(compgen -W "$report_formats" -- "$cur")) ;;
        *) COMPREPLY=($(compgen -W "$text_json" -- "$cur")) ;;
      esac
      return
      ;;
    --bucket)
      COMPREPLY=($(compgen -W 'auto 1m 5m 15m 1h 1d 7d' -- "$cur"))
      return
      ;;
    --vendor)
      # Comma-separated: complete the id after the last comma.
      local done_part=''
      [[ $cur == *,* ]] && done_part=${cur%,*},
      COMPREPLY=($(compgen -P "$done_part" -W "$(_errscope_vendors)" -- "${cur##*,}"))
      return
      ;;
    --tz)
      COMPREPLY=($(compgen -W 'UTC +00:00 +08:00 Asia/Shanghai' -- "$cur"))
      return
      ;;
    --patterns)
      _errscope_files
      return
      ;;
    --baseline)
      _errscope_files json
      return
      ;;
    --top | --since | --until | --max-errors | --max-error-rate | --source | --shard | \
      --expect-sources | -j | --threads | \
      -A | --after-context | -B | --before-context | -C | --context)
      return
      ;;
  esac

  local options
  case $command in
    '' | scan)
      options='-h --help --vendor --matches-only --errors-only --format -a --text -j --threads
        -H --with-filename --no-filename -n --line-number -N --no-line-number
        -A --after-context -B --before-context -C --context -c --count -l --files-with-matches
        --since --until --no-progress'
      ;;
    report)
      options='-h --help --vendor --format --top --since --until --tz --baseline --fail-on-new
        --max-errors --max-error-rate --csv-timeline --examples --bucket --source --shard
        -j --threads -a --text --no-progress'
      ;;
    merge)
      options='-h --help --format --top --since --until --baseline --fail-on-new --max-errors
        --max-error-rate --csv-timeline --examples --strict --partial --expect-sources
        --no-progress'
      ;;
    explain) options='-h --help --vendor --format' ;;
    patterns) options='-h --help --format' ;;
  esac

  if [[ $cur == -* ]]; then
    # The global options are accepted after the command too; --version only before one.
    options="$options --patterns --no-builtin --color --no-config"
    [[ -z $command ]] && options="$options -V --version"
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
    return
  fi
  case $command in
    '')
      COMPREPLY=($(compgen -W "$commands" -- "$cur"))
      _errscope_files
      ;;
    patterns)
      case $sub in
        '') COMPREPLY=($(compgen -W 'list show check' -- "$cur")) ;;
        show) COMPREPLY=($(compgen -W "$(_errscope_vendors)" -- "$cur")) ;;
        check) _errscope_files json ;;
      esac
      ;;
    explain) ;;
    *) _errscope_files ;;
  esac
} &&
  complete -F _errscope errscope
