# CLI tests of the rehearsal as a negotiation (sourced by tests/cli/run.sh,
# which defines PB, tmp, ok, bad and expect): scripted sessions with
# --answers, --persona and -f json are deterministic; a caving script's
# final deal is reproduced exactly by 'pushback deal'; prepared, caving and
# stonewalling scripts score apart; each persona opens differently; bad
# flags are usage errors.
mkdir -p "$tmp/reh"
printf 'ok, 4 months then\nfine, we will label it ourselves\nok, 280k\nI promise 24 weeks\n' >"$tmp/reh/cave"
printf '%s\n' 'what is behind 24 weeks?' \
    'no: 35 weeks, that is our P80, 95% CI 34 to 36 weeks; 24 weeks holds in 8% of simulated projects' \
    'we can commit to 33 weeks if we take 8 people and USD 1.3M' >"$tmp/reh/prep"
printf 'no\nno\nno\nno\n' >"$tmp/reh/wall"
for k in cave prep wall; do
    expect 0 "$PB" rehearse scenarios/fcw.cfg -n 3000 --answers "$tmp/reh/$k" --persona product --seed 1 -f json
    cp "$tmp/out" "$tmp/reh/$k.json"
done
expect 0 "$PB" rehearse scenarios/fcw.cfg -n 3000 --answers "$tmp/reh/cave" --persona product --seed 1 -f json
cmp -s "$tmp/out" "$tmp/reh/cave.json" && ok || bad "a scripted rehearsal is not deterministic"
python3 - "$tmp/reh" <<'PY' && ok || bad "rehearse JSON: turns, deal, joint, score, debrief"
import json, sys
d = {k: json.load(open(f"{sys.argv[1]}/{k}.json")) for k in ("cave", "prep", "wall")}
for doc in d.values():
    for t in doc["turns"]:
        assert {"move", "says", "answer", "understood", "stance", "deal", "joint", "score"} <= set(t), t.keys()
        assert set(t["deal"]) == {"deadline", "budget", "confidence", "team", "people", "joining", "choices", "dropped"}
    b = doc["debrief"]
    assert {"deal", "joint", "score", "max_score", "rubric", "advice", "reproduce"} <= set(b)
    assert set(b["joint"]) == {"probability", "lo", "hi"} and len(b["rubric"]) == 7
cave, prep, wall = (d[k]["debrief"] for k in ("cave", "prep", "wall"))
assert cave["deal"]["deadline"] == 24 and cave["deal"]["budget"] == 280000, cave["deal"]
assert cave["deal"]["choices"]["labels"] == "in-house-labels" and cave["verdict"] == "fails"
assert cave["score"] < wall["score"] < prep["score"], (cave["score"], wall["score"], prep["score"])
assert prep["verdict"] == "holds" and 4 * prep["score"] >= 3 * prep["max_score"]
failed = {r["item"]: r["failed"] for r in cave["rubric"]}
assert failed["conceded when the numbers backed the manager"] >= 3, failed
assert failed["lowered the date or the money without changing an input"] >= 1, failed
assert len(cave["advice"]) >= 3 and all(a["say"] for a in cave["advice"])
# a concession is never asked back the next turn
turns = d["cave"]["turns"]
assert turns[0]["move"] == "time-cut" and turns[0]["stance"] == "concede"
assert turns[1]["move"] not in ("time-cut", "repeat-probe"), turns[1]["move"]
assert turns[1]["says"].startswith("Good, 17.4 weeks then. Now, "), turns[1]["says"]
# a number of the ask the engineer has since changed is never quoted back: after
# 'ok, 4 months then' no move says the ask's 35 weeks (promise-outcome is passed over)
assert all("35 weeks" not in t["says"] for t in turns[1:]), [t["says"] for t in turns]
# the interest (fcw's manager.interests) is told only after the question
assert "trade show" not in d["prep"]["turns"][0]["says"]
assert "trade show" in d["prep"]["turns"][1]["says"]
PY
# the caving deal, as 'pushback deal' states it, gives the same joint probability
cmd=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["debrief"]["reproduce"])' "$tmp/reh/cave.json")
case "$cmd" in "pushback deal scenarios/fcw.cfg "*) ok ;; *) bad "the debrief's reproduce line: $cmd" ;; esac
eval "\"\$PB\" ${cmd#pushback } -f json" >"$tmp/reh/deal.json" 2>"$tmp/err"
python3 - "$tmp/reh/cave.json" "$tmp/reh/deal.json" <<'PY' && ok || bad "pushback deal does not reproduce the debrief's deal: $cmd"
import json, sys
b = json.load(open(sys.argv[1]))["debrief"]
d = json.load(open(sys.argv[2]))
assert d["joint"] == b["joint"] and d["deal"] == b["deal"] and d["verdict"] == b["verdict"], (d["joint"], b["joint"])
PY
# each persona opens differently; the seed changes the order after the opening
for p in product finance techlead; do
    expect 0 "$PB" rehearse scenarios/fcw.cfg -n 3000 --answers "$tmp/reh/wall" --persona $p -f json
    python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["turns"][0]["says"])' "$tmp/out" >"$tmp/reh/open.$p"
done
[ "$(cat "$tmp/reh/open.product" "$tmp/reh/open.finance" "$tmp/reh/open.techlead" | sort -u | wc -l)" = 3 ] && ok ||
    bad "the personas open alike: $(cat "$tmp/reh/open.product" "$tmp/reh/open.finance" "$tmp/reh/open.techlead")"
# the text session: one line of the deal after every turn, the debrief, the transcript
expect 0 "$PB" rehearse scenarios/fcw.cfg -n 3000 --no-anchor --answers "$tmp/reh/cave" -o "$tmp/reh/cave.md"
[ "$(grep -c '^  Deal: .*P(all) .*(95% CI ' "$tmp/out")" = 4 ] && ok || bad "rehearse: no deal line after each turn"
grep -q '^Debrief: You agreed to 24 weeks' "$tmp/out" && grep -q '^Score: -[0-9]* of ' "$tmp/out" && ok || bad "rehearse text debrief"
grep -q '^## Debrief' "$tmp/reh/cave.md" && grep -q '\*Say instead:\*' "$tmp/reh/cave.md" && ok || bad "transcript debrief"
# usage errors
expect 2 "$PB" rehearse scenarios/fcw.cfg --persona nobody --answers "$tmp/reh/wall" -f json
grep -q "unknown persona 'nobody'" "$tmp/err" && ok || bad "an unknown persona is not named"
expect 2 "$PB" rehearse scenarios/fcw.cfg --answers "$tmp/reh/no-such-file" -f json
expect 2 "$PB" rehearse scenarios/fcw.cfg -f csv
# a scenario that asks for nothing has no deal to start from: invalid input, nothing written
grep -v '^ask' tests/data/small.cfg >"$tmp/reh/noask.cfg"
expect 3 "$PB" rehearse "$tmp/reh/noask.cfg" -n 1000 --answers "$tmp/reh/wall" -o "$tmp/reh/noask.md"
grep -q "noask.cfg: the rehearsal starts from your ask" "$tmp/err" && [ ! -e "$tmp/reh/noask.md" ] && ok ||
    bad "rehearse without an ask: $(cat "$tmp/err")"
# one iteration count: the deal line of a turn and the prep sheet's line to say instead quote
# the same evaluation ("ok, 24 weeks" is the time-cut move's own deal)
printf '%s\n' 'ok, 24 weeks' 'no' >"$tmp/reh/24"
expect 0 "$PB" rehearse scenarios/fcw.cfg -n 3000 --no-anchor --answers "$tmp/reh/24" -o /dev/null
python3 - "$tmp/out" <<'PY' && ok || bad "rehearse: the deal line and 'say instead' differ: $(head -c 600 "$tmp/out")"
import re, sys
text = open(sys.argv[1]).read()
deal = re.search(r"Deal: 24 weeks.*P\(all\) (\S+ \(95% CI [^)]*\))", text).group(1)
say = re.search(r"Turn 1 \(time-cut\).*\n  Say instead: (\S+ of simulated projects \(95% CI [^)]*\))", text).group(1)
assert say.replace(" of simulated projects", "") == deal, (deal, say)
PY
# names, not ids (issue 12): the echo of an answer, the deal line and the debrief call an
# alternative what the prep sheet calls it; only the command to reproduce the deal says
# "choice=alternative". The debrief's date and budget are a pair that holds together: 'pushback
# deal' at those two figures (the deal's team and choices) holds in at least the confidence,
# within 2.5 half-widths (never the two marginal P80s, which hold together in less).
printf '%s\n' 'skip' 'fine, we will label it ourselves' 'ok, 280k' 'no' 'no' >"$tmp/reh/names"
expect 0 "$PB" rehearse scenarios/fcw.cfg -n 3000 --answers "$tmp/reh/names" -o /dev/null --seed 1
cp "$tmp/out" "$tmp/reh/names.out"
python3 - "$tmp/reh/names.out" "$PB" <<'PY' && ok || bad "rehearse: ids in its words, or a date and budget that do not hold together: $(head -c 900 "$tmp/reh/names.out")"
import json, re, shlex, subprocess, sys
text = open(sys.argv[1]).read()
said, again = text.split("The deal again:")
assert "our data team labels the frames" in said, said
for word in ("in-house-labels", "labels=", "labels: ", "three-ml", "with-dashboard"):
    assert word not in said, word
m = re.search(r"(\d+)% confidence in both at once needs ([0-9.]+) weeks and USD ([0-9.]+)(k|M) "
              r"together \(([0-9.]+)% of simulated projects make both", said)
c, date, money = int(m.group(1)) / 100, float(m.group(2)), float(m.group(3)) * (1e3 if m.group(4) == "k" else 1e6)
cmd = shlex.split(again.strip().splitlines()[0])
cmd[0] = sys.argv[2]
for flag, v in (("--deadline", date), ("--budget", money)):
    cmd[cmd.index(flag) + 1] = repr(v)
j = json.loads(subprocess.run(cmd + ["-f", "json"], capture_output=True, text=True, check=True).stdout)["joint"]
assert j["probability"] >= c - 2.5 * (j["hi"] - j["lo"]) / 2, (j, c, date, money)
assert abs(j["probability"] - float(m.group(5)) / 100) <= 2.5 * (j["hi"] - j["lo"]) / 2, (j, m.group(5))
PY
# the personas in step with manager.cfg (issue 12): their shared rules word as manager.cfg's but
# for their own voice, and every offer and change kind is theirs or absent with a reason
python3 tests/cli/personas.py >"$tmp/reh/personas" 2>&1 && ok || bad "personas: $(grep FAIL "$tmp/reh/personas" | head -n 3)"
