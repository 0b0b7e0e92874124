# Sourced by tests/cli/run.sh (uses PB, tmp, expect, ok, bad): the tracking data as
# 'check -f json' reports it (its "tracking" member says what the text's lines say), and
# brief's --actuals, --as-of and --calibration, which read what 'track' reads: the brief
# re-forecasts from them exactly as 'pushback track' does on the same count and seed.

# check -f json: "tracking", number for number with the text, null without tracking data
expect 0 "$PB" check scenarios/fcw-week12.cfg -q
expect 0 "$PB" check scenarios/fcw-week12.cfg
cp "$tmp/out" "$tmp/check.txt"
expect 0 "$PB" check scenarios/fcw-week12.cfg -f json
python3 - "$tmp/check.txt" "$tmp/out" <<'PY' && ok || bad "check -f json tracking: $(grep -A3 tracking "$tmp/out" | head -c 300)"
import json, re, sys
text, t = open(sys.argv[1]).read(), json.load(open(sys.argv[2]))["tracking"]
m = re.search(r"^Tracking: as of ([\d.]+) weeks \(([\d-]+)\): (\d+) milestones done, (\d+) active; "
              r"risks (\d+) passed, (\d+) happened; spent USD (\d+)$", text, re.M)
a = t["actuals"]
assert m and (a["as_of"], a["as_of_date"], a["done"], a["active"]) == \
    (float(m[1]), m[2], int(m[3]), int(m[4])), (m, a)
assert (a["risks_passed"], a["risks_happened"], a["spent"]) == (int(m[5]), int(m[6]), float(m[7])), a
m = re.search(r"^Calibration: (\d+) past estimates, bias ([\d.]+)x \(95% CI ([\d.]+)-([\d.]+)\), "
              r"(\d+)% of actuals inside their range$", text, re.M)
c = t["calibration"]
assert m and c["pairs"] == int(m[1]) and not c["too_few"], (m, c)
assert ["%.2f" % c["bias"][k] for k in ("value", "lo", "hi")] == [m[2], m[3], m[4]], c
assert "%.0f" % (100 * c["coverage"]["probability"]) == m[5], c
m = re.search(r"^Estimate sources: (\d+) data, (\d+) expert, (\d+) guess", text, re.M)
assert m and t["sources"] == {"data": int(m[1]), "expert": int(m[2]), "guess": int(m[3])}, t
m = re.search(r"^Outside view: (\d+) history projects with an estimate, uplift ([\d.]+)x at P(\d+)$",
              text, re.M)
o = t["outside_view"]
assert m and o["projects"] == int(m[1]) and "%.2f" % o["uplift"] == m[2], (m, o)
assert "%.0f" % (100 * o["level"]) == m[3] and not o["too_few"], o
PY
expect 0 "$PB" check scenarios/fcw.cfg -f json
python3 -c 'import json, sys; assert json.load(open(sys.argv[1]))["tracking"] is None' "$tmp/out" &&
    ok || bad "check -f json on a plan without tracking data: tracking is not null"
# a file with only its estimates' sources marked: the other members are null
sed 's/{ id = "spec";/{ id = "spec"; source = "data";/' scenarios/fcw.cfg >"$tmp/src.cfg"
expect 0 "$PB" check "$tmp/src.cfg" -f json
python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))["tracking"]
assert t["sources"]["data"] == 1 and t["sources"]["expert"] == 0, t
assert t["actuals"] is None and t["calibration"] is None and t["outside_view"] is None, t
' "$tmp/out" && ok || bad "check -f json, sources only: $(grep -A8 '"tracking"' "$tmp/out")"

# brief --actuals --as-of: the re-forecast 'track' makes from the same CSV and date
acts=tests/data/track/actuals.csv
expect 0 "$PB" brief scenarios/fcw.cfg -n 4096 -t 2 --actuals $acts --as-of 2027-03-29 -f json
cp "$tmp/out" "$tmp/ba.json"
expect 0 "$PB" track scenarios/fcw.cfg -n 4096 -t 2 --actuals $acts --as-of 2027-03-29 -f json
python3 - "$tmp/ba.json" "$tmp/out" <<'PY' && ok || bad "brief --actuals against track: $(head -c 300 "$tmp/ba.json")"
import json, sys
b, t = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
k = b["track"]
assert k["tracked"] and k["as_of"] == 12.0 and k["done"] == 8 and k["active"] == 2, k
assert k["p80_before"] == t["before"]["p80"] and k["p50_before"] == t["before"]["p50"], (k, t)
assert abs(k["p80_after"] - t["after"]["p80"]) < 1e-9, (k, t["after"])
PY
expect 0 "$PB" brief scenarios/fcw.cfg -n 4096 -t 2 --actuals $acts --as-of 12
sed -n 3p "$tmp/out" | grep -q '^As of 2027-03-29, 12 weeks in (8 milestones done, 2 under way)' &&
    ok || bad "brief --actuals --as-of 12: $(sed -n 3p "$tmp/out")"
# without the flags the brief is on the plan; without --as-of the CSV's actuals have no date
expect 0 "$PB" brief scenarios/fcw.cfg -n 4096 -t 2
grep -q '^As of' "$tmp/out" && bad "a brief without actuals is tracked" || ok
expect 3 "$PB" brief scenarios/fcw.cfg -n 4096 --actuals $acts
grep -q "^pushback: $acts:2: actuals need the date they are as of" "$tmp/err" && ok ||
    bad "brief --actuals without a date: $(cat "$tmp/err")"
expect 3 "$PB" brief scenarios/fcw.cfg -n 4096 --actuals tests/data/track/bad-actuals.csv --as-of 12
grep -q '^pushback: tests/data/track/bad-actuals.csv:3: ' "$tmp/err" && ok || bad "brief, bad CSV actuals: $(cat "$tmp/err")"
expect 2 "$PB" brief scenarios/fcw.cfg -n 4096 --as-of yesterday
grep -q "^pushback: --as-of: 'as_of' must be" "$tmp/err" && ok || bad "brief --as-of yesterday: $(cat "$tmp/err")"
expect 2 "$PB" brief scenarios/fcw.cfg -n 4096 --actuals $acts --as-of 12 -o $acts
expect 2 "$PB" rehearse scenarios/fcw.cfg --actuals $acts

# brief --calibration: the pairs added to the file's, the calibrated P80 that of 'track'
printf 'id,min,most_likely,max,actual\nx,4,6,10,9\ny,2,3,5,3.5\nz,1,2,4,2.5\n' >"$tmp/hist.csv"
expect 0 "$PB" brief scenarios/fcw.cfg -n 4096 -t 2 --calibration "$tmp/hist.csv" -f json
cp "$tmp/out" "$tmp/bc.json"
expect 0 "$PB" track scenarios/fcw.cfg -n 4096 -t 2 --calibration "$tmp/hist.csv" --calibrated -f json
python3 - "$tmp/bc.json" "$tmp/out" <<'PY' && ok || bad "brief --calibration against track: $(head -c 300 "$tmp/bc.json")"
import json, sys
b, t = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
c = b["track"]["calibration"]
assert not b["track"]["tracked"] and c["pairs"] == 3 and c["too_few"], c
assert c["bias"] == t["calibration"]["bias"], (c, t["calibration"])
assert abs(c["calibrated_p80"] - t["calibrated"]["calibrated"]["p80"]) < 1e-9, (c, t["calibrated"])
PY
expect 0 "$PB" brief scenarios/fcw-week12.cfg -n 4096 -t 2 --calibration "$tmp/hist.csv" -f json
python3 -c 'import json, sys; c = json.load(open(sys.argv[1]))["track"]["calibration"]; assert c["pairs"] == 13, c' \
    "$tmp/out" && ok || bad "brief --calibration adds to the file's pairs"
expect 0 "$PB" brief - -n 4096 -t 2 --calibration "$tmp/hist.csv" -f json <scenarios/fcw.cfg
python3 -c 'import json, sys; c = json.load(open(sys.argv[1]))["track"]["calibration"]; assert c["pairs"] == 3, c' \
    "$tmp/out" && ok || bad "brief - --calibration: $(head -c 300 "$tmp/err")"
printf 'low,likely,high,actual\n4,6,10,nine\n' >"$tmp/badhist.csv"
expect 3 "$PB" brief scenarios/fcw.cfg -n 4096 --calibration "$tmp/badhist.csv"
grep -q "^pushback: $tmp/badhist.csv:2: " "$tmp/err" && ok || bad "brief, bad calibration CSV: $(cat "$tmp/err")"
