# CLI tests of the ML features' remaining outputs (sourced by tests/cli/run.sh, which defines
# PB, tmp, ok, bad and expect; docs/ml.md): check -f json lists the ML features, a departure
# at a stated week reproduces the brief's key-person deal through 'pushback deal --set'.

# check -f json: the "ML:" line of the text check, as "ml"; attrition's 'at' in "people"
expect 0 "$PB" check scenarios/fcw.cfg -f json
cp "$tmp/out" "$tmp/ml-fcw.json"
expect 0 "$PB" check scenarios/defect-segmentation.cfg -f json
cp "$tmp/out" "$tmp/ml-defect.json"
expect 0 "$PB" check scenarios/first.cfg -f json
cp "$tmp/out" "$tmp/ml-first.json"
expect 0 "$PB" check scenarios/triage-assistant.cfg -f json \
    --set 'attrition=( { role = "ml"; probability = 1.0; replace = 3.0; at = 10.0; } )'
cp "$tmp/out" "$tmp/ml-triage.json"
python3 - "$tmp" <<'PY' && ok || bad "check -f json ml: $(tail -n 1 "$tmp/py.err")"
import json, sys
t = sys.argv[1]
fcw, defect, first, triage = (json.load(open("%s/ml-%s.json" % (t, n))) for n in ("fcw", "defect", "first", "triage"))
assert fcw["ml"]["rounds"] == [{"milestone": "train", "max": 4, "gate": True}], fcw["ml"]
c = defect["ml"]["learning_curve"]
assert c["name"] == "defect miss rate" and c["target"] == 0.08, c
assert "ml" not in first, first.keys()
a = triage["people"]["attrition"][0]
assert a == {"role": "ml", "probability": 1.0, "replace_mean": 3.0, "at": 10.0}, a
PY
expect 0 "$PB" check scenarios/triage-assistant.cfg \
    --set 'attrition=( { role = "ml"; probability = 1.0; replace = 3.0; at = 10.0; } )'
grep -q '^  attrition: one ml leaves with probability 1 at 10 weeks, replaced after 3 weeks on average$' \
    "$tmp/out" && ok || bad "check: attrition at a stated week: $(grep attrition "$tmp/out")"
expect 2 "$PB" check scenarios/triage-assistant.cfg \
    --set 'attrition=( { role = "ml"; probability = 1.0; replace = 3.0; at = -1.0; } )'

# compare and seek: the joins and attrition, as simulate reports them on the same draws (seek's
# base run is 10x its -n)
expect 0 "$PB" compare scenarios/triage-assistant.cfg -n 4000 -t 2 -f json
cp "$tmp/out" "$tmp/ml-cmp.json"
expect 0 "$PB" simulate scenarios/triage-assistant.cfg -n 4000 -t 2 -f json
cp "$tmp/out" "$tmp/ml-sim.json"
expect 0 "$PB" seek scenarios/triage-assistant.cfg -n 400 -t 2 -f json
cp "$tmp/out" "$tmp/ml-seek.json"
python3 - "$tmp" <<'PY' 2>"$tmp/py.err" && ok || bad "compare/seek people: $(tail -n 1 "$tmp/py.err")"
import json, sys
t = sys.argv[1]
cmp, sim, seek = (json.load(open("%s/ml-%s.json" % (t, n))) for n in ("cmp", "sim", "seek"))
assert cmp["options"][0]["team_changes"] == sim["people"], (cmp["options"][0]["team_changes"], sim["people"])
assert seek["team_changes"] == sim["people"], (seek["team_changes"], sim["people"])
# common random numbers: the departures happen in the same simulated projects for every option
left = {o["name"]: o["team_changes"]["attrition"][0]["left"]["probability"] for o in cmp["options"]}
assert len(set(left.values())) == 1, left
PY
expect 0 "$PB" compare scenarios/triage-assistant.cfg -n 4000 -t 2
grep -q '^People joining and leaving (weeks)$' "$tmp/out" && grep -q '^  one-ml$' "$tmp/out" &&
    grep -q '^    ml               +1 at 6.00, ramp-up 3.00' "$tmp/out" && ok || bad "compare: no People section"
expect 0 "$PB" seek scenarios/triage-assistant.cfg -n 400 -t 2
grep -q '^People joining and leaving (weeks; the plan as it stands)$' "$tmp/out" && ok || bad "seek: no People section"
# no joins or attrition: no section, no key
expect 0 "$PB" seek scenarios/first.cfg -n 1000 -t 2 -f json
grep -q team_changes "$tmp/out" && bad "seek on first.cfg has team_changes" || ok
