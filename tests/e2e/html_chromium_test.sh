#!/usr/bin/env bash
# The HTML report in a real browser: Debian's headless Chromium loads the report of the realistic
# corpus; its DOM has the sections' headings and bars in both top-codes charts, errors first; a
# screenshot of the page exists, has the window's size and is not blank. No chromium is a failure
# (CI installs it). ERRSCOPE_KEEP_SCREENSHOT=FILE keeps the screenshot for a person to look at.
#   html_chromium_test.sh path/to/errscope
set -uo pipefail
errscope=$(realpath "${1:?usage: $0 path/to/errscope}")
testdata=$(realpath "$(dirname "$0")/../../testdata")
source "$(dirname "$0")/e2e_lib.sh"
cd "$work" || exit 2

if ! browser=$(command -v chromium); then
  fail "chromium is installed (Debian package chromium)"
  finish
  exit
fi
# Headless, without the sandbox (it needs user namespaces a container may not give), a profile of
# its own in the work folder, and a time limit.
chromium_run() {
  timeout 90 "$browser" --headless --no-sandbox --disable-gpu \
    --user-data-dir="$(mktemp -d -p "$work")" "$@" 2>> chromium.err
}

"$errscope" report --format html "$testdata/fixtures/corpus/realistic.log" > report.html
check "errscope report --format html: exit 0" test "$?" = 0

chromium_run --dump-dom "file://$work/report.html" > dom.html
check "chromium loads the page (exit 0)" test "$?" = 0
contains() { grep -qF -- "$2" "$1"; }
for heading in 'errscope report' 'Timeline by vendor' 'Vendors' 'Top error codes' \
  'Top success codes' 'Codes'; do
  check "the page has the heading \"$heading\"" grep -qE "<h[12]>$heading( <|</)" dom.html
done
line_of() { grep -nF -- "$1" dom.html | head -1 | cut -d: -f1; }
errors_at=$(line_of '<h2>Top error codes</h2>')
successes_at=$(line_of '<h2>Top success codes</h2>')
check "errors are charted before successes" test "${errors_at:-0}" -lt "${successes_at:-0}"
# A section of the DOM from its opening tag to the end of the section.
section() { sed -n "/<section id=\"$1\"/,/<\/section>/p" dom.html; }
for chart in top-errors top-successes; do
  bars=$(section "$chart" | grep -o '<rect class="bar"' | wc -l)
  check "chart $chart has bars ($bars)" test "$bars" -ge 1
done
check "each code's row opens onto its details" contains dom.html '<details class="code">'
check "a code's hint is in its details" grep -qE '<dt>Hint</dt><dd>[^<]' dom.html
check "no script in the page" test "$(grep -ci '<script' dom.html)" = 0

chromium_run --screenshot="$work/page.png" --window-size=1280,2400 --hide-scrollbars \
  "file://$work/report.html" > /dev/null
check "chromium takes a screenshot (exit 0)" test "$?" = 0
check "the screenshot is a PNG" test "$(head -c 8 page.png 2> /dev/null | od -An -tx1 | tr -d ' ')" \
  = 89504e470d0a1a0a
# IHDR: width and height, big-endian, at bytes 16 and 20.
size=$(od -An -tu1 -j16 -N8 page.png 2> /dev/null | awk '{print $1*16777216+$2*65536+$3*256+$4 \
  "x" $5*16777216+$6*65536+$7*256+$8}')
check "the screenshot is 1280x2400 ($size)" test "$size" = 1280x2400
# A blank page of that size compresses to a few KiB; the charts and text take far more.
bytes=$(stat -c %s page.png 2> /dev/null || echo 0)
check "the screenshot is not blank ($bytes bytes)" test "$bytes" -gt 60000
if [ -n "${ERRSCOPE_KEEP_SCREENSHOT:-}" ]; then cp page.png "$ERRSCOPE_KEEP_SCREENSHOT"; fi
if [ "$failures" != 0 ] && [ -s chromium.err ]; then tail -20 chromium.err; fi
finish
