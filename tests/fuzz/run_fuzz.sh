#!/usr/bin/env bash
# run_fuzz.sh [--seconds N] [--build DIR] [--parallel K] [--keep-going] [TARGET...]
#
# Runs each fuzz target (default: all) for N seconds (default 60) on its corpus in
# DIR/corpus/<target>/ (seeded by make_corpus.sh when missing) with tests/fuzz/errscope.dict, and
# prints per target the executions, coverage (cov: edges, ft: features) and the crashes found
# (artifact paths under DIR/fuzz-artifacts/<target>/). Exits 1 when any target crashed, leaked,
# timed out or ran out of memory, 2 on a usage error. Non-interactive; every run is bounded.
#
#   --parallel K   run K targets at a time (default 1)
#   --keep-going   libFuzzer's fork mode: keep fuzzing past a crash to collect several
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
seconds=60
build=$source_dir/build-fuzz
parallel=1
keep_going=0
all_targets=(scan patterns time report_json decode)
targets=()

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --seconds) seconds=${2:?}; shift 2 ;;
    --build) build=${2:?}; shift 2 ;;
    --parallel) parallel=${2:?}; shift 2 ;;
    --keep-going) keep_going=1; shift ;;
    -h|--help) usage ;;
    -*) echo "run_fuzz.sh: unknown option $1" >&2; usage ;;
    *) targets+=("$1"); shift ;;
  esac
done
[[ ${#targets[@]} -eq 0 ]] && targets=("${all_targets[@]}")
[[ $seconds =~ ^[0-9]+$ && $parallel =~ ^[1-9][0-9]*$ ]] || usage
[[ -d $build ]] || { echo "run_fuzz.sh: no build directory $build" >&2; exit 2; }
build=$(cd "$build" && pwd)
for target in "${targets[@]}"; do
  if [[ " ${all_targets[*]} " != *" $target "* ]]; then
    echo "run_fuzz.sh: unknown target $target (targets: ${all_targets[*]})" >&2
    exit 2
  fi
  if [[ ! -x $build/tests/fuzz/fuzz_$target ]]; then
    echo "run_fuzz.sh: $build/tests/fuzz/fuzz_$target is not built (configure with -DERRSCOPE_FUZZ=ON," \
         "then cmake --build $build --target fuzz_$target)" >&2
    exit 2
  fi
done
if [[ ! -d $build/corpus ]]; then "$here/make_corpus.sh" "$source_dir" "$build/corpus" || exit 2; fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# run_one TARGET: fuzzes it, writes its log and a one-line summary file.
run_one() {
  local target=$1
  local corpus=$build/corpus/$target artifacts=$build/fuzz-artifacts/$target
  local log=$build/fuzz-logs/$target.log
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  local stamp=$build/fuzz-logs/$target.start
  touch "$stamp"
  local args=(-max_total_time="$seconds" -print_final_stats=1 -dict="$here/errscope.dict"
              -artifact_prefix="$artifacts/" -rss_limit_mb=2048 -malloc_limit_mb=1024 -timeout=20
              -max_len=16384 -close_fd_mask=1)
  if [[ $keep_going -eq 1 ]]; then
    args+=(-fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1)
  fi
  # A hard bound over libFuzzer's own: the time, the final merge of fork mode, a hung input.
  timeout -k 10 $((seconds + 120)) "$build/tests/fuzz/fuzz_$target" "${args[@]}" "$corpus" \
    > "$log" 2>&1
  local status=$?
  local execs cov ft
  # Fork mode's parent counts every job's executions on its "#N: cov:" lines; otherwise the
  # final stats have them.
  execs=$(grep -oE '^#[0-9]+: cov:' "$log" | tail -1 | grep -oE '[0-9]+')
  [[ -z $execs ]] && execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 |
                               grep -o '[0-9]*$')
  [[ -z $execs ]] && execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
  local found=()
  while IFS= read -r file; do found+=("$file"); done < <(
    find "$artifacts" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
      -o -name 'oom-*' \) -newer "$stamp" | sort)
  rm -f "$stamp"
  {
    printf '%-12s executions %-10s cov %-6s ft %-7s crashes %s (exit %s, log %s)\n' "$target" \
      "${execs:-?}" "${cov:-?}" "${ft:-?}" "${#found[@]}" "$status" "$log"
    for file in "${found[@]}"; do printf '  %s\n' "$file"; done
    if [[ ${#found[@]} -eq 0 && $status -ne 0 ]]; then
      echo "  libFuzzer failed without an artifact; the end of its log:"
      tail -20 "$log" | sed 's/^/    /'
    fi
  } > "$build/fuzz-logs/$target.summary"
  [[ ${#found[@]} -eq 0 && $status -eq 0 ]]
}

echo "fuzzing ${targets[*]} for ${seconds}s each, $parallel at a time (build $build)"
failed=0
running=0
for target in "${targets[@]}"; do
  if [[ $running -ge $parallel ]]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
  run_one "$target" &
  running=$((running + 1))
done
while [[ $running -gt 0 ]]; do
  wait -n || failed=1
  running=$((running - 1))
done
for target in "${targets[@]}"; do cat "$build/fuzz-logs/$target.summary"; done
if [[ $failed -ne 0 ]]; then
  echo "run_fuzz.sh: findings above; reproduce one with: $build/tests/fuzz/fuzz_TARGET ARTIFACT"
  exit 1
fi
echo "run_fuzz.sh: no findings"
