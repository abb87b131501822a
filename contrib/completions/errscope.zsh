#compdef errscope
# zsh completion for errscope(1). Installed as share/zsh/vendor-completions/_errscope;
# tests/e2e/completions_test.sh fails when a flag of `errscope ... --help` is missing here.

# The vendor ids errscope loads (the config file's and --patterns' too), else the built-in ones.
_errscope_vendors() {
  local -a ids
  ids=(${(f)"$(_call_program vendors ${words[1]} patterns list 2>/dev/null |
    sed -n 's/^\([A-Za-z0-9_.-][A-Za-z0-9_.-]*\)  *[0-9][0-9]*  .*/\1/p')"})
  (( $#ids )) || ids=(backmsg dingtalk ucpaas yunke)
  _values -s , 'vendor id' $ids
}

_errscope() {
  local -a global text_json report_formats common_report scan_options
  global=(
    '(- *)'{-h,--help}'[print the options and exit]'
    '(- *)'{-V,--version}'[print the version, git revision and catalogs and exit]'
    '*--patterns=[add a pattern file or a folder of *.json pattern files]:path:_files'
    '--no-builtin[leave out the built-in vendors]'
    '--color=[colour]:when:(auto always never)'
    '--no-config[ignore the config file and the pattern folders]'
  )
  text_json='--format=[output format]:format:(text json)'
  report_formats='--format=[output format]:format:(text json csv markdown html openmetrics)'
  common_report=(
    "$report_formats"
    '--top=[show the N most frequent codes]:N'
    '--since=[only lines at or after T]:time'
    '--until=[only lines before T]:time'
    '--baseline=[compare with an earlier JSON report]:report:_files -g "*.json"'
    '--fail-on-new[exit 1 on an error code not in the baseline]'
    '--max-errors=[exit 1 when more than N error codes were seen]:N'
    '--max-error-rate=[exit 1 when errors / codes seen exceeds R]:rate (0 to 1)'
    '--csv-timeline[with --format csv: the timelines in long form]'
    "--examples[with --format text: each code's example line]"
    '--no-progress[never show the progress line]'
  )
  scan_options=(
    '(- *)'{-h,--help}'[print the options and exit]'
    '*--vendor=[detect only these vendors]:vendor:_errscope_vendors'
    '--matches-only[print only the lines that carry codes]'
    '--errors-only[print only the lines that carry an error code]'
    "$text_json"
    {-a,--text}'[read binary input as text]'
    {-j+,--threads=}'[worker threads]:N'
    {-H,--with-filename}'[print the file name before each line]'
    '--no-filename[never print file names]'
    {-n,--line-number}'[print the line number before each line]'
    {-N,--no-line-number}'[never print line numbers]'
    {-A+,--after-context=}'[lines after each selected line]:NUM'
    {-B+,--before-context=}'[lines before each selected line]:NUM'
    {-C+,--context=}'[lines before and after each selected line]:NUM'
    {-c,--count}'[print the number of selected lines of each input]'
    {-l,--files-with-matches}'[print the name of each input with a selected line]'
    '--since=[only lines at or after T]:time'
    '--until=[only lines before T]:time'
    '--no-progress[never show the progress line]'
    '*:log file:_files'
  )

  local curcontext=$curcontext state state_descr line ret=1
  typeset -A opt_args
  _arguments -C $global ': :->command' '*:: :->argument' && ret=0
  case $state in
    command)
      local -a commands
      commands=(
        'scan:annotate vendor codes in log lines (the default command)'
        'report:aggregate vendor codes: counts, outcomes, timelines'
        'merge:merge JSON reports into the report of the whole'
        'explain:show what codes mean'
        'patterns:list, show and check vendor pattern files'
      )
      _describe -t commands command commands && ret=0
      _files && ret=0
      ;;
    argument)
      curcontext=${curcontext%:*:*}:errscope-$words[1]:
      case $words[1] in
        scan) _arguments $scan_options && ret=0 ;;
        report)
          _arguments \
            '(- *)'{-h,--help}'[print the options and exit]' \
            '*--vendor=[only these vendors]:vendor:_errscope_vendors' \
            $common_report \
            '--tz=[show times in this zone]:zone:(UTC +00:00 +08:00 Asia/Shanghai)' \
            '--bucket=[timeline bucket]:size:(auto 1m 5m 15m 1h 1d 7d)' \
            '--source=[count every input under this source name]:name:_hosts' \
            '--shard=[mark the report as shard K of a job of N]:K/N' \
            {-j+,--threads=}'[worker threads]:N' \
            {-a,--text}'[read binary input as text]' \
            '*:log file:_files' && ret=0
          ;;
        merge)
          _arguments \
            '(- *)'{-h,--help}'[print the options and exit]' \
            $common_report \
            '--strict[refuse a report given twice]' \
            '--partial[merge shards of a job even when some are missing]' \
            '--expect-sources=[fail unless each of these sources has a report]:names:_hosts' \
            '*:JSON report:_files -g "*.json"' && ret=0
          ;;
        explain)
          _arguments \
            '(- *)'{-h,--help}'[print the options and exit]' \
            '*--vendor=[only these vendors]:vendor:_errscope_vendors' \
            "$text_json" \
            '*:code' && ret=0
          ;;
        patterns)
          _arguments -C \
            '(- *)'{-h,--help}'[print the options and exit]' \
            ': :(list show check)' \
            '*:: :->patterns_argument' && ret=0
          [[ $state == patterns_argument ]] && case $words[1] in
            list)
              _arguments '(- *)'{-h,--help}'[print the options and exit]' "$text_json" && ret=0
              ;;
            show)
              _arguments '(- *)'{-h,--help}'[print the options and exit]' "$text_json" \
                ':vendor id:_errscope_vendors' && ret=0
              ;;
            check)
              _arguments '(- *)'{-h,--help}'[print the options and exit]' "$text_json" \
                ':pattern file:_files -g "*.json"' && ret=0
              ;;
          esac
          ;;
        *) _arguments $scan_options && ret=0 ;;  # a file: scan is the default command
      esac
      ;;
  esac
  return ret
}

_errscope "$@"
