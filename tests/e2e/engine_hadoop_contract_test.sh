#!/usr/bin/env bash
# The Hadoop Streaming (and Spark) recipe's contract, run with shell pipes where no Hadoop is
# (doc/scale-out.md): the input cut into splits as TextInputFormat cuts it, the mapper
# contrib/hadoop/errscope_streaming_mapper.sh run per split with the variables Hadoop exports
# (mapreduce_task_partition, mapreduce_job_maps, mapreduce_map_input_file), the map outputs
# sorted as the shuffle sorts the keys, fed to the reducer `errscope merge --format json -` as
# streaming feeds it ("key<TAB>value" lines, the value empty), and the job's output read back by
# `errscope merge`. It equals the single-process report; a lost map output is refused.
#   engine_hadoop_contract_test.sh ERRSCOPE CORPUS_GEN
set -uo pipefail
errscope=$(realpath "${1:?usage: $0 ERRSCOPE CORPUS_GEN}")
corpus_gen=${2:?usage: $0 ERRSCOPE CORPUS_GEN}
source "$(dirname "$0")/e2e_lib.sh"
source "$(dirname "$0")/engine_lib.sh"
root=$(realpath "$(dirname "$0")/../..")
mapper=$root/contrib/hadoop/errscope_streaming_mapper.sh

# The job's input: a generated corpus and the realistic fixture, cut into 1 MiB splits, and a
# .gz, which Hadoop decompresses and never cuts. TextInputFormat ends lines at \n, \r\n or \r
# and drops the ending; the corpus is made with \n only so that the bytes compare too.
"$corpus_gen" "$work/gen.log" --mib 5 --code-percent 20 --seed 29 > /dev/null || exit 1
tr -d '\r' < "$work/gen.log" > "$work/app.log"
cp "$root/testdata/fixtures/corpus/realistic.log" "$work/realistic.log"
gzip -c "$root/testdata/fixtures/sample/app.log" > "$work/sample.log.gz"
inputs=("$work/app.log" "$work/realistic.log" "$work/sample.log.gz")

# hadoop_splits FILE BYTES PREFIX: writes the lines of each split of FILE to PREFIX.0, .1, …
# and prints how many. LineRecordReader's rule: split [s, e) skips its first line unless s is
# 0 and reads every line that starts at or before e, so each line is read once.
hadoop_splits() {
  /usr/bin/python3 - "$@" <<'EOF'
import sys
path, size, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3]
data = open(path, "rb").read()
count = max(1, -(-len(data) // size))
def after_newline(position):
    found = data.find(b"\n", position)
    return len(data) if found < 0 else found + 1
for index in range(count):
    start, end = index * size, min((index + 1) * size, len(data))
    begin = 0 if start == 0 else after_newline(start)
    stop = len(data) if end >= len(data) else after_newline(end)
    with open(f"{prefix}.{index}", "wb") as out:
        out.write(data[begin:stop] if begin < stop else b"")
print(count)
EOF
}
mkdir -p "$work/splits" "$work/maps"
splits=()   # "FILE SPLIT" per map task, in the order of mapreduce_task_partition
for file in "${inputs[@]}"; do
  name=$(basename "$file")
  case $file in
    *.gz) gzip -dc "$file" > "$work/splits/$name.0"; count=1 ;;
    *) count=$(hadoop_splits "$file" 1048576 "$work/splits/$name") ;;
  esac
  for ((i = 0; i < count; i++)); do splits+=("$file $work/splits/$name.$i"); done
done
maps=${#splits[@]}
# Every line of each file is in exactly one split.
for file in "${inputs[@]}"; do
  name=$(basename "$file")
  if cmp -s <(cat "$work/splits/$name".* 2> /dev/null | wc -c) \
    <(case $file in *.gz) gzip -dc "$file" ;; *) cat "$file" ;; esac | wc -c); then
    pass "the splits of $name hold its bytes once"
  else
    fail "the splits of $name do not add up to it"
  fi
done

# The map tasks: the mapper with Hadoop's variables, one report line each.
status=0
for ((i = 0; i < maps; i++)); do
  read -r file split <<< "${splits[i]}"
  env mapreduce_task_partition="$i" mapreduce_job_maps="$maps" mapreduce_map_input_file="$file" \
    ERRSCOPE="$errscope" "$mapper" < "$split" > "$work/maps/part-m-$(printf %05d "$i")" \
    2> "$work/maps/err-$i" || status=$?
done
if [ "$status" = 0 ] && [ "$(cat "$work/maps"/part-m-* | wc -l)" = "$maps" ]; then
  pass "$maps map tasks, a report line each"
else
  fail "map tasks: status $status, $(cat "$work/maps"/part-m-* | wc -l) lines for $maps maps:" \
       "$(cat "$work/maps"/err-* | head -c 300)"
fi

# reduce MAP_OUTPUTS...: the shuffle (a line is all key: no tab in compact JSON; keys sorted
# bytewise) and the one reducer, fed "key<TAB>" lines; its output as TextOutputFormat writes it
# (key, tab, the empty value).
reduce() {
  cat "$@" | LC_ALL=C sort | sed 's/$/\t/' | "$errscope" merge --format json - | sed 's/$/\t/'
}
if ! grep -q "$(printf '\t')" "$work/maps"/part-m-*; then
  pass "no tab in the map output: each report is a key, whole"
else
  fail "a tab in the map output would cut a report into key and value"
fi
reduce "$work/maps"/part-m-* > "$work/part-r-00000" 2> "$work/reduce.err" ||
  fail "the reducer: $(head -c 300 "$work/reduce.err")"
# The job's output, read back (hdfs dfs -cat … | errscope merge --format … -).
"$errscope" merge --format json - < "$work/part-r-00000" > "$work/job.json" 2> "$work/read.err" ||
  fail "reading the job's output: $(head -c 300 "$work/read.err")"
"$errscope" report --format json "${inputs[@]}" > "$work/single.json"
same_report "the job's output equals the report of the files ($maps splits)" blocks \
  "$work/job.json" "$work/single.json"

# A map output lost (mapreduce.map.failures.maxpercent lets a job succeed without some maps):
# the reducer names the missing shard and writes nothing.
lost=$(printf %05d 2)
refuses "a lost map output" "missing shard 3 of $maps" \
  reduce $(ls "$work/maps"/part-m-* | grep -v "part-m-$lost")
# Outside Hadoop the mapper refuses rather than guess its shard.
if ERRSCOPE="$errscope" "$mapper" < /dev/null > "$work/outside.out" 2> "$work/outside.err"; then
  fail "the mapper ran without Hadoop's variables"
elif grep -q 'mapreduce_task_partition' "$work/outside.err" && [ ! -s "$work/outside.out" ]; then
  pass "the mapper outside Hadoop: $(head -1 "$work/outside.err")"
else
  fail "the mapper outside Hadoop: $(head -c 200 "$work/outside.err")"
fi
finish
