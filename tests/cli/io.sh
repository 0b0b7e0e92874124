# CLI tests of outputs and the command line (sourced by tests/cli/run.sh, which
# defines PB, tmp, ok, bad and expect): -o onto special files, inputs, links
# and read-only files; signals; the Reproduce line run by bash; rehearse's
# input; escaping of hostile scenario text; '-' for standard input; help.

# io_same FILE1 FILE2 WHAT: the two files are byte-identical
io_same() { cmp -s "$1" "$2" && ok || bad "$3"; }

# bad_bytes FILE: a control character, DEL, C1 or invalid UTF-8 in FILE
bad_bytes() {
    python3 - "$1" <<'PYEOF'
import re, sys
data = open(sys.argv[1], "rb").read()
try:
    text = data.decode("utf-8")
except UnicodeDecodeError:
    sys.exit(0)
sys.exit(0 if re.search("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]", text) else 1)
PYEOF
}

# 1. special files are written in place, never replaced (item 4)
if [ "$(id -u)" = 0 ]; then
    expect 0 "$PB" simulate tests/data/small.cfg -n 1000 -o /dev/null
    [ -c /dev/null ] && ok || bad "-o /dev/null replaced the device"
    expect 1 "$PB" simulate tests/data/small.cfg -n 1000 -o /dev/full
    grep -q '/dev/full: cannot write: No space left on device' "$tmp/err" && ok || bad "-o /dev/full message: $(cat "$tmp/err")"
    [ -c /dev/full ] && ok || bad "-o /dev/full replaced the device"
    expect 1 "$PB" simulate tests/data/small.cfg -n 1000 -f json -o /dev/full
    [ -c /dev/full ] && ok || bad "-o /dev/full (json) replaced the device"
    expect 0 "$PB" simulate tests/data/small.cfg -n 1000 -o /dev/stdout
    [ -L /dev/stdout ] && ok || bad "-o /dev/stdout replaced the link"
    grep -q '^Finish' "$tmp/out" && ok || bad "-o /dev/stdout did not reach standard output"
fi
"$PB" simulate tests/data/small.cfg -n 1000 -o /dev/stdout | grep -q '^Finish' && ok || bad "-o /dev/stdout into a pipe"
echo header >"$tmp/append.txt"
"$PB" simulate tests/data/small.cfg -n 1000 -o /dev/stdout >>"$tmp/append.txt" 2>/dev/null
[ "$(head -1 "$tmp/append.txt")" = header ] && grep -q '^Finish' "$tmp/append.txt" && ok || bad "-o /dev/stdout replaced the file standard output appends to"
rm -f "$tmp/fifo" && mkfifo "$tmp/fifo"
cat "$tmp/fifo" >"$tmp/fifo.out" &
expect 0 "$PB" simulate tests/data/small.cfg -n 1000 -o "$tmp/fifo"
wait
[ -p "$tmp/fifo" ] && grep -q '^Finish' "$tmp/fifo.out" && ok || bad "-o FIFO: replaced or not written"
expect 1 "$PB" simulate tests/data/small.cfg -n 100 -o "$tmp"
grep -q 'is a directory' "$tmp/err" && ok || bad "-o onto a directory"

# 2. -o never overwrites an input; links, read-only files and modes (item 5)
mkdir "$tmp/io"
cp tests/data/small.cfg "$tmp/io/plan.cfg"
cp "$tmp/io/plan.cfg" "$tmp/io/orig.cfg"
ln -s plan.cfg "$tmp/io/sym.cfg"
ln "$tmp/io/plan.cfg" "$tmp/io/hard.cfg"
for t in plan.cfg sym.cfg hard.cfg ./plan.cfg; do
    expect 2 "$PB" simulate "$tmp/io/plan.cfg" -n 100 -o "$tmp/io/$t"
    grep -q 'is the scenario' "$tmp/err" && ok || bad "-o $t: message $(cat "$tmp/err")"
done
expect 2 "$PB" simulate - -n 100 -o "$tmp/io/plan.cfg" <"$tmp/io/plan.cfg"
expect 2 "$PB" simulate "$tmp/io/plan.cfg" -n 100 --samples "$tmp/io/sym.cfg" --force
expect 2 "$PB" simulate "$tmp/io/plan.cfg" -n 100 -o "$tmp/io/new.csv" --samples "$tmp/io/./new.csv"
[ ! -e "$tmp/io/new.csv" ] && ok || bad "-o and --samples on one new file wrote it"
cp scenarios/rulebooks/manager.cfg "$tmp/io/rules.cfg"
cp "$tmp/io/rules.cfg" "$tmp/io/rules.orig"
expect 2 "$PB" brief "$tmp/io/plan.cfg" -n 1000 --rulebook "$tmp/io/rules.cfg" -o "$tmp/io/rules.cfg"
grep -q 'is the rulebook' "$tmp/err" && ok || bad "-o onto the rulebook: message"
printf 'skip\nquit\n' >"$tmp/io/answers.txt"
cp "$tmp/io/answers.txt" "$tmp/io/answers.orig"
expect 2 "$PB" rehearse "$tmp/io/plan.cfg" -n 1000 --force -o "$tmp/io/answers.txt" <"$tmp/io/answers.txt"
io_same "$tmp/io/plan.cfg" "$tmp/io/orig.cfg" "an -o onto the scenario changed it"
io_same "$tmp/io/rules.cfg" "$tmp/io/rules.orig" "an -o onto the rulebook changed it"
io_same "$tmp/io/answers.txt" "$tmp/io/answers.orig" "an -o onto the answers changed them"
[ -L "$tmp/io/sym.cfg" ] && [ "$(stat -c %h "$tmp/io/plan.cfg")" = 2 ] && ok || bad "the links of the scenario changed"
# a symlink is written through (the link stays); hard links all see the report
echo old >"$tmp/io/report.txt"
ln -s report.txt "$tmp/io/report-link.txt"
expect 0 "$PB" simulate "$tmp/io/plan.cfg" -n 100 -o "$tmp/io/report-link.txt"
[ -L "$tmp/io/report-link.txt" ] && grep -q '^Finish' "$tmp/io/report.txt" && ok || bad "-o through a symlink"
ln "$tmp/io/report.txt" "$tmp/io/report-hard.txt"
expect 0 "$PB" simulate "$tmp/io/plan.cfg" -n 100 -f json -o "$tmp/io/report.txt"
[ "$(stat -c %h "$tmp/io/report.txt")" = 2 ] && io_same "$tmp/io/report.txt" "$tmp/io/report-hard.txt" "hard links differ after -o" || bad "-o broke a hard link"
python3 -m json.tool "$tmp/io/report-hard.txt" >/dev/null 2>&1 && ok || bad "the hard link does not hold the report"
[ -z "$(ls "$tmp/io" | grep tmp-)" ] && ok || bad "a temporary file was left in $tmp/io"
# a read-only file needs --force and stays read-only; the old mode is kept
echo keep >"$tmp/io/ro.txt"
chmod 444 "$tmp/io/ro.txt"
expect 2 "$PB" simulate "$tmp/io/plan.cfg" -n 100 -o "$tmp/io/ro.txt"
grep -q 'read-only; add --force' "$tmp/err" && [ "$(cat "$tmp/io/ro.txt")" = keep ] && ok || bad "a read-only -o file was replaced without --force"
expect 0 "$PB" simulate "$tmp/io/plan.cfg" -n 100 -o "$tmp/io/ro.txt" --force
grep -q '^Finish' "$tmp/io/ro.txt" && [ "$(stat -c %a "$tmp/io/ro.txt")" = 444 ] && ok || bad "--force: read-only file not replaced with its mode"
echo old >"$tmp/io/mode.txt"
chmod 640 "$tmp/io/mode.txt"
expect 0 "$PB" brief "$tmp/io/plan.cfg" -n 1000 -o "$tmp/io/mode.txt"
[ "$(stat -c %a "$tmp/io/mode.txt")" = 640 ] && ok || bad "-o lost the old file's mode"
(umask 027 && "$PB" simulate "$tmp/io/plan.cfg" -n 100 -o "$tmp/io/umask.txt" >/dev/null 2>&1)
[ "$(stat -c %a "$tmp/io/umask.txt")" = 640 ] && ok || bad "a new -o file does not follow the umask"
ln -s missing.txt "$tmp/io/dangling.txt"
expect 1 "$PB" simulate "$tmp/io/plan.cfg" -n 100 -o "$tmp/io/dangling.txt"
grep -q 'symbolic link to a missing file' "$tmp/err" && [ ! -e "$tmp/io/missing.txt" ] && ok || bad "-o onto a dangling symlink"
if [ "$(id -u)" = 0 ]; then
    echo old >"$tmp/io/owned.txt"
    chown nobody "$tmp/io/owned.txt"
    expect 0 "$PB" simulate "$tmp/io/plan.cfg" -n 100 -o "$tmp/io/owned.txt"
    [ "$(stat -c %U "$tmp/io/owned.txt")" = nobody ] && ok || bad "-o as root lost the old file's owner"
fi

# 3. signals: exit 1, no temporary file, no report (item 6)
for sig in TERM HUP INT; do
    "$PB" simulate scenarios/fcw.cfg -n 40000000 -f json -o "$tmp/sig.json" >/dev/null 2>&1 &
    pid=$!
    sleep 1
    kill -$sig $pid
    wait $pid
    st=$?
    [ $st = 1 ] && ok || bad "SIG$sig during the run: status $st, wanted 1"
    [ ! -e "$tmp/sig.json" ] && [ -z "$(ls "$tmp" | grep 'sig.json.tmp-')" ] && ok || bad "SIG$sig during the run left a file"
done
# while the report is being written (a large CSV): once, and twice
for twice in no yes; do
    "$PB" simulate tests/data/small.cfg -n 1500000 -f csv -o "$tmp/sig.csv" >/dev/null 2>&1 &
    pid=$!
    i=0
    while [ $i -lt 600 ] && [ -z "$(ls "$tmp" | grep 'sig.csv.tmp-')" ]; do
        sleep 0.05
        i=$((i + 1))
    done
    kill -TERM $pid
    [ $twice = yes ] && sleep 0.2 && kill -TERM $pid 2>/dev/null
    wait $pid
    st=$?
    [ $st = 1 ] && ok || bad "SIGTERM (twice: $twice) while writing: status $st, wanted 1"
    [ ! -e "$tmp/sig.csv" ] && [ -z "$(ls "$tmp" | grep 'sig.csv.tmp-')" ] && ok || bad "SIGTERM (twice: $twice) while writing left a file"
done

# 4. the Reproduce line, quoted for sh, any length: bash reruns it (item 14)
set -- --set "milestones.spec.name=\"O'Brien's \\\"spec\\\"  (\$HOME; \`x\`)\""
i=0
while [ $i -lt 40 ]; do
    set -- "$@" --set "milestones.demo.duration=[1.0, 1.5, $((i + 2)).0]"
    i=$((i + 1))
done
expect 0 "$PB" simulate tests/data/small.cfg -n 2000 -f json "$@"
cp "$tmp/out" "$tmp/repro1.json"
set --
python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["command"])' "$tmp/repro1.json" >"$tmp/repro.cmd"
[ "$(grep -o -- '--set' "$tmp/repro.cmd" | wc -l)" = 41 ] && ok || bad "the Reproduce line lost --set flags"
sed "s|^pushback |\"\$PB\" |" "$tmp/repro.cmd" >"$tmp/repro.sh"
PB="$PB" bash "$tmp/repro.sh" >"$tmp/repro2.json" 2>"$tmp/err"
io_same "$tmp/repro1.json" "$tmp/repro2.json" "the Reproduce line run by bash gives different JSON"
grep -q "O'\\\\''Brien" "$tmp/repro.cmd" && ok || bad "the Reproduce line does not quote a single quote"
expect 0 "$PB" simulate tests/data/small.cfg --max-iterations 40000 -f json --set 'ask.deadline=9.5'
cp "$tmp/out" "$tmp/auto1.json"
python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["command"])' "$tmp/auto1.json" | sed "s|^pushback |\"\$PB\" |" >"$tmp/auto.sh"
PB="$PB" bash "$tmp/auto.sh" >"$tmp/auto2.json" 2>"$tmp/err"
io_same "$tmp/auto1.json" "$tmp/auto2.json" "the Reproduce line of an -n auto run gives different JSON"

# 5. rehearse: long answers, invalid UTF-8, existing transcripts (item 18)
python3 -c "import sys; sys.stdout.buffer.write(b'skip\n' + b'A' * 100000 + b'\nbad \xff\xfe \xc3\x28 \x1b[31mred\nquit\n')" >"$tmp/long.txt"
"$PB" rehearse tests/data/small.cfg -n 2000 -o "$tmp/long.md" <"$tmp/long.txt" >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && grep -q '^1 of [0-9]* moves rehearsed' "$tmp/out" && ok || bad "a 100 kB answer was not one answer: $(tail -1 "$tmp/out")"
[ "$(grep -c 'AAAAAAAAAA' "$tmp/long.md")" = 1 ] && [ "$(grep 'AAAAAAAAAA' "$tmp/long.md" | wc -c)" -gt 100000 ] && ok || bad "the long answer is not whole in the transcript"
bad_bytes "$tmp/long.md" && bad "the transcript holds invalid UTF-8 or a control character" || ok
grep -q "$(printf 'bad \357\277\275\357\277\275 \357\277\275(')" "$tmp/long.md" && ok || bad "invalid bytes are not U+FFFD"
cp "$tmp/long.md" "$tmp/long.orig"
expect 2 "$PB" rehearse tests/data/small.cfg -n 2000 -o "$tmp/long.md" <"$tmp/long.txt"
grep -q 'exists; add --force' "$tmp/err" && ok || bad "rehearse overwrote a transcript without --force"
io_same "$tmp/long.md" "$tmp/long.orig" "rehearse changed an existing transcript without --force"
expect 0 "$PB" rehearse tests/data/small.cfg -n 2000 -o "$tmp/long.md" --force <"$tmp/long.txt"

# 6. hostile scenario text: inert in text, Markdown and CSV (item 19)
H=tests/data/hostile.cfg
for c in "simulate $H -n 2000" "compare $H -n 2000" "seek $H -n 1000" "brief $H -n 2000" "check $H"; do
    expect 0 "$PB" $c
    bad_bytes "$tmp/out" && bad "$c: a control character reached the terminal" || ok
done
printf 'version = 1;\nmilestones = ( { id = "a\\x1b[2Jb"; duration = 1.0; } );\n' >"$tmp/esc-id.cfg"
expect 3 "$PB" check "$tmp/esc-id.cfg"
grep -q "got 'a?\[2Jb'" "$tmp/err" && ! bad_bytes "$tmp/err" && ok || bad "an error message quoting input lets ESC through"
expect 0 "$PB" brief $H -n 2000 -f md
bad_bytes "$tmp/out" && bad "brief -f md: a control character" || ok
python3 - "$tmp/out" <<'PYEOF' && ok || bad "brief -f md lets markup through"
import re, sys
md = open(sys.argv[1]).read()
assert "&lt;script&gt;" in md and "<script" not in md and "<b>" not in md
assert not re.search(r"(?<!\\)!(?<!\\)\[", md) and "![img]" not in md
assert not re.search(r"(?<!\\)\]\(javascript", md)
head = [l for l in md.splitlines() if l.startswith("## ")]
assert len(head) == 1 and "new line" in head[0]  # the newline became a space
for line in md.splitlines():  # every table row has its header's columns
    if line.startswith("|"):
        assert len(re.findall(r"(?<!\\)\|", line)) in (6, 7), line
PYEOF
printf 'skip\nwhy\nquit\n' | "$PB" rehearse $H -n 2000 -o "$tmp/hostile.md" >"$tmp/out" 2>&1
bad_bytes "$tmp/out" && bad "rehearse: a control character reached the terminal" || ok
grep -q '<script' "$tmp/hostile.md" && bad "rehearse transcript lets HTML through" || ok
expect 0 "$PB" simulate $H -n 50 -f csv
cp "$tmp/out" "$tmp/hostile-samples.csv"
expect 0 "$PB" compare $H -n 2000 -f csv
python3 - "$tmp/hostile-samples.csv" "$tmp/out" <<'PYEOF' && ok || bad "CSV cells not neutralised"
import csv, re, sys
number = re.compile(r"-?\d+(\.\d+)?([eE][+-]?\d+)?$")
negatives = 0
for path in sys.argv[1:]:
    for row in csv.reader(open(path, newline="")):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                assert number.match(cell), (path, cell)
                negatives += 1
assert negatives > 0  # negative numbers stay numbers
samples = open(sys.argv[1]).readline()
assert "\"'-plan.duration\"" in samples, samples
assert "\"'-lean\"" in open(sys.argv[2]).read()
PYEOF

# 7. the scenario from standard input; help (command-line conventions)
expect 0 "$PB" check - <scenarios/fcw.cfg
"$PB" simulate - -n 2000 -f json --seed 4 <tests/data/small.cfg >"$tmp/stdin.json" 2>/dev/null
"$PB" simulate tests/data/small.cfg -n 2000 -f json --seed 4 >"$tmp/file.json" 2>/dev/null
python3 -c 'import json, sys; a, b = (json.load(open(p)) for p in sys.argv[1:]); assert a["duration"] == b["duration"] and a["scenario_sha256"] == b["scenario_sha256"]' "$tmp/stdin.json" "$tmp/file.json" && ok || bad "simulate - differs from the file"
expect 3 "$PB" check - <tests/bad/13-cycle-2.cfg
grep -q '^pushback: <stdin>:10: dependency cycle' "$tmp/err" && ok || bad "stdin errors name <stdin>:LINE"
printf 'version = 1;\n\nname = "x\0";\n' >"$tmp/nul-stdin.cfg"
expect 3 "$PB" check - <"$tmp/nul-stdin.cfg"
grep -q '^pushback: <stdin>:3: holds a NUL byte' "$tmp/err" && ok || bad "stdin: NUL byte with its line"
expect 2 "$PB" rehearse - <scenarios/fcw.cfg
expect 0 "$PB" --help
for c in simulate compare seek brief rehearse check import init; do
    grep -q "^  $c  " "$tmp/out" && ok || bad "--help does not list $c"
done
for c in simulate compare seek brief rehearse check; do
    "$PB" help $c >"$tmp/help1" 2>&1
    "$PB" $c --help >"$tmp/help2" 2>&1
    io_same "$tmp/help1" "$tmp/help2" "help $c differs from $c --help"
    [ "$(head -c $((20 + ${#c})) "$tmp/help2")" = "usage: pushback $c [-h" ] && ok || bad "$c --help does not start with its usage line"
done
expect 2 "$PB" seek scenarios/fcw.cfg --pair a,b
grep -q -- '--pair does not go with seek' "$tmp/err" && ok || bad "a flag of another command is refused"
expect 2 "$PB" check scenarios/fcw.cfg -n 100
# every flag a command takes is in its --help; the others are refused
for c in simulate compare seek brief rehearse check; do
    "$PB" $c --help >"$tmp/help" 2>&1
    for f in iterations seed threads format output max-iterations option set drop pair confidence \
        deadline budget rulebook samples no-anchor force no-detail no-color quiet; do
        case $f in no-* | force | quiet) set -- --$f ;; *) set -- --$f 1 ;; esac
        "$PB" $c "$@" "$tmp/none.cfg" </dev/null >/dev/null 2>"$tmp/err"
        if grep -q 'does not go with\|compare runs every option' "$tmp/err"; then
            grep -q -- "--$f\b" "$tmp/help" && bad "$c --help shows --$f, which $c refuses" || ok
        else
            grep -q -- "--$f\b" "$tmp/help" && ok || bad "$c takes --$f but its --help does not show it"
        fi
    done
done
set --
