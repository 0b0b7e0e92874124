# Sourced by tests/cli/run.sh (uses PB, tmp, expect, ok, bad): the brief on a tracked
# project (docs/track.md, "The brief"). On fcw-week12 the brief is on the remaining work:
# its "moved from X to Y" line and its calibrated P80 are the numbers 'pushback track'
# gives on the same count and seed, and every deal it quotes reproduces with 'pushback
# deal'. The provenance and calibration moves have known answers on a made-up plan, are
# skipped with what the scenario needs without a history, and say so with too few pairs.

# 17. brief on fcw-week12: the re-forecast, against 'pushback track'
expect 0 "$PB" brief scenarios/fcw-week12.cfg -n 4096 -t 2
sed -n 3p "$tmp/out" | grep -q '^As of 2027-03-29, 12 weeks in (8 milestones done, 3 under way): the P80 moved from 33.9 weeks to 37.9 weeks from the start' &&
    ok || bad "tracked brief: no as-of line: $(sed -n 3p "$tmp/out")"
grep -q '^Outside view: 5 past projects with an estimate took up to 1.36x it at P80' "$tmp/out" && ok || bad "tracked brief: no outside view"
expect 0 "$PB" brief scenarios/fcw-week12.cfg -n 4096 -t 2 -f json
cp "$tmp/out" "$tmp/tb.json"
expect 0 "$PB" track scenarios/fcw-week12.cfg -n 4096 -t 2 --calibrated -f json
python3 - "$tmp/tb.json" "$tmp/out" <<'PY' && ok || bad "tracked brief against track: $(head -c 300 "$tmp/tb.json")"
import json, sys
b, t = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
k = b["track"]
assert k["tracked"] and k["as_of"] == 12.0 and k["as_of_date"] == "2027-03-29", k
assert k["done"] == 8 and k["active"] == 3 and k["spent"] == 395000.0, k
# the same seed and count: the plan, the re-forecast and the calibrated re-forecast agree
assert k["p80_before"] == t["before"]["p80"] and k["p50_before"] == t["before"]["p50"], (k, t["before"])
assert abs(k["p80_after"] - t["after"]["p80"]) < 1e-9, (k, t["after"])
assert abs(b["commitment"]["value"] + 12.0 - t["after"]["p80"]) < 1e-9
c = k["calibration"]
assert c["pairs"] == 10 and not c["too_few"] and 1.0 < c["bias"]["lo"] < c["bias"]["value"] < c["bias"]["hi"], c
assert abs(c["calibrated_p80"] + 12.0 - t["calibrated"]["calibrated"]["p80"]) < 1e-9, (c, t["calibrated"])
assert abs(c["raw_p80"] - b["commitment"]["value"]) < 1e-12
o = k["outside_view"]
assert o["projects"] == 5 and abs(o["with_uplift"] - o["uplift"] * k["p50_before"]) < 1e-6, o
assert o["without"] == k["p80_before"]
moves = {m["id"]: m for m in b["moves"]}
assert "confidence-basis" in moves and "always-late" in moves, sorted(moves)
# a precedent is a whole project: never set against the remaining work
assert "headcount-analogy" not in moves, moves["headcount-analogy"]["text"]
assert moves["always-late"]["verdict"] == "concede", moves["always-late"]
assert "%.2f" % c["bias"]["value"] in moves["always-late"]["text"], moves["always-late"]["text"]
PY
python3 tests/cli/brief_deals.py "$PB" scenarios/fcw-week12.cfg >"$tmp/bd" 2>&1 && ok || bad "tracked brief deals: $(cat "$tmp/bd")"
python3 tests/cli/brief_manager.py "$PB" scenarios/fcw-week12.cfg >"$tmp/bm" 2>&1 && ok || bad "tracked proposal page: $(cat "$tmp/bm")"
expect 0 "$PB" brief scenarios/fcw-week12.cfg -n 4096 --for manager -f md
grep -q '^As of 2027-03-29, 12 weeks in' "$tmp/out" && ok || bad "brief --for manager: no as-of line"
expect 0 "$PB" brief scenarios/fcw-week12.cfg -n 4096 -f html -o "$tmp/tb.html"
grep -q 'As of 2027-03-29, 12 weeks in' "$tmp/tb.html" && ok || bad "brief -f html: no as-of line"

# 18. the provenance and calibration moves: known answers, skipped, too few
expect 0 "$PB" brief tests/data/track-brief/provenance.cfg -n 2000 -f json
python3 - "$tmp/out" <<'PY' && ok || bad "provenance brief: $(head -c 300 "$tmp/out")"
import json, sys
b = json.load(open(sys.argv[1]))
k = b["track"]
assert not k["tracked"] and k["sources"] == {"data": 0.25, "expert": 0.25, "guess": 0.5}, k
c = k["calibration"]
assert c["pairs"] == 5 and abs(c["bias"]["value"] - 1.3) < 1e-12, c
assert c["raw_p80"] == 8.0 and abs(c["calibrated_p80"] - 9.8) < 1e-12, c
m = {x["id"]: x for x in b["moves"]}
assert m["confidence-basis"]["text"].startswith("25% of the work ahead is estimated from data"), m["confidence-basis"]
assert "9.8 weeks calibrated, 8 weeks raw" in m["confidence-basis"]["text"], m["confidence-basis"]
assert "calibration-few" not in m
PY
expect 0 "$PB" brief scenarios/fcw.cfg -n 2000 -f json
python3 - "$tmp/out" <<'PY' && ok || bad "brief without a history: $(head -c 300 "$tmp/out")"
import json, sys
b = json.load(open(sys.argv[1]))
skipped = {s["id"]: s["reason"] for s in b["skipped"]}
assert "calibration = (" in skipped["confidence-basis"] and "calibration = (" in skipped["always-late"], skipped
assert "track" not in b
PY
head -n 13 tests/data/track-brief/provenance.cfg >"$tmp/few.cfg"
printf 'calibration = ( { estimate = [2.0, 3.0, 5.0]; actual = 4.0; }, { estimate = 1.0; actual = 1.5; } );\nask = { deadline = 9.0; confidence = 0.8; };\n' >>"$tmp/few.cfg"
expect 0 "$PB" brief "$tmp/few.cfg" -n 2000 -f json
python3 - "$tmp/out" <<'PY' && ok || bad "brief with two pairs: $(head -c 300 "$tmp/out")"
import json, sys
b = json.load(open(sys.argv[1]))
m = {x["id"]: x for x in b["moves"]}
assert b["track"]["calibration"]["too_few"] and "always-late" not in m and "confidence-basis" not in m
assert "only 2 past estimates to check against, fewer than 5" in m["calibration-few"]["text"], m
PY

# 19. simulate shows the outside view: fcw-week12's five history projects took 22/17, 16/13,
# 27/20, 13/12 and 25/18 of their estimates; the type-7 80% quantile of those ratios is
# 1.35 + 0.2 x (25/18 - 1.35) = 1.357778
expect 0 "$PB" simulate scenarios/fcw-week12.cfg -n 4096 -f json
python3 - "$tmp/out" <<'PY' && ok || bad "simulate outside view: $(head -c 300 "$tmp/out")"
import json, sys
d = json.load(open(sys.argv[1]))
o = d["outside_view"]
want = 1.35 + 0.2 * (25 / 18 - 1.35)
assert o["projects"] == 5 and not o["too_few"] and o["level"] == 0.8, o
assert abs(o["uplift"] - want) < 1e-8, (o["uplift"], want)
assert abs(o["with_uplift"] - o["uplift"] * o["p50"]) < 1e-6 and o["without"] > o["p50"], o
PY
expect 0 "$PB" simulate scenarios/fcw-week12.cfg -n 4096
grep -q '^  outside view: P80 [0-9.]* weeks with the uplift of 5 past projects (1.36x their estimate, on the P50), [0-9.]* without$' "$tmp/out" &&
    ok || bad "simulate text: no outside view line"
expect 0 "$PB" simulate scenarios/fcw.cfg -n 4096 -f json
grep -q '"outside_view"' "$tmp/out" && bad "simulate: an outside view without history estimates" || ok

# 20. check validates and summarises the tracking data; its errors are track's
expect 0 "$PB" check scenarios/fcw-week12.cfg
grep -q '^Tracking: as of 12 weeks (2027-03-29): 8 milestones done, 3 active; risks 1 passed, 1 happened' "$tmp/out" && ok || bad "check: no tracking line"
grep -q '^Calibration: 10 past estimates, bias 1.28x (95% CI 1.13-1.44)' "$tmp/out" && ok || bad "check: no calibration line"
grep -q '^Estimate sources: 1 data, 1 expert, 16 guess' "$tmp/out" && ok || bad "check: no sources line"
grep -q '^Outside view: 5 history projects with an estimate, uplift 1.36x at P80$' "$tmp/out" && ok || bad "check: no outside view line"
expect 0 "$PB" check scenarios/fcw.cfg
grep -q '^Tracking\|^Calibration\|^Outside view' "$tmp/out" && bad "check: tracking lines without tracking data" || ok
for f in tests/data/track/*.cfg; do
    exp=$(head -n 1 "$f" | sed -n 's/^# expect: //p')
    line=${exp%%:*}
    words=${exp#*: }
    expect 3 "$PB" check "$f"
    case "$(head -n 1 "$tmp/err")" in
    "pushback: $f:$line: "*"$words"*) ok ;;
    *) bad "check $f: wanted '$f:$line: ...$words', got '$(head -n 1 "$tmp/err")'" ;;
    esac
    expect 3 "$PB" brief "$f" -n 1000
done
