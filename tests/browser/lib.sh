# Shared by the browser tests (check.sh, page.sh), sourced after they set
# PB, CHROMIUM, OUT, the label NAME their summary line starts with, and an
# absolute scratch directory $tmp: the pass/fail counters, the summary, the
# checks that Chromium and the pushback binary are there, and the headless
# Chromium launch with a throw-away profile. Sourced, not run.

pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
finish() {
    echo "$NAME: $pass passed, $fail failed"
    [ "$fail" = 0 ]
    exit $?
}

# need_tools: fail at once when Chromium or the pushback binary is missing
need_tools() {
    if [ ! -x "$CHROMIUM" ]; then
        bad "no Chromium at $CHROMIUM (apt-get install chromium)"
        finish
    fi
    if [ ! -x "$PB" ]; then
        bad "no pushback binary at $PB (run make)"
        finish
    fi
    mkdir -p "$OUT"
}

# chrome ARGS...: headless Chromium with a throw-away profile, logging to stderr
chrome() {
    profile=$(mktemp -d "$tmp/profile.XXXXXX")
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --enable-logging=stderr --v=0 "$@"
}

# pages FILE.pdf: how many pages; not_a4 FILE.pdf: how many are not A4 (595 x 842 points)
pages() {
    grep -ao 'MediaBox *\[[^]]*\]' "$1" 2>/dev/null | wc -l
}
not_a4() {
    grep -ao 'MediaBox *\[[^]]*\]' "$1" 2>/dev/null |
        grep -Ev '\[0 0 59[45]\.?[0-9]* 84[12]\.?[0-9]*\]' | wc -l
}
