#!/bin/sh
# Browser test of the HTML brief: render the brief of scenarios/fcw.cfg in
# headless Chromium and check that the six charts are in the rendered DOM,
# that data-p50/data-p80 on the root carry the JSON brief's target and
# commitment digit for digit, that the browser reports nothing on its console
# (the page has no script, so any console line is the browser complaining,
# e.g. about an SVG attribute it cannot parse), that the page references
# nothing outside itself, and that it prints on A4. Leaves build/brief.html,
# build/brief.json, build/brief.png (a 1240x1754 screenshot) and
# build/brief.pdf behind.
#
# Installs nothing: needs Chromium at $CHROMIUM (default /usr/bin/chromium,
# Debian's 'chromium' package; .ci/deps.sh installs it in CI). No network.
# usage: tests/browser/check.sh [build/pushback]
cd "$(dirname "$0")/../.." || exit 2
PB=${1:-build/pushback}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
OUT=build
N=20000
SEED=1
NAME=browser
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/browser/lib.sh
need_tools

# 1. the brief, as HTML and as JSON, from the same seed and iterations
if "$PB" brief scenarios/fcw.cfg -n $N --seed $SEED --format html -o "$OUT/brief.html" \
    2>"$tmp/pb.err" && [ -s "$OUT/brief.html" ]; then ok; else
    bad "pushback brief --format html: $(head -c 300 "$tmp/pb.err")"
    finish
fi
if "$PB" brief scenarios/fcw.cfg -n $N --seed $SEED --format json -o "$OUT/brief.json" \
    2>"$tmp/pb.err" && [ -s "$OUT/brief.json" ]; then ok; else
    bad "pushback brief --format json: $(head -c 300 "$tmp/pb.err")"
    finish
fi
page="file://$(pwd)/$OUT/brief.html"

# 2. the DOM as Chromium rendered it
chrome --dump-dom "$page" >"$tmp/dom.html" 2>"$tmp/dom.log"
if [ -s "$tmp/dom.html" ] && grep -q '</html>' "$tmp/dom.html"; then ok; else
    bad "chromium --dump-dom gave no page: $(grep -v dbus "$tmp/dom.log" | head -c 300)"
    finish
fi

# 3. every chart is an <svg> in the DOM with something drawn in it
for chart in s-curve histogram tornado options timeline budget; do
    n=$(awk -v name="$chart" '
        index($0, "<svg") && index($0, "data-chart=\"" name "\"") { on = 1 }
        on && /<(polyline|rect|line) / { drawn++ }
        on && index($0, "</svg>") { on = 0 }
        END { print drawn + 0 }' "$tmp/dom.html")
    if [ "$n" -gt 0 ]; then ok; else bad "chart '$chart' missing or empty in the rendered DOM"; fi
done

# 4. P50 and P80 on the root, with the JSON brief's digits
json_value() {
    awk -v key="\"$1\": {" 'index($0, key) { on = 1 }
        on && /"value":/ { sub(/.*"value": */, ""); sub(/[,}].*/, ""); print; exit }' \
        "$OUT/brief.json"
}
root_attr() {
    sed -n "s/.*<html[^>]* $1=\"\\([^\"]*\\)\".*/\\1/p" "$tmp/dom.html" | head -n 1
}
for pair in "data-p50 target" "data-p80 commitment"; do
    attr=${pair% *}
    key=${pair#* }
    want=$(json_value "$key")
    got=$(root_attr "$attr")
    if [ -n "$want" ] && [ "$got" = "$want" ]; then ok; else
        bad "$attr is '$got', the JSON's $key is '$want'"
    fi
done

# 5. nothing non-finite and nothing fetched from outside the page
if grep -Eq '"-?nan"|"-?inf"|NaN|Infinity' "$tmp/dom.html"; then
    bad "a NaN or infinity in the page: $(grep -Eo '.{0,40}("-?nan"|"-?inf"|NaN|Infinity)' "$tmp/dom.html" | head -n 1)"
else ok; fi
if grep -Eo '(src|href)="[^"]*"|url\([^)]*\)' "$tmp/dom.html" | grep -Ev '"(data:|#)' | grep -q .; then
    bad "the page references something outside itself: $(grep -Eo '(src|href)="[^"]*"|url\([^)]*\)' "$tmp/dom.html" | grep -Ev '"(data:|#)' | head -n 3 | tr '\n' ' ')"
else ok; fi

# 6. a screenshot of the first A4-shaped screen
rm -f "$OUT/brief.png"
chrome --hide-scrollbars --window-size=1240,1754 --screenshot="$(pwd)/$OUT/brief.png" "$page" \
    >/dev/null 2>"$tmp/shot.log"
if [ -s "$OUT/brief.png" ] && [ "$(head -c 4 "$OUT/brief.png" | tail -c 3)" = "PNG" ]; then ok; else
    bad "no screenshot: $(grep -v dbus "$tmp/shot.log" | head -c 300)"
fi

# 7. printed, every page is A4 (595 x 842 points)
rm -f "$OUT/brief.pdf"
chrome --no-pdf-header-footer --print-to-pdf="$(pwd)/$OUT/brief.pdf" "$page" \
    >/dev/null 2>"$tmp/pdf.log"
n=$(pages "$OUT/brief.pdf")
other=$(not_a4 "$OUT/brief.pdf")
if [ "$n" -gt 0 ] && [ "$other" = 0 ]; then ok; else
    bad "print: $n pages, $other of them not A4: $(grep -v dbus "$tmp/pdf.log" | head -c 300)"
fi

# 8. the browser said nothing on the console in any of the runs
if grep -h 'CONSOLE' "$tmp/dom.log" "$tmp/shot.log" "$tmp/pdf.log" >"$tmp/console"; then
    bad "console: $(head -n 3 "$tmp/console")"
else ok; fi

finish
