#!/usr/bin/env bash
# `cmake --install BUILD --prefix P` puts the binary, errscope(1) and the bash, zsh and fish
# completions where each tool looks under P, and the installed binary runs from there.
#   install_test.sh BUILD_DIR
set -u
source "$(dirname "$0")/e2e_lib.sh"
build=$1
prefix="$work/prefix"
if cmake --install "$build" --prefix "$prefix" > "$work/install.log" 2>&1; then
  pass "cmake --install --prefix succeeds"
else
  fail "cmake --install --prefix succeeds"; cat "$work/install.log"
fi
for file in bin/errscope share/man/man1/errscope.1.gz share/bash-completion/completions/errscope \
            share/zsh/vendor-completions/_errscope share/fish/vendor_completions.d/errscope.fish \
            share/doc/errscope/manual.md; do
  check "installs $file" test -s "$prefix/$file"
done
check "the installed binary is executable" test -x "$prefix/bin/errscope"
"$prefix/bin/errscope" --matches-only "$(dirname "$0")/../../testdata/fixtures/sample/app.log" \
  > "$work/scan.txt" 2>&1
check "the installed binary annotates the sample log" grep -q '⟨backmsg BackMsg_04' "$work/scan.txt"
check "the installed man page is errscope(1)" bash -c \
  'gzip -dc "$0" | grep -q "^\.TH \"\{0,1\}ERRSCOPE\"\{0,1\} \"\{0,1\}1"' "$prefix/share/man/man1/errscope.1.gz"
finish
