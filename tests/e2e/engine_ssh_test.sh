#!/usr/bin/env bash
# GNU parallel over ssh, many hosts (README, "Beyond one machine"; doc/scale-out.md): an OpenSSH
# server on 127.0.0.1 only, at a free port, with host and user keys made in the work folder, used
# as two "hosts" (two Host aliases of one ssh_config; each sends its name in ERRSCOPE_HOST, which
# the remote command reads as a real host's $(hostname), to read its own log folder).
# `parallel --nonall -S alpha,beta … errscope report --source … | errscope merge
# --expect-sources alpha,beta -` equals the merge of the same reports made locally, and has the
# totals and codes of one report over every file; a host refused (a port nothing listens on)
# makes the merge name it and exit 2, writing nothing. The server is stopped at exit.
#   engine_ssh_test.sh ERRSCOPE
set -uo pipefail
errscope=$(realpath "${1:?usage: $0 ERRSCOPE}")
source "$(dirname "$0")/e2e_lib.sh"
source "$(dirname "$0")/engine_lib.sh"
fixtures=$(realpath "$(dirname "$0")/../../testdata/fixtures")
for tool in parallel ssh ssh-keygen /usr/sbin/sshd /usr/bin/python3; do
  command -v "$tool" > /dev/null ||
    { fail "$tool is not installed (.ci/packages.txt)"; finish; exit; }
done
export HOME="$work/home" && mkdir -p "$HOME/.parallel" && touch "$HOME/.parallel/will-cite"

# Each host's log folder.
mkdir -p "$work/hosts/alpha" "$work/hosts/beta"
cp "$fixtures/sample/app.log" "$work/hosts/alpha/app.log"
gzip -c "$fixtures/grep/a.log" > "$work/hosts/alpha/app.log.1.gz"
cp "$fixtures/corpus/realistic.log" "$work/hosts/beta/app.log"
cp "$fixtures/compressed/app.log.xz" "$work/hosts/beta/sms.log.xz"

# The server: keys, a config for 127.0.0.1 only; root may log in with a key (CI runs as root).
ssh_dir=$work/ssh
mkdir -p "$ssh_dir" && chmod 700 "$ssh_dir"
ssh-keygen -q -t ed25519 -N '' -C errscope-test-host -f "$ssh_dir/host_key" || exit 1
ssh-keygen -q -t ed25519 -N '' -C errscope-test-user -f "$ssh_dir/user_key" || exit 1
cp "$ssh_dir/user_key.pub" "$ssh_dir/authorized_keys"
# sshd run as root wants its privilege separation folder, which Debian's unit makes at boot.
made_privsep=""
if [ "$(id -u)" = 0 ] && [ ! -d /run/sshd ]; then
  mkdir -m 755 /run/sshd && made_privsep=1
fi
sshd_pid=""
stop_sshd() {
  if [ -n "$sshd_pid" ]; then
    kill "$sshd_pid" 2> /dev/null
    wait "$sshd_pid" 2> /dev/null
    sshd_pid=""
  fi
  [ -n "$made_privsep" ] && rmdir /run/sshd 2> /dev/null
  made_privsep=""
}
# e2e_lib.sh's cleanup, after the server is down.
trap 'stop_sshd; kill $(jobs -p) 2>/dev/null; chmod -R u+rwx "$work" 2>/dev/null
      rm -rf "$work"' EXIT

free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}
write_configs() {  # write_configs PORT
  cat > "$ssh_dir/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $1
HostKey $ssh_dir/host_key
PidFile $ssh_dir/sshd.pid
AuthorizedKeysFile $ssh_dir/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
AcceptEnv ERRSCOPE_HOST
EOF
  echo "[127.0.0.1]:$1 $(cut -d' ' -f1,2 "$ssh_dir/host_key.pub")" > "$ssh_dir/known_hosts"
  # gamma is a host that refuses: port 1, where nothing listens.
  cat > "$ssh_dir/ssh_config" <<EOF
Host alpha
  SetEnv ERRSCOPE_HOST=alpha
Host beta
  SetEnv ERRSCOPE_HOST=beta
Host gamma
  SetEnv ERRSCOPE_HOST=gamma
  Port 1
Host *
  HostName 127.0.0.1
  Port $1
  User $(id -un)
  IdentityFile $ssh_dir/user_key
  IdentitiesOnly yes
  BatchMode yes
  ConnectTimeout 10
  UserKnownHostsFile $ssh_dir/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
EOF
}
# A free port can be taken between the check and sshd's bind: a few tries.
for attempt in 1 2 3 4 5; do
  port=$(free_port)
  write_configs "$port"
  /usr/sbin/sshd -D -e -f "$ssh_dir/sshd_config" 2> "$ssh_dir/sshd.log" &
  sshd_pid=$!
  for _ in $(seq 50); do
    grep -q "Server listening" "$ssh_dir/sshd.log" && break
    kill -0 "$sshd_pid" 2> /dev/null || break
    sleep 0.1
  done
  grep -q "Server listening" "$ssh_dir/sshd.log" && break
  wait "$sshd_pid" 2> /dev/null
  sshd_pid=""
done
if [ -z "$sshd_pid" ]; then
  fail "sshd did not start: $(head -c 400 "$ssh_dir/sshd.log")"
  finish
  exit
fi
ssh_cmd="ssh -F $ssh_dir/ssh_config"
if [ "$($ssh_cmd alpha 'echo "$ERRSCOPE_HOST"' 2> "$work/ssh.err")" = alpha ]; then
  pass "sshd on 127.0.0.1:$port, a key login as $(id -un)"
else
  fail "ssh to 127.0.0.1:$port: $(head -c 300 "$work/ssh.err");" \
       "sshd: $(tail -c 300 "$ssh_dir/sshd.log")"
fi

# The recipe, as the README has it, with the test's stand-ins: the built errscope by its path,
# each host's folder under $work/hosts, and $ERRSCOPE_HOST for $(hostname). --env carries the
# test's settings (no config file, a fixed `generated`) into the remote command.
remote="$errscope report --format json --source \"\$ERRSCOPE_HOST\""
remote+=" $work/hosts/\"\$ERRSCOPE_HOST\"/*"
run_hosts() {  # run_hosts HOST,HOST,...: the reports of the hosts on stdout, one a line
  parallel --ssh "$ssh_cmd" --nonall -S "$1" \
    --env ERRSCOPE_CONFIG_PATH --env XDG_CONFIG_HOME --env ERRSCOPE_SYSTEM_PATTERNS_DIR \
    --env SOURCE_DATE_EPOCH "$remote"
}
run_hosts alpha,beta > "$work/remote.ndjson" 2> "$work/remote.err"
status=$?
if [ "$status" = 0 ] && [ "$(wc -l < "$work/remote.ndjson")" = 2 ] &&
  [ "$(jq -r '.sources[].source' "$work/remote.ndjson" | sort | paste -sd,)" = alpha,beta ]; then
  pass "parallel --nonall -S alpha,beta: one report a line, sources alpha and beta"
else
  fail "parallel --nonall: status $status, $(wc -l < "$work/remote.ndjson") lines," \
       "$(head -c 300 "$work/remote.err")"
fi
"$errscope" merge --expect-sources alpha,beta --format json - < "$work/remote.ndjson" \
  > "$work/merged.json" 2> "$work/merge.err" || fail "merge: $(head -c 300 "$work/merge.err")"

# What the hosts should have said: the same reports made here, merged here.
for host in alpha beta; do
  "$errscope" report --format json --source "$host" "$work/hosts/$host"/* > "$work/local-$host.json"
done
"$errscope" merge --format json "$work/local-alpha.json" "$work/local-beta.json" \
  > "$work/local.json"
same_report "the merge of the hosts' reports equals that of the same reports made locally" files \
  "$work/merged.json" "$work/local.json"
# And one process over every file (each file its own source): the same totals, times, vendors,
# codes (count, outcome, times, timeline) and inputs (file, bytes, lines).
"$errscope" report --format json "$work"/hosts/*/* > "$work/single.json"
whole() {
  jq -S '{lines, matched_lines, matches, errors, time, vendors,
          codes: [.codes[] | del(.sources, .example)],
          inputs: [.inputs[] | del(.source)] | sort_by(.file)}' "$1"
}
if [ -s "$work/merged.json" ] &&
  cmp -s <(whole "$work/merged.json") <(whole "$work/single.json"); then
  pass "totals, times and codes equal one report over all the files" \
       "($(jq .matches "$work/single.json") codes)"
else
  fail "totals, times or codes differ from one report over all the files"
  diff <(whole "$work/merged.json") <(whole "$work/single.json") | head -20
fi

# A host that refuses: parallel says so and exits non-zero; the merge of what came back names
# the missing host and refuses (a partial total never passes for the whole).
run_hosts alpha,gamma,beta > "$work/partial.ndjson" 2> "$work/partial.err"
status=$?
if [ "$status" != 0 ] && grep -q 'port 1: Connection refused' "$work/partial.err" &&
  [ "$(wc -l < "$work/partial.ndjson")" = 2 ]; then
  pass "gamma refused: parallel exits $status, two reports came back"
else
  fail "gamma refused: parallel exits $status, $(wc -l < "$work/partial.ndjson") reports," \
       "$(head -c 300 "$work/partial.err")"
fi
refuses "the merge names the refused host" "gamma" \
  "$errscope" merge --expect-sources alpha,beta,gamma --format json - < "$work/partial.ndjson"
stop_sshd
finish
