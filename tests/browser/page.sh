#!/bin/sh
# Browser test of the proposal page (brief --for manager -f html): for each
# bundled scenario, render it in headless Chromium, print the proposal alone
# (the page up to the charts' marker, data-charts="after-page") to PDF and
# check that it is exactly one A4 page; print the whole page and check that
# the charts follow on later pages and every page is A4. The check must be
# able to fail: a copy of fcw.cfg with a proposal idea forty sentences long
# must print on more than one page. Leaves build/page-NAME.html, .pdf and
# .png (a 1240x1754 screenshot of the first A4-shaped screen) behind.
#
# Installs nothing: needs Chromium at $CHROMIUM (default /usr/bin/chromium)
# and python3. No network.
# usage: tests/browser/page.sh [build/pushback]
cd "$(dirname "$0")/../.." || exit 2
PB=${1:-build/pushback}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
OUT=build
N=4096
NAME="browser page"
tmp=$(cd "$(mktemp -d)" && pwd) # absolute: pages are opened as file:// URLs
trap 'rm -rf "$tmp"' EXIT
. tests/browser/lib.sh
need_tools

# proposal_only IN OUT: the page with everything from the charts' marker on cut off
proposal_only() {
    python3 - "$1" "$2" <<'PY'
import sys
html = open(sys.argv[1], encoding="utf-8").read()
cut = html.find('<section id="charts" data-charts="after-page">')
if cut < 0:
    sys.exit("no charts marker")
open(sys.argv[2], "w", encoding="utf-8").write(html[:cut] + "</main>\n</body>\n</html>\n")
PY
}

# one_page NAME SCENARIO: 0 when the proposal of SCENARIO prints on one A4 page
one_page() {
    name=$1
    html="$OUT/page-$name.html"
    if ! "$PB" brief "$2" --for manager -n $N -t 2 -f html -o "$html" --force 2>"$tmp/pb.err"; then
        echo "pushback: $(head -c 300 "$tmp/pb.err")"
        return 2
    fi
    proposal_only "$html" "$tmp/$name-only.html" || return 2
    chrome --no-pdf-header-footer --print-to-pdf="$tmp/$name-only.pdf" \
        "file://$tmp/$name-only.html" >/dev/null 2>"$tmp/pdf.log"
    n=$(pages "$tmp/$name-only.pdf")
    echo "$n"
    [ "$n" = 1 ]
}

for s in scenarios/*.cfg; do
    name=$(basename "$s" .cfg)
    n=$(one_page "$name" "$s")
    if [ "$n" = 1 ]; then ok; else bad "$name: the proposal prints on $n pages, not one A4 page"; fi
    # the whole page: the charts after the proposal, every page A4
    full="$(pwd)/$OUT/page-$name.pdf"
    rm -f "$full"
    chrome --no-pdf-header-footer --print-to-pdf="$full" "file://$(pwd)/$OUT/page-$name.html" \
        >/dev/null 2>"$tmp/full.log"
    total=$(pages "$full")
    if [ "$total" -gt 1 ] && [ "$(not_a4 "$full")" = 0 ]; then ok; else
        bad "$name: the whole page prints on $total pages, $(not_a4 "$full") not A4"
    fi
    if grep -h 'CONSOLE' "$tmp/pdf.log" "$tmp/full.log" >"$tmp/console"; then
        bad "$name: console: $(head -n 3 "$tmp/console")"
    else ok; fi
    rm -f "$OUT/page-$name.png"
    chrome --hide-scrollbars --window-size=1240,1754 \
        --screenshot="$(pwd)/$OUT/page-$name.png" "file://$(pwd)/$OUT/page-$name.html" \
        >/dev/null 2>&1
    [ -s "$OUT/page-$name.png" ] && ok || bad "$name: no screenshot"
done

# the check can fail: an idea forty sentences long does not fit
long="The warning must reach the driver two seconds before a likely rear-end collision."
idea=""
for _ in $(seq 40); do idea="$idea $long"; done
sed "s|^  idea = .*|  idea = \"$idea\";|" scenarios/fcw.cfg >"$tmp/long.cfg"
grep -q "$long $long" "$tmp/long.cfg" || bad "the long scenario was not made (no 'idea' line in fcw.cfg)"
n=$(one_page long "$tmp/long.cfg")
if [ "$n" -gt 1 ] 2>/dev/null; then ok; else bad "a proposal far too long printed on '$n' pages"; fi
rm -f "$OUT/page-long.html"

finish
