# Hardened loaders (sourced by tests/cli/run.sh, which defines PB, tmp, ok, bad
# and expect): numbers libconfig would wrap, '@include', special files, the
# pre-pass on a large file, error locations of --set, what-if head counts,
# options after --drop, the time-box offer, and big numbers in text output.

# jsonval FILE EXPR: a value from a JSON file (EXPR uses d)
jsonval() { python3 -c "import json, sys; d = json.load(open(sys.argv[1])); print($2)" "$1" 2>/dev/null; }

# whole numbers beyond 32 bits are read exactly, in files and in --set
sed 's/budget = 60000.0/budget = 5000000000/' tests/data/small.cfg >"$tmp/krw.cfg"
expect 0 "$PB" simulate "$tmp/krw.cfg" -n 200 -f json
[ "$(jsonval "$tmp/out" 'd["budget"]["value"]')" = 5000000000.0 ] && ok || bad "budget = 5000000000 is not read exactly"
expect 0 "$PB" simulate tests/data/small.cfg -n 200 -f json --set ask.budget=5000000000
[ "$(jsonval "$tmp/out" 'd["budget"]["value"]')" = 5000000000.0 ] && ok || bad "--set ask.budget=5000000000 is not read exactly"
expect 2 "$PB" simulate tests/data/small.cfg -n 200 --set ask.budget=99999999999999999999
grep -q "at most 1e+15" "$tmp/err" && ok || bad "a 20-digit --set is not refused by the 1e15 limit"

# digits inside strings are left alone: ids "2e5" and "3" resolve
printf 'version = 1;\nmilestones = ( { id = "2e5"; duration = [1, 2.5, 4]; }, { id = "3"; duration = 1.0; },\n  { id = "c"; after = ["2e5", "3"]; duration = 1.0; } );\n' >"$tmp/ids.cfg"
expect 0 "$PB" simulate "$tmp/ids.cfg" -n 200 -f json
[ "$(jsonval "$tmp/out" '",".join(m["id"] for m in d["milestones"])')" = "2e5,3,c" ] && ok || bad "ids \"2e5\" and \"3\" did not load"

# a 1 MB array with a syntax error at its end is refused quickly (the pre-pass is linear)
python3 -c 'import sys; sys.stdout.write("version = 1;\nmilestones = ( { id = \"a\"; duration = [" + "1, 2.5, " * 131072 + "; } );\n")' >"$tmp/mega.cfg"
expect 3 timeout 5 "$PB" check -q "$tmp/mega.cfg"
grep -q "mega.cfg:2: an array of 262144 values; at most 100000" "$tmp/err" && ok || bad "the 1 MB array: $(head -c 200 "$tmp/err")"

# ':' for '=' and a missing ';' are valid libconfig
printf 'version : 1\nmilestones : ( { id : "a"\n  duration : 1.0 } )\n' >"$tmp/terse.cfg"
expect 0 "$PB" simulate "$tmp/terse.cfg" -n 100

# '@include' is refused at its line, whatever it names, before anything is opened
rm -f "$tmp/fifo" && mkfifo "$tmp/fifo"
printf 'version = 1;\nmilestones = ( { id = "a"; durtion = 1.0; } );\n' >"$tmp/inner.cfg"
for target in "$tmp" "$tmp/fifo" /dev/stdin "$tmp/no-such.cfg" "$tmp/inner.cfg"; do
    printf 'version = 1;\n@include "%s"\nmilestones = ( { id = "a"; duration = 1.0; } );\n' "$target" >"$tmp/inc.cfg"
    expect 3 timeout 10 "$PB" check -q "$tmp/inc.cfg" </dev/null
    grep -q "inc.cfg:2: '@include' is not supported" "$tmp/err" && ok || bad "@include $target: $(head -c 200 "$tmp/err")"
    printf 'rules = ( { id = "a"; says = "x"; rebut = "y"; } );\n@include "%s"\n' "$target" >"$tmp/inc-rules.cfg"
    expect 3 timeout 10 "$PB" check -q tests/data/small.cfg --rulebook "$tmp/inc-rules.cfg" </dev/null
    grep -q "inc-rules.cfg:2: '@include' is not supported" "$tmp/err" && ok || bad "rulebook @include $target"
done

# --set errors name the argument, not a line of the file
expect 2 "$PB" simulate tests/data/small.cfg -n 100 --set 'milestones.model.effort=[5,1,2]'
grep -q "^pushback: --set milestones.model.effort=\[5,1,2\]: " "$tmp/err" && ok || bad "--set value error: $(head -c 200 "$tmp/err")"
expect 3 "$PB" simulate tests/data/small.cfg -n 100 --set team.ml=5 --set team.data=0
grep -q "^pushback: --set team.data=0: milestone 'labels' needs" "$tmp/err" && ok || bad "--set validation error: $(head -c 200 "$tmp/err")"
grep -q "small.cfg:" "$tmp/err" && bad "--set error blamed on a line of the file" || ok

# a what-if head count beyond the limit skips the move with a reason (never wraps)
cat >"$tmp/huge-people.cfg" <<'EOF'
rules = (
  { id = "more"; says = "x"; rebut = "P80 {whatif.p80|time}";
    whatif = { people = "sim.people * 1e15"; }; },
  { id = "fewer"; says = "y"; rebut = "P80 {whatif.p80|time}";
    whatif = { team = { ml = "sim.people * 3e9"; }; }; }
);
EOF
expect 0 "$PB" brief tests/data/small.cfg -n 200 --rulebook "$tmp/huge-people.cfg" -f json
[ "$(jsonval "$tmp/out" 'sum("at most 100000" in k["reason"] for k in d["skipped"])')" = 2 ] && ok || bad "huge what-if head counts were not skipped: $(head -c 300 "$tmp/out")"

# options that drop or patch a milestone the user dropped still apply
expect 0 "$PB" compare scenarios/fcw.cfg --drop dashboard -n 500 -f json
grep -q "^pushback: note: option 'no-dashboard' drops 'dashboard', dropped already" "$tmp/err" && ok || bad "compare --drop: no note"
[ "$(jsonval "$tmp/out" '",".join(o["name"] for o in d["options"])')" = "base,lean,full,in-house-labels,no-dashboard" ] && ok || bad "compare --drop lost options: $(head -c 200 "$tmp/out")"
expect 0 "$PB" brief scenarios/fcw.cfg --drop dashboard -n 500
grep -q "note: option 'no-dashboard'" "$tmp/err" && ok || bad "brief --drop: no note"

# the time-box offer on a milestone whose cap (its P99 here) is out of range is not made (no
# "No time-box" line shown as an offer), and the move is still answered
printf 'version = 1;\nmilestones = ( { id = "a"; duration = { dist = "lognormal"; p10 = 1e9; p90 = 1e15; }; gate = true; } );\nask = { deadline = 10.0; confidence = 0.99; };\n' >"$tmp/tb.cfg"
printf 'offer_words = { time-box = "Time-box {gate.name} to {gate.box|num}."; };\nrules = ( { id = "r"; says = "Faster?"; rebut = "No."; offers = ["time-box"]; } );\n' >"$tmp/tb-rules.cfg"
expect 0 "$PB" brief "$tmp/tb.cfg" -n 200 --rulebook "$tmp/tb-rules.cfg"
! grep -qi "time-box" "$tmp/out" && grep -q '^No\.$' "$tmp/out" && ok || bad "time-box offer: $(grep -i time-box "$tmp/out")"

# a v1 rulebook from before 'offer_words' (manager.cfg at 357b0f4^) loads and briefs: its offers
# take the built-in words, said once on stderr, and each reads as an offer, never a kind's label
expect 0 "$PB" brief scenarios/fcw.cfg -n 500 -t 2 --rulebook tests/data/old-rulebooks/v1-before-words.cfg
[ "$(grep -c 'offer_words' "$tmp/err")" = 1 ] &&
    grep -q "^pushback: warning: rulebook 'tests/data/old-rulebooks/v1-before-words.cfg' has no offer_words for drop-optional, phase, add-people, commit, annotation-split, best-option, decision-gate, time-box: using the built-in words$" "$tmp/err" &&
    grep -q '^- Our counter-offer: commit to ' "$tmp/out" &&
    ! grep -Eq '^- (commit|phase|decision-gate|drop-optional|add-people|time-box|best-option|annotation-split)[ :]' "$tmp/out" &&
    ok || bad "v1 rulebook: $(head -n 2 "$tmp/err")"
expect 0 "$PB" brief scenarios/fcw.cfg -n 500 -t 2
! grep -q 'offer_words' "$tmp/err" && ok || bad "the built-in rulebook warns about its words"

# text output prints big numbers as they are: separators, scientific from 1e18
cat >"$tmp/huge.cfg" <<'EOF'
version = 1;
team = ( { role = "ml"; people = 1000; rate = 900000000000000.0; } );
milestones = ( { id = "a"; role = "ml"; effort = [1000.0, 2000.0, 3000.0]; people = 1000; } );
ask = { deadline = 10.0; budget = 1000000000000000; };
EOF
expect 0 "$PB" simulate "$tmp/huge.cfg" -n 200 -f json
cp "$tmp/out" "$tmp/huge.json"
expect 0 "$PB" simulate "$tmp/huge.cfg" -n 200
grep -q "within 1,000,000,000,000,000 USD" "$tmp/out" && ok || bad "the 1e15 budget is not printed exactly"
p50=$(awk '/^Cost/ { c = 1 } c && $1 == "P50" { print $2; exit }' "$tmp/out")
python3 -c 'import json, sys; v = json.load(open(sys.argv[1]))["cost"]["percentiles"]["p50"]["value"]; t = float(sys.argv[2]); sys.exit(not (v >= 1e18 and abs(t - v) <= 1e-4 * v))' \
    "$tmp/huge.json" "$p50" && ok || bad "text cost P50 '$p50' is not the JSON value"

# dropping every milestone names the drop that emptied the plan
expect 2 "$PB" check -q tests/data/small.cfg --drop spec --drop labels --drop model --drop tune --drop demo --drop extra
grep -q "^pushback: --drop extra: dropping 'extra' leaves the plan with no milestones" "$tmp/err" && ok || bad "--drop of every milestone: $(head -c 200 "$tmp/err")"
