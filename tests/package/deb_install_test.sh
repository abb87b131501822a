#!/usr/bin/env bash
# The .deb, installed on this machine as a user would: `cpack -G DEB` in BUILD_DIR, then
# `apt-get install ./errscope_*.deb` (which also installs the Depends dpkg-shlibdeps computed),
# then the installed errscope on the PATH, its man page, its bash completion; and the package
# removed again. Needs root (CI runs it as root, after the release build's tests); it changes
# the machine, so it is not a CTest test.
#   tests/package/deb_install_test.sh BUILD_DIR
set -uo pipefail
build=$(realpath "$1")
source=$(cd "$(dirname "$0")/../.." && pwd)
failures=0
passes=0
pass() { echo "ok: $*"; passes=$((passes + 1)); }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
check() { local name=$1; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "$(id -u)" != 0 ]; then
  echo "deb_install_test.sh: run as root (it installs and removes the package errscope)" >&2
  exit 2
fi
if dpkg -s errscope >/dev/null 2>&1; then
  echo "deb_install_test.sh: the package errscope is installed already; remove it first" >&2
  exit 2
fi

# run_logged NAME LOG COMMAND...: checks that COMMAND succeeds, its output in LOG, shown on failure.
run_logged() {
  local name=$1 log=$2; shift 2
  if "$@" >"$log" 2>&1; then pass "$name"; else fail "$name"; cat "$log"; fi
}

rm -f "$build"/errscope_*.deb
run_logged "cpack -G DEB succeeds" "$work/cpack.log" bash -c 'cd "$0" && cpack -G DEB' "$build"
debs=("$build"/errscope_*_*.deb)
check "one package errscope_<version>_<arch>.deb: ${debs[*]##*/}" \
  test "${#debs[@]}" = 1 -a -f "${debs[0]}"
deb=${debs[0]}

depends=$(dpkg-deb --field "$deb" Depends)
echo "Depends: $depends"
# The package names alone, one a line (libc6 (>= 2.34) -> libc6).
depends_names=$(sed 's/ *([^)]*)//g; s/, */\n/g' <<<"$depends")
for lib in libc6 libstdc++6 libre2-9 libsimdjson14 libzstd1 liblzma5 libbz2-1.0; do
  check "Depends names $lib" grep -qxF "$lib" <<<"$depends_names"
done
# gzip goes through ISA-L (libisal2) when the build found it, else through zlib (zlib1g).
check "Depends names libisal2 or zlib1g" grep -qxE "libisal2|zlib1g" <<<"$depends_names"
check "Section utils" test "$(dpkg-deb --field "$deb" Section)" = utils

export DEBIAN_FRONTEND=noninteractive
run_logged "apt-get install ./errscope_*.deb succeeds" "$work/apt.log" apt-get install -y "$deb"

check "errscope on the PATH is /usr/bin/errscope" test "$(command -v errscope)" = /usr/bin/errscope
errscope --color never "$source/testdata/fixtures/sample/app.log" >"$work/scan.txt"
check "the installed errscope annotates the sample log" \
  grep -q '⟨backmsg BackMsg_' "$work/scan.txt"
errscope report --format json "$source/testdata/fixtures/sample/app.log" >"$work/report.json"
check "the installed errscope writes a report with matches" jq -e '.matches > 0' "$work/report.json" >/dev/null

# The man page. Debian's slim Docker images exclude /usr/share/man from every package they
# install (a path-exclude line in /etc/dpkg/dpkg.cfg.d/); there dpkg drops the page, and `man
# errscope` cannot find it through no fault of the package. Then the page is checked in the .deb
# itself (extracted, read with man -l) and the exclusion is named.
page=/usr/share/man/man1/errscope.1.gz
check "the package holds $page" bash -c 'dpkg-deb -c "$0" | grep -q " \.$1\$"' "$deb" "$page"
if grep -qsE '^path-exclude[= ] */usr/share/man' /etc/dpkg/dpkg.cfg /etc/dpkg/dpkg.cfg.d/*; then
  echo "note: dpkg excludes /usr/share/man on this machine (path-exclude in /etc/dpkg/);" \
    "the man page is read from the .deb instead"
  dpkg-deb -x "$deb" "$work/root"
  check "the packaged page renders (man -l)" \
    bash -c 'man -l "$0" 2>/dev/null | grep -q errscope' "$work/root$page"
else
  check "man errscope shows the installed page" \
    bash -c 'man errscope 2>/dev/null | grep -q "spot vendor return codes"'
  check "man -w errscope finds $page" test "$(man -w errscope 2>/dev/null)" = "$page"
fi

# bash completion: bash-completion loads /usr/share/bash-completion/completions/errscope on the
# first TAB after `errscope` (its _completion_loader), as in an interactive shell.
completion=$(bash -c '
  source /usr/share/bash-completion/bash_completion
  _completion_loader errscope
  complete -p errscope >/dev/null || exit 1
  COMP_WORDS=(errscope report --format ""); COMP_CWORD=3
  COMP_LINE="errscope report --format "; COMP_POINT=${#COMP_LINE}
  _errscope errscope "" --format
  printf "%s\n" "${COMPREPLY[@]}"' </dev/null)
check "bash-completion loads the installed completion: report --format <TAB> offers html" \
  grep -qx html <<<"$completion"
check "the zsh and fish completions are installed" \
  test -f /usr/share/zsh/vendor-completions/_errscope \
  -a -f /usr/share/fish/vendor_completions.d/errscope.fish

run_logged "apt-get remove errscope succeeds" "$work/remove.log" apt-get remove -y errscope
check "errscope is gone from the PATH" test ! -e /usr/bin/errscope

echo "$passes passed, $failures failed"
[ "$failures" = 0 ]
