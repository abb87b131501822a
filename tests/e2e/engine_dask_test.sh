#!/usr/bin/env bash
# The Dask driver (contrib/dask/errscope_dask.py; doc/scale-out.md) on a local cluster: a
# dask-scheduler and two dask-worker processes (one thread each) on 127.0.0.1, started here and
# stopped at exit. A shard per file, and byte ranges of a large file cut at line ends, reduced as
# a tree of `merge --partial` (fan-in 3) and a final `merge`: each equals the single-process
# report as engine_lib.sh's `comparable` shows them. A shard that fails on every try is named,
# exit 2, nothing on standard output.
#   engine_dask_test.sh ERRSCOPE CORPUS_GEN
set -uo pipefail
errscope=$(realpath "${1:?usage: $0 ERRSCOPE CORPUS_GEN}")
corpus_gen=${2:?usage: $0 ERRSCOPE CORPUS_GEN}
source "$(dirname "$0")/e2e_lib.sh"
source "$(dirname "$0")/engine_lib.sh"
root=$(realpath "$(dirname "$0")/../..")
fixtures=$root/testdata/fixtures
driver=$root/contrib/dask/errscope_dask.py
# Debian's python3 and its python3-distributed (dask-scheduler and dask-worker run on it too).
python=/usr/bin/python3
for tool in "$python" dask-scheduler dask-worker; do
  command -v "$tool" > /dev/null ||
    { fail "$tool is not installed (.ci/packages.txt)"; finish; exit; }
done
# The workers run errscope with this environment: no config file, a fixed `generated`.
export HOME="$work/home" && mkdir -p "$HOME"
export DASK_CONFIG="$work/dask-config" DASK_TEMPORARY_DIRECTORY="$work/dask-tmp"

pids=()
stop_cluster() {  # workers first (their nannies end their processes), then the scheduler
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[i]}" 2> /dev/null
    wait "${pids[i]}" 2> /dev/null
  done
  pids=()
}
# e2e_lib.sh's cleanup, after the cluster is down.
trap 'stop_cluster; kill $(jobs -p) 2>/dev/null; chmod -R u+rwx "$work" 2>/dev/null
      rm -rf "$work"' EXIT
started=$SECONDS
# A worker killed twice under one task makes it fail (once, it is rerun elsewhere): Dask's
# default is 3 (distributed.scheduler.allowed-failures), 1 keeps the test short.
DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES=1 \
  dask-scheduler --host 127.0.0.1 --port 0 --no-dashboard --scheduler-file "$work/scheduler.json" \
  > "$work/scheduler.log" 2>&1 &
pids+=($!)
for i in 1 2; do
  dask-worker --scheduler-file "$work/scheduler.json" --nthreads 1 --host 127.0.0.1 \
    --no-dashboard --local-directory "$work/worker-$i" --name "worker-$i" \
    > "$work/worker-$i.log" 2>&1 &
  pids+=($!)
done
cluster() {  # cluster ARGS...: the driver against this cluster, both workers there
  "$python" "$driver" --scheduler-file "$work/scheduler.json" --min-workers 2 --timeout 45 \
    --errscope "$errscope" "$@"
}

# Shards of whole files: a generated corpus, the fixtures, a .gz and an .xz.
"$corpus_gen" "$work/big.log" --mib 6 --code-percent 20 --seed 23 > /dev/null || exit 1
cp "$fixtures/sample/app.log" "$fixtures/corpus/realistic.log" "$work/"
gzip -c "$fixtures/grep/a.log" > "$work/a.log.gz"
cp "$fixtures/compressed/app.log.xz" "$work/sms.log.xz"
files=("$work/big.log" "$work/app.log" "$work/realistic.log" "$work/a.log.gz" "$work/sms.log.xz")
"$errscope" report --format json "${files[@]}" > "$work/single.json"
if cluster --fan-in 3 --merge-args '--format json' "${files[@]}" > "$work/files.json" \
  2> "$work/files.err"; then
  pass "cluster up and the driver done in $((SECONDS - started)) s"
  same_report "a shard per file (${#files[@]}), fan-in 3: equals the report of the files" files \
    "$work/files.json" "$work/single.json"
else
  fail "the driver, a shard per file: $(tail -c 400 "$work/files.err")" \
       "scheduler: $(tail -c 300 "$work/scheduler.log")"
fi

# Byte ranges: big.log (6 MiB) in 512 KiB ranges; the small and compressed files stay whole.
if cluster --byte-ranges 512K --fan-in 3 --merge-args '--format json' "${files[@]}" \
  > "$work/ranges.json" 2> "$work/ranges.err"; then
  same_report "--byte-ranges 512K (16 shards), fan-in 3: equals the report of the files" blocks \
    "$work/ranges.json" "$work/single.json"
else
  fail "the driver with --byte-ranges: $(tail -c 400 "$work/ranges.err")"
fi
# The result in any format, its exit status passed on: a threshold breached exits 1.
cluster --merge-args '--format markdown --max-errors 0' "${files[@]}" > "$work/alert.md" \
  2> "$work/alert.err"
status=$?
if [ "$status" = 1 ] && grep -q '^# errscope report' "$work/alert.md" &&
  grep -q 'alert:.*--max-errors 0' "$work/alert.err"; then
  pass "--merge-args '--format markdown --max-errors 0': the report, the alert, exit 1"
else
  fail "markdown with --max-errors 0: status $status, $(head -c 200 "$work/alert.err")"
fi

# A worker killed in the middle of a shard (kill -9 of the process running errscope; its nanny
# starts it again): Dask runs the shard again on a worker and the result is complete. Killed on
# every try, the shard is named and nothing is written.
mkdir -p "$work/bin"
cat > "$work/bin/errscope" <<WRAPPER
#!/bin/sh
# Shard 2 kills the worker running it: once, or on every try once kill-always exists.
case " \$* " in
  *" --shard 2/"*)
    if [ ! -e "$work/killed" ] || [ -e "$work/kill-always" ]; then
      touch "$work/killed"; kill -9 "\$PPID"; sleep 30; exit 9
    fi ;;
esac
exec "$errscope" "\$@"
WRAPPER
chmod +x "$work/bin/errscope"
killed_at=$SECONDS
if "$python" "$driver" --scheduler-file "$work/scheduler.json" --min-workers 2 --timeout 45 \
  --errscope "$work/bin/errscope" --merge-args '--format json' "${files[@]}" \
  > "$work/killed.json" 2> "$work/killed.err" && [ -e "$work/killed" ]; then
  same_report "a worker killed under shard 2, the shard run again ($((SECONDS - killed_at)) s)" \
    files "$work/killed.json" "$work/single.json"
else
  fail "a worker killed under shard 2: $(tail -c 400 "$work/killed.err")"
fi
touch "$work/kill-always"
killed_at=$SECONDS
"$python" "$driver" --scheduler-file "$work/scheduler.json" --min-workers 2 --timeout 45 \
  --retries 0 --errscope "$work/bin/errscope" --merge-args '--format json' "${files[@]}" \
  > "$work/killed-always.out" 2> "$work/killed-always.err"
status=$?
if [ "$status" = 2 ] && [ ! -s "$work/killed-always.out" ] &&
  grep -q "shard 2 of ${#files[@]} ($work/app.log) failed" "$work/killed-always.err"; then
  pass "workers killed under shard 2 on every try ($((SECONDS - killed_at)) s):" \
       "$(grep -o 'shard 2 of.*' "$work/killed-always.err" | head -c 200)"
else
  fail "workers killed on every try: status $status, $(tail -c 400 "$work/killed-always.err")"
fi

# A shard that fails on every try (a file no worker has): named, exit 2, nothing written.
cluster --retries 1 "$work/app.log" "$work/gone.log" "$work/realistic.log" > "$work/failed.out" \
  2> "$work/failed.err"
status=$?
if [ "$status" = 2 ] && [ ! -s "$work/failed.out" ] &&
  grep -q "shard 2 of 3 ($work/gone.log) failed after 2 tries" "$work/failed.err"; then
  pass "a failed shard: $(head -c 160 "$work/failed.err")"
else
  fail "a failed shard: status $status, $(wc -c < "$work/failed.out") bytes," \
       "$(head -c 300 "$work/failed.err")"
fi
stop_cluster
finish
