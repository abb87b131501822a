#!/bin/sh
# Hadoop Streaming mapper for errscope (doc/scale-out.md): the lines of this map task's split, on
# standard input, as one JSON report on one line, marked shard K of N of the job so that the
# reducer's `errscope merge` refuses a job that lost a split. Hadoop exports the job's settings
# with dots made underscores: mapreduce_task_partition (this map task, from 0),
# mapreduce_job_maps (the number of map tasks: the splits) and mapreduce_map_input_file (the
# split's file, the report's source). Arguments are added to `errscope report` (--vendor, --tz).
# ERRSCOPE names the binary (default: ./errscope when shipped with -files, else errscope).
set -eu
: "${mapreduce_task_partition:?not run by Hadoop Streaming: mapreduce_task_partition is unset}"
: "${mapreduce_job_maps:?not run by Hadoop Streaming: mapreduce_job_maps is unset}"
if [ -z "${ERRSCOPE:-}" ]; then
  if [ -x ./errscope ]; then ERRSCOPE=./errscope; else ERRSCOPE=errscope; fi
fi
exec "$ERRSCOPE" report --format json --source "${mapreduce_map_input_file:-hadoop}" \
  --shard "$((mapreduce_task_partition + 1))/$mapreduce_job_maps" "$@" -
