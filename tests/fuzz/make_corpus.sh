#!/usr/bin/env bash
# make_corpus.sh SOURCE_DIR CORPUS_DIR: seeds CORPUS_DIR/<target>/ for every fuzz target from the
# committed seeds (tests/fuzz/seeds/<target>/) and from testdata/, cut into small inputs with the
# option bytes each target reads first. Idempotent; the corpora are not committed (fuzzing adds to
# them).
set -euo pipefail
src=${1:?usage: make_corpus.sh SOURCE_DIR CORPUS_DIR}
out=${2:?usage: make_corpus.sh SOURCE_DIR CORPUS_DIR}
testdata=$src/testdata
seeds=$src/tests/fuzz/seeds

for target in scan patterns time report_json decode; do
  mkdir -p "$out/$target"
  if [[ -d $seeds/$target ]]; then cp -f "$seeds/$target"/* "$out/$target"/; fi
done

# prefixed OUT PREFIX FILE: FILE's bytes after PREFIX (printf escapes).
prefixed() { { printf "$2"; cat "$3"; } > "$1"; }

# Logs: the scanner gets pieces of at most 4 KiB cut at line ends (all vendors, auto bucket, parts
# of 64 bytes); the timestamp finder gets single lines.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mapfile -t logs < <(find "$testdata" -type f \( -name '*.log' -o -name '*.txt' -o -name stdin \) | sort)
n=0
for log in "${logs[@]}"; do
  split -C 4096 -a 4 "$log" "$tmp/piece."
  for piece in "$tmp"/piece.*; do
    prefixed "$out/scan/testdata_$n" '\000\077' "$piece"
    n=$((n + 1))
    [[ $n -ge 200 ]] && break
  done
  rm -f "$tmp"/piece.*
done
n=0
for log in "${logs[@]}"; do
  while IFS= read -r line && [[ $n -lt 300 ]]; do
    printf '\000%s' "$line" > "$out/time/testdata_$n"
    n=$((n + 1))
  done < <(awk 'NR % 7 == 1' "$log" | cut -c1-200)
done

# Pattern files: the built-ins, the user and the refused ones of the golden tests.
for file in "$src"/patterns/*.json $(find "$testdata" -name '*.json' ! -path '*/merge_*' \
                                       ! -path '*baseline*' ! -path '*/fixtures/reports/*' | sort); do
  name=$(echo "${file#$src/}" | tr '/' '_')
  cp -f "$file" "$out/patterns/$name"
done

# Reports: the JSON reports of the golden tests (inputs and outputs).
for file in $(grep -l '"schema":"errscope.report/1"' -r "$testdata" | sort); do
  name=$(echo "${file#$src/}" | tr '/' '_')
  cp -f "$file" "$out/report_json/$name"
done

# Compressed inputs: pieces of 64 bytes fed, 1 KiB of output at a time.
for file in $(find "$testdata" -type f \( -name '*.gz' -o -name '*.zst' -o -name '*.xz' -o -name '*.bz2' \) | sort); do
  name=$(echo "${file#$src/}" | tr '/' '_')
  prefixed "$out/decode/$name" '\077\077' "$file"
done

for target in scan patterns time report_json decode; do
  echo "corpus/$target: $(find "$out/$target" -type f | wc -l) inputs"
done
