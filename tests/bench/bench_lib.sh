# Sourced by the benchmark scripts after their rounds: throughput and ratios of the commands
# timed. Reads `labels` (each command's name), `best` (its best time in ns), `all` (its times,
# one per round, space-separated), `count` and `bytes` (the bytes each command processed).

# mbps NS: `bytes` in NS nanoseconds, as MB/s.
mbps() { awk -v b="$bytes" -v ns="$1" 'BEGIN { printf "%.0f", b / (ns / 1e9) / 1e6 }'; }

# index_of LABEL: the index of the command named LABEL, -1 when there is none.
index_of() {
  local i
  for ((i = 0; i < count; i++)); do [ "${labels[i]}" = "$1" ] && { echo "$i"; return; }; done
  echo -1
}

# ratio A B [TARGET]: how many times faster A is than B (B's time / A's time): first the median
# over the rounds of the ratio within a round (the two ran seconds apart, so the machine's drift
# from minute to minute cancels out), then the ratio of the best times (which can pair one
# command's lucky minute with the other's ordinary one); with TARGET, whether the median meets
# it. "-" when either command was not run.
ratio() {
  local a b
  a=$(index_of "$1")
  b=$(index_of "$2")
  if [ "$a" -lt 0 ] || [ "$b" -lt 0 ]; then echo "-"; return; fi
  awk -v a="${best[a]}" -v b="${best[b]}" -v as="${all[a]}" -v bs="${all[b]}" -v t="${3:-}" 'BEGIN {
    n = split(as, x, " "); split(bs, y, " ")
    for (i = 1; i <= n; i++) {
      r = y[i] / x[i]
      for (j = i - 1; j >= 1 && q[j] > r; j--) q[j + 1] = q[j]
      q[j + 1] = r
    }
    median = n % 2 ? q[(n + 1) / 2] : (q[n / 2] + q[n / 2 + 1]) / 2
    printf "%.2fx (median of the %d rounds; from the best times: %.2fx)", median, n, b / a
    if (t != "") printf " target >= %sx: %s", t, (median >= t + 0 ? "met" : "NOT met")
  }'
}
