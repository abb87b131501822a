# fish completion for errscope(1). Installed as share/fish/vendor_completions.d/errscope.fish;
# tests/e2e/completions_test.sh fails when a flag of `errscope ... --help` is missing here.

# The vendor ids errscope loads (the config file's and --patterns' too), else the built-in ones.
function __errscope_vendors
    set -l ids (errscope patterns list 2>/dev/null |
        string match -r -g '^([A-Za-z0-9_.-]+) +[0-9]+  ')
    test (count $ids) -gt 0; or set ids backmsg dingtalk ucpaas yunke
    printf '%s\n' $ids
end

set -l commands scan report merge explain patterns
set -l no_command "not __fish_seen_subcommand_from $commands"
# scan is also the command when none is named (errscope app.log).
set -l scan "not __fish_seen_subcommand_from report merge explain patterns"
set -l report_merge "__fish_seen_subcommand_from report merge"

complete -c errscope -n $no_command -a scan -d 'Annotate vendor codes in log lines (default)'
complete -c errscope -n $no_command -f -a report -d 'Aggregate vendor codes: counts, timelines'
complete -c errscope -n $no_command -f -a merge -d 'Merge JSON reports into the whole'
complete -c errscope -n $no_command -f -a explain -d 'Show what codes mean'
complete -c errscope -n $no_command -f -a patterns -d 'List, show and check pattern files'

# Global options.
complete -c errscope -s h -l help -d 'Print the options and exit'
complete -c errscope -n $no_command -s V -l version -d 'Print version, git revision, catalogs'
complete -c errscope -l patterns -r -F -d 'Add a pattern file or folder'
complete -c errscope -l no-builtin -d 'Leave out the built-in vendors'
complete -c errscope -l color -x -a 'auto always never' -d 'Colour'
complete -c errscope -l no-config -d 'Ignore the config file and pattern folders'

# Options of several commands.
complete -c errscope -n "$scan; or __fish_seen_subcommand_from report explain" -l vendor -x \
    -a '(__fish_complete_list , __errscope_vendors)' -d 'Only these vendors'
complete -c errscope -n "$scan; or __fish_seen_subcommand_from explain patterns" -l format -x \
    -a 'text json' -d 'Output format'
complete -c errscope -n $report_merge -l format -x \
    -a 'text json csv markdown html openmetrics' -d 'Output format'
complete -c errscope -n "$scan; or __fish_seen_subcommand_from report" -s a -l text \
    -d 'Read binary input as text'
complete -c errscope -n "$scan; or __fish_seen_subcommand_from report" -s j -l threads -x \
    -d 'Worker threads'
complete -c errscope -n "$scan; or $report_merge" -l since -x -d 'Only lines at or after T'
complete -c errscope -n "$scan; or $report_merge" -l until -x -d 'Only lines before T'
complete -c errscope -n "$scan; or $report_merge" -l no-progress -d 'Never show the progress line'

# scan.
complete -c errscope -n $scan -l matches-only -d 'Only the lines that carry codes'
complete -c errscope -n $scan -l errors-only -d 'Only the lines that carry an error code'
complete -c errscope -n $scan -s H -l with-filename -d 'Print the file name before each line'
complete -c errscope -n $scan -l no-filename -d 'Never print file names'
complete -c errscope -n $scan -s n -l line-number -d 'Print the line number before each line'
complete -c errscope -n $scan -s N -l no-line-number -d 'Never print line numbers'
complete -c errscope -n $scan -s A -l after-context -x -d 'Lines after each selected line'
complete -c errscope -n $scan -s B -l before-context -x -d 'Lines before each selected line'
complete -c errscope -n $scan -s C -l context -x -d 'Lines before and after each selected line'
complete -c errscope -n $scan -s c -l count -d 'Number of selected lines of each input'
complete -c errscope -n $scan -s l -l files-with-matches -d 'Names of inputs with a selected line'

# report and merge.
complete -c errscope -n $report_merge -l top -x -d 'Show the N most frequent codes'
complete -c errscope -n $report_merge -l baseline -r -F -d 'Compare with an earlier JSON report'
complete -c errscope -n $report_merge -l fail-on-new -d 'Exit 1 on an error code not in baseline'
complete -c errscope -n $report_merge -l max-errors -x -d 'Exit 1 above N error codes'
complete -c errscope -n $report_merge -l max-error-rate -x -d 'Exit 1 above this error rate'
complete -c errscope -n $report_merge -l csv-timeline -d 'With --format csv: timelines in long form'
complete -c errscope -n $report_merge -l examples -d "With --format text: each code's example"
complete -c errscope -n '__fish_seen_subcommand_from report' -l tz -x \
    -a 'UTC +00:00 +08:00 Asia/Shanghai' -d 'Show times in this zone'
complete -c errscope -n '__fish_seen_subcommand_from report' -l bucket -x \
    -a 'auto 1m 5m 15m 1h 1d 7d' -d 'Timeline bucket'
complete -c errscope -n '__fish_seen_subcommand_from report' -l source -x \
    -a '(__fish_print_hostnames)' -d 'Count every input under this source name'
complete -c errscope -n '__fish_seen_subcommand_from merge' -l strict -d 'Refuse a report twice'
complete -c errscope -n '__fish_seen_subcommand_from report' -l shard -x \
    -d 'Mark the report as shard K of a job of N (K/N)'
complete -c errscope -n '__fish_seen_subcommand_from merge' -l partial \
    -d 'Merge shards of a job even when some are missing'
complete -c errscope -n '__fish_seen_subcommand_from merge' -l expect-sources -x \
    -a '(__fish_print_hostnames)' -d 'Fail unless each of these sources has a report'

# explain takes codes, not files; patterns its subcommands.
complete -c errscope -n '__fish_seen_subcommand_from explain' -f
set -l patterns_sub "__fish_seen_subcommand_from patterns;
    and not __fish_seen_subcommand_from list show check"
complete -c errscope -n $patterns_sub -f -a list -d 'The vendors loaded and where each came from'
complete -c errscope -n $patterns_sub -f -a show -d "One vendor's regexes and code table"
complete -c errscope -n $patterns_sub -f -a check -d 'Validate a pattern file'
set -l patterns_list "__fish_seen_subcommand_from patterns; and __fish_seen_subcommand_from list"
set -l patterns_show "__fish_seen_subcommand_from patterns; and __fish_seen_subcommand_from show"
complete -c errscope -n $patterns_list -f
complete -c errscope -n $patterns_show -f -a '(__errscope_vendors)'
