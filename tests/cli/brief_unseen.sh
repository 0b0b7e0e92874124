# The prep sheet read blind (sourced by tests/cli/run.sh, which defines PB, tmp, ok, bad and
# expect): three scenarios written without looking at the bundled briefs
# (tests/scenarios/unseen-*.cfg), each item a reading found wrong, tested at its cause.

for f in tests/scenarios/unseen-*.cfg; do
    b=$(basename "$f" .cfg)
    expect 0 "$PB" brief "$f" -n 4096 -t 2
    cp "$tmp/out" "$tmp/$b.txt"
    expect 0 "$PB" brief "$f" -n 4096 -t 2 -f json
    cp "$tmp/out" "$tmp/$b.json"
    # no interval that reads as an arrow ("99.9%->99.9%"), no "With X already agreed, With Y",
    # no "as planned, 8 people" for a plan of 7, no negative saving ("cheaper (USD -58k"),
    # and the words of 7d (no interval said twice, no "0%", "100%", "-0.0")
    if grep -En '%->|%-<|agreed, With|as planned, [0-9]|[A-Z]{3} -[0-9]|CI ([<>]?[0-9.,]+%?)-\1\b|[^0-9.<>]0%|(^|[^0-9.])100%|-0\.0\b' \
        "$tmp/$b.txt" >"$tmp/bad-words"; then
        bad "$b brief says: $(head -n 2 "$tmp/bad-words")"
    else ok; fi
    # the concessions that join the deal are named by their numbers, each a conceded move; a
    # dismissed risk never joins; every skipped move is in the text's appendix
    python3 - "$tmp/$b.json" "$tmp/$b.txt" 2>"$tmp/py.err" <<'PY' && ok || bad "$b: $(tail -n 1 "$tmp/py.err")"
import json, re, sys
d = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
sheet = text.split("\nOptions side by side")[0].split("\nMoves not raised")[0].split("\nGaps a manager")[0]
moves = {int(m.group(1)): m.group(2) for m in re.finditer(r'^(\d+)\. "[^\n]*\n([^\n]*)', sheet, re.M)}
joins = re.search(r"^Concessions that join the deal, in the order they are made: ([0-9, and]+)\.", text, re.M)
for n in (re.findall(r"\d+", joins.group(1)) if joins else []):
    assert moves[int(n)].startswith("We agree."), (n, moves[int(n)])
for m in d["moves"]:
    sets = (m.get("deal") or {}).get("sets") or []
    assert not any(".probability=0" in s for s in sets if m["id"] != "risk-dismissed"), (m["id"], sets)
for s in d.get("skipped", []):  # listed in the text; none for a name the brief forgot to set
    assert "- %s: " % s["id"] in text, s["id"]
    assert "has no value here" not in s["reason"], s
p80 = d["cost"]["percentiles"]["p80"]["value"]
# the sheet commits to what the proposal page commits to: the start deal, with how often it holds
if d["start"]["deal"]["deadline"] is not None:
    assert re.search(r"^\**Commit to [^:]*: [<>0-9.]+% of simulated projects (do both|make it) \(the date alone: our P",
                     text, re.M), "the lead does not commit to the start"
for m in d["moves"]:  # no deal offered is sooner at C than the walk-away the sheet states
    for x in ((m.get("offer") or {}).get("deal"),):  # beyond its 95% interval
        if x and x.get("feasible") and x.get("date"):
            assert x["date"]["hi"] >= d["walk_away"] - 1e-9, (m["id"], x["date"], d["walk_away"])
for m in d["moves"]:  # the head count stated is the one simulated
    if m.get("deal") and m["deal"].get("feasible") and " people (" in m["text"]:
        # add-people-late states the agreed team ("4 people, ... already agreed") and the best
        # team from the start, tested below ("add-people-late best team")
        said = "%d people" if m["id"] == "add-people-late" else "%d people ("
        assert said % m["deal"]["people"] in m["text"], (m["id"], m["text"])
if "recsys" in sys.argv[1]:  # the annotation move fires on an in-house alternative of any name
    a = next(m for m in d["moves"] if m["id"] == "annotate-yourselves")
    assert a["deal"]["choices"].get("labels") == "merch-team", a["deal"]["choices"]
    # from the audited start (the over-asked date conceded up front) it fails, and even where
    # it holds it costs more than the plan: not conceded (the interest is cash), and the
    # counter-offer is the cheaper crowd
    assert a["verdict"] == "rebut", (a["deal"]["verdict"], a["verdict"])
    assert d["start"]["from"] == "audit" and a["deal"]["deadline"] == d["start"]["deal"]["deadline"], a["deal"]
    assert a["offer"]["deal"]["choices"].get("labels") == "crowd-judges", a["offer"]["deal"]["choices"]
for m in d["moves"]:
    o = m.get("offer")
    if not o:
        continue
    if m["id"] == "budget-cut":  # a budget move's offer costs less than the plan at the P80
        assert o["deal"]["cost"]["value"] < p80, (o["deal"]["cost"], p80)
    if m["id"] == "give-it-elsewhere":  # a BATNA is never answered with more people or money
        assert o["deal"]["people"] <= m["deal"]["people"], (o["deal"]["people"], m["deal"]["people"])
        assert m["deal"]["budget"] is None or o["deal"]["budget"] <= m["deal"]["budget"], m["id"]
    if m["id"] == "budget-cut":  # the earliest deal that fits the budget, and it holds; or none,
        # and then the cheapest at the pair it holds at, above the manager's budget
        holds = o["deal"]["verdict"] == "holds"
        assert holds or " promised together " not in o["text"], o["text"]
        if o["text"].startswith("No deal we found fits"):
            assert o["deal"]["budget"] > m["deal"]["budget"], (o["deal"]["budget"], m["deal"]["budget"])
        else:
            assert holds and o["deal"]["cost"]["value"] <= o["deal"]["budget"], o["deal"]
    # an offer that names an amount to offer is a deal that holds at it (never two marginal P80s)
    if re.search(r"\bOffer [A-Z]{3} ", o["text"]) and " promised together " in o["text"]:
        assert o["deal"]["verdict"] == "holds", (m["id"], o["deal"]["verdict"], o["text"])
        assert "Offer %s" % o["text"].split("Offer ")[-1].split(" by ")[0] in o["text"]
# no offer is said twice: a later move with the same offer deal refers back to it
said = [m["offer"]["text"] for m in d["moves"] if m.get("offer") and "same_as" not in m["offer"]]
assert len(said) == len(set(said)), [t for t in said if said.count(t) > 1][:1]
# an offer never asks for more people than a head count conceded before it (bar a people move's)
agreed = None
for m in d["moves"]:
    o = m.get("offer")
    if agreed and o and o["kind"] != "people":
        assert o["deal"]["people"] <= agreed, (m["id"], o["deal"]["people"], agreed)
    if m["verdict"] == "concede" and (m.get("change") or {}).get("people"):
        agreed = m["deal"]["people"]
PY
done
grep -q '^Concessions that join the deal, in the order they are made: [0-9, ]* and [0-9]*\.' \
    "$tmp/unseen-speech.txt" && ok || bad "unseen-speech: the concessions are not named"
# the under-ask is warned first, before any move
grep -n '^- under-ask: ' "$tmp/unseen-small.txt" | head -n 1 | grep -q '^[0-9]:' && ok ||
    bad "unseen-small: no under-ask warned first"
# a plan without optional scope is not told "without all of it" ("push harder" now answers with
# the date the agreed deal holds at, never a scope cut)
! grep -q 'without all of it' "$tmp/unseen-small.txt" && ok || bad "unseen-small: drop-optional on no optional scope"
# a people offer states both costs, never a saving of noise ("saves EUR 56")
grep -q 'it costs EUR [0-9.,]*k* at 80%, against EUR [0-9.,]*k* for the plan' "$tmp/unseen-recsys.txt" &&
    ! grep -q 'it saves' "$tmp/unseen-recsys.txt" && ok || bad "unseen-recsys: people offer costs"
# a choice move's "already agreed" leaves out the alternative it replaces
! grep -q "With 'crowd-judges' (and 'merch-team'" "$tmp/unseen-recsys.txt" && ok ||
    bad "unseen-recsys: the replaced alternative is called agreed"
# the dominated plan heads the prep sheet on both scenarios where an option dominates it
for b in unseen-recsys unseen-speech; do
    sed -n '5,6p' "$tmp/$b.txt" | grep -q '^- dominated: ' && ok || bad "$b: dominated plan not first"
done
# the prep sheet lists the skipped moves in text and Markdown; the HTML has the interests
expect 0 "$PB" brief scenarios/fcw.cfg -n 2048 -t 2 -f md
grep -q '^### Moves not raised, and what the scenario would need' "$tmp/out" && ok || bad "md: no skipped appendix"
expect 0 "$PB" brief scenarios/fcw.cfg -n 2048 -t 2 -f html
grep -q '<section id="interests">' "$tmp/out" && grep -q 'trade show in week 24' "$tmp/out" && ok ||
    bad "html: no interests"
# every moves[].deal and offer.deal of the unseen briefs re-evaluates with 'pushback deal'
for f in tests/scenarios/unseen-*.cfg; do
    python3 tests/cli/brief_deals.py "$PB" "$f" >"$tmp/bd" 2>&1 && ok || bad "brief deals $f: $(tail -n 3 "$tmp/bd")"
done
# "If it's late, we'll add people then" is simulated: the move's deal adds people to one role
# halfway through the median plan (a team.ROLE.joins --set), and 'pushback deal' with that --set
# gives the same probability
python3 - "$PB" "$tmp" 2>"$tmp/py.err" <<'PY' && ok || bad "add-people-late: $(tail -n 1 "$tmp/py.err")"
import json, subprocess, sys
sys.path.insert(0, "tests/cli")
from brief_deals import deal_args
pb, t = sys.argv[1], sys.argv[2]
for b in ("unseen-fraud", "unseen-docs"):
    m = next(m for m in json.load(open("%s/%s.json" % (t, b)))["moves"] if m["id"] == "add-people-late")
    sets = m["deal"]["sets"]
    assert len(sets) == 1 and sets[0].startswith("team.") and ".joins=(" in sets[0], sets
    assert "halfway through the median plan" in m["text"] and "without" in m["text"], m["text"]
    r = subprocess.run([pb, "deal", "tests/scenarios/%s.cfg" % b] + deal_args(m["deal"], None),
                       capture_output=True, text=True, check=True)
    got = json.loads(r.stdout)
    assert got["joint"]["probability"] == m["joint"]["probability"], (b, got["joint"], m["joint"])
    assert "joins_payback" in got, sorted(got)
PY
# the best team from the start that the add-later move quotes keeps what is agreed (its
# choices and drops: reading s24 R10): 'pushback deal' with that team, the agreed deal's choices
# and drops, at the manager's deadline, gives the same P(date alone)
python3 - "$PB" "$tmp" 2>"$tmp/py.err" <<'PY' && ok || bad "add-people-late best team: $(tail -n 1 "$tmp/py.err")"
import glob, json, os, re, subprocess, sys
sys.path.insert(0, "tests/cli")
from brief_deals import deal_args
pb, t = sys.argv[1], sys.argv[2]
said = re.compile(r"with what is agreed, a team of (\d+ people \(([^)]*)\))[^.]*? from the start "
                  r"does it in ([<>]?[\d.]+)%|the best team from the start we found, with what is "
                  r"agreed, reaches ([<>]?[\d.]+)% with (\d+ people \(([^)]*)\))")
checked = 0
for f in sorted(glob.glob("tests/scenarios/unseen-*.cfg")):
    b = os.path.basename(f)[:-4]
    d = json.load(open("%s/%s.json" % (t, b)))
    m = next((m for m in d["moves"] if m["id"] == "add-people-late" and m["deal"]), None)
    if not m or "decided now" not in m["text"]:  # conceded: adding people then keeps the deal
        continue
    g = said.search(m["text"])
    assert g, (b, m["text"])
    roles, pct = (g.group(2), g.group(3)) if g.group(1) else (g.group(6), g.group(4))
    team = {r: 0 for r in m["deal"]["team"]}
    for n, r in re.findall(r"(\d+) ([\w-]+)", roles):
        team[r] = int(n)
    deal = dict(m["deal"], deadline=d["manager"]["deadline"], budget=None, team=team, sets=[],
                joining=[], searched=False, metric=False)
    r = subprocess.run([pb, "deal", f] + deal_args(deal, None), capture_output=True, text=True,
                       check=True)
    p = 100 * json.loads(r.stdout)["deadline"]["probability"]
    if pct.startswith("<"):
        assert p < float(pct[1:]), (b, pct, p)
    elif pct.startswith(">"):
        assert p > float(pct[1:]), (b, pct, p)
    else:
        assert abs(p - float(pct)) <= (0.05 if "." in pct else 0.5), (b, pct, p, m["text"])
    checked += 1
assert checked >= 3, checked
PY

# The second blind reading (unseen-docs, unseen-fraud, unseen-migration), each item at its cause.
# Money in the audit is rounded as the rest of the sheet rounds it: never "GBP 249,605"
for b in unseen-docs unseen-fraud unseen-migration; do
    sed -n '/^First, our own ask/,/^Commit to/p' "$tmp/$b.txt" >"$tmp/audit"
    ! grep -Eq '[A-Z]{3} [0-9]{2,3},[0-9]{3}' "$tmp/audit" && ok || bad "$b: unrounded money in the audit"
done
# the engineer's own 150 days and GBP 240k hold with the adopted dominating deal (crowd-labels):
# no under-ask; the padding is judged on the plan as written, 150 days lowered to its fair ask
# (the one-line under-ask of two asks, reading B4, is test_audit's)
! grep -q '^- under-ask: ' "$tmp/unseen-docs.txt" &&
    grep -q '^- over-ask: We asked for 150.0 days; 9[0-9.]* days covers 80%' "$tmp/unseen-docs.txt" &&
    grep -q '^Commit to 9[0-9.]* days and GBP 240k' "$tmp/unseen-docs.txt" && ok ||
    bad "unseen-docs: the ask is not audited on the adopted deal"
# a fifth backend engineer who buys no date makes the plan dominated (an over-ask on people)
grep -q '^- dominated: The plan is dominated: 4 backend instead of 5 is as soon (.*within the simulation.s noise) and cheaper' \
    "$tmp/unseen-migration.txt" && ok || bad "unseen-migration: the idle person is not flagged"
# "That risk won't happen": the risk is named, with it and without it side by side; conceded
# only when the deal holds with it, rebutted (with both numbers) when it fails either way
python3 - "$tmp" 2>"$tmp/py.err" <<'PY' && ok || bad "risk-dismissed: $(tail -n 1 "$tmp/py.err")"
import json, sys
for b in ("unseen-docs", "unseen-fraud", "unseen-migration"):
    d = json.load(open("%s/%s.json" % (sys.argv[1], b)))
    m = next(m for m in d["moves"] if m["id"] == "risk-dismissed")
    assert "cannot hurt" not in m["text"] and "without it" in m["text"], (b, m["text"])
    assert " in the plan" in m["text"] and m["text"].count("%") >= 4, (b, m["text"])
    if m["verdict"] == "concede":
        assert m["text"].startswith("Planning without it changes nothing here"), (b, m["text"])
f = json.load(open("%s/unseen-fraud.json" % sys.argv[1]))
m = next(m for m in f["moves"] if m["id"] == "risk-dismissed")
# the fraud ask was short of money: the negotiation starts from the audited ask, which holds
# with the risk in, so dismissing it changes nothing (conceded, never "only without it")
assert f["start"]["from"] == "audit" and m["verdict"] == "concede", m
assert m["deal"]["deadline"] == f["start"]["deal"]["deadline"], (m["deal"], f["start"])
assert "does not hold" not in m["text"] and "Only without it" not in m["text"], m["text"]
PY
# the return on a plan counted in working days: GBP 110k a year is GBP 422 a working day
grep -q 'at GBP 422 a day it pays for itself' "$tmp/unseen-docs.txt" && ok ||
    bad "unseen-docs: the value of a working day"
# the first deliverable is named once
! grep -q 'Pilot with the procurement team is done by 95 days.*the first, Pilot' "$tmp/unseen-docs.txt" && ok ||
    bad "unseen-docs: the first deliverable named twice"
# the precedent like for like is our model at its size (effort scaled by 0.7, calendar steps as
# they are) with its 4 people, against the 22 weeks it took: the share is the one `pushback deal
# --set scale=0.7` gives, and a model that slow is said to disagree, never read as support
expect 0 "$PB" brief scenarios/fcw.cfg -n 4096 -t 2
cp "$tmp/out" "$tmp/fcw-like.txt"
"$PB" deal scenarios/fcw.cfg --team ml=2,data=1,embedded=1 --deadline 22 --set scale=0.7 -n 4096 \
    -t 2 -f json >"$tmp/like.json" 2>&1
python3 - "$tmp/fcw-like.txt" "$tmp/like.json" 2>"$tmp/py.err" <<'PY' && ok || bad "fcw: the precedent like for like: $(tail -n 1 "$tmp/py.err")"
import json, re, sys
text = open(sys.argv[1]).read()
d = json.load(open(sys.argv[2]))
m = re.search(r"took 22 weeks with 4 people; our plan at its size \(0.7 of ours, effort scaled, "
              r"calendar steps as they are\) with 4 people \(2 ml, 1 data, 1 embedded\) finishes as "
              r"fast in ([0-9.]+)% .*?\(median ([0-9.]+) weeks\): the model is slower than the precedent", text)
assert m, "no like-for-like line"
assert abs(float(m.group(1)) - 100 * d["deadline"]["probability"]) < 0.051, (m.group(1), d["deadline"])
assert abs(float(m.group(2)) - d["duration"]["percentiles"]["p50"]["value"]) < 0.051, m.group(2)
assert "agrees with the precedent" not in text and "faster outcomes" not in text
PY
# a move that asks for nothing the agreed deal does not already give is moot, not raised: "can't 3
# do it?" never undoes an agreed 2, "are you sure you can't do 20 weeks?" is not asked of an
# agreed 20; a cheaper option agreed joins the deal, and one that gives up the metric is not agreed
python3 - "$tmp" 2>"$tmp/py.err" <<'PY' && ok || bad "moot and cheapest: $(tail -n 1 "$tmp/py.err")"
import json, sys
t = sys.argv[1]
docs = json.load(open(t + "/unseen-docs.json"))
skip = {s["id"]: s["reason"] for s in docs["skipped"]}
# the precedent's 2 people are tested at the agreed date (95 days), not the start's 150 days
# (the engineer's own, which holds with the adopted crowd-labels), and not agreed
a = next(m for m in docs["moves"] if m["id"] == "headcount-analogy")
assert a["verdict"] == "rebut" and a["deal"]["people"] == 2, a
assert a["deal"]["deadline"] <= docs["start"]["deal"]["deadline"] <= 150, (a["deal"], docs["start"])
assert skip.get("repeat-probe", "").startswith("moot: 95 days already agreed"), skip
ids = [m["id"] for m in docs["moves"]]
assert "repeat-probe" not in ids, ids
c = next(m for m in docs["moves"] if m["id"] == "cheapest-option")
assert c["verdict"] == "concede" and c["deal"]["choices"].get("alerts") == "no-alerts", c
later = [m for m in docs["moves"][ids.index("cheapest-option") + 1:] if m.get("deal")]
assert later and all(m["deal"]["choices"].get("alerts") == "no-alerts" for m in later), \
    [(m["id"], m["deal"]["choices"]) for m in later]
fraud = json.load(open(t + "/unseen-fraud.json"))
c = next(m for m in fraud["moves"] if m["id"] == "cheapest-option")
assert c["verdict"] == "rebut" and "meets the target metric in 68% (the plan as asked: 97%)" in c["text"], c
assert c["offer"] is None and "review-15k' does best" not in c["text"], c
PY
# the kill point of a spike without a success rate says what its "go" means
grep -q 'It says go in 80% of them (go means only that the work fits its time-box' "$tmp/unseen-docs.txt" &&
    ok || bad "unseen-docs: a time-box read as odds that the idea works"
# the manager page's choice table cuts neither a long choice name nor an alternative's: in text
# the choice heads its rows, and an alternative is said by its name (here the milestone name its
# patch writes, and for the plan the milestone as it is), wrapped at a word, never by its id
expect 0 "$PB" brief --for manager tests/scenarios/unseen-fraud.cfg -n 4096 -t 2
grep -q '^How many transactions the analysts review:$' "$tmp/out" &&
    grep -q '^  Analysts review 15,000 borderline  ' "$tmp/out" &&
    grep -q '^  Analysts review 40,000 borderline  ' "$tmp/out" &&
    grep -q '^  transactions (the plan)$' "$tmp/out" && ! grep -q 'review-15k' "$tmp/out" && ok ||
    bad "unseen-fraud: the manager page cut a choice's or an alternative's name"

# The prep sheet's words, third reading. Money in the moves is rounded like the rest of the
# sheet: the return per week is "USD 8k", never "USD 8,049"
for b in unseen-docs unseen-fraud unseen-migration; do
    ! grep -Eq '[A-Z]{3} -?[0-9],[0-9]{3}\b' "$tmp/$b.txt" && ok || bad "$b: unrounded money in a move"
done
grep -q 'It is worth USD 8k a week in use' "$tmp/unseen-migration.txt" && ok ||
    bad "unseen-migration: the return is not rounded"
# a scope cut off the critical path buys no time and says so with both dates, never offered as if
# it helped; the demo move points to the milestones each done by the date, as the time move does
python3 - "$tmp" 2>"$tmp/py.err" <<'PY' && ok || bad "scope and demo: $(tail -n 1 "$tmp/py.err")"
import json, re, sys
d = json.load(open(sys.argv[1] + "/unseen-migration.json"))
cut = next(m for m in d["moves"] if m["id"] == "cut-scope")
t = cut["offer"]["text"]
assert t.startswith("No counter-offer on scope: dropping the optional part buys no time."), t
assert re.search(r"is done by [0-9.]+ weeks in 80% of simulated projects, against [0-9.]+ weeks with it", t), t
demo = next(m for m in d["moves"] if m["id"] == "demo-earlier")
# an internal milestone is never offered as a first delivery (reading A11): the one deliverable
# (the cutover) is not done by 20 weeks, so the time move says nothing a user can see exists then
staged = [m["offer"]["text"] for m in d["moves"] if (m.get("offer") or {}).get("text", "").startswith("Our counter-offer in stages")]
assert not staged, staged
tc = next(m for m in d["moves"] if m["id"] == "time-cut")
assert "the plan's one deliverable is not done by 20 weeks" in tc["offer"]["text"], tc["offer"]["text"]
assert demo["verdict"] == "rebut", demo
assert re.search(r"^No deliverable \(of 1\) is done by 20 weeks with 80% confidence, but [1-9][0-9]* of 9 "
                 r"milestones are each done by then in 80% of simulated projects \(each on its own, "
                 r"not all together\), up to '[^']+' \(by [0-9.]+ weeks\): show that work", demo["text"]), demo["text"]
assert not any(m["id"] == "demo-nothing-done" for m in d["moves"]), "both demo moves raised"
PY

# unseen-rag: the plan as written buys its model (kind "buy" on the choice's first
# alternative), so "Why build it? Use an off-the-shelf model." is not raised (it was, and
# conceded a spike on an off-the-shelf model); a span of one unit is singular ("ramping up over
# 1 month", was "1 months") on every unseen sheet
python3 - "$tmp/unseen-rag.json" "$tmp/unseen-rag.txt" 2>"$tmp/py.err" <<'PY' && ok || bad "unseen-rag: $(tail -n 1 "$tmp/py.err")"
import json, sys
d = json.load(open(sys.argv[1]))
assert not any(m["id"] == "off-the-shelf" for m in d["moves"]), "off-the-shelf raised"
s = next(s for s in d["skipped"] if s["id"] == "off-the-shelf")
assert "already buys" in s["reason"], s
assert "ramping up over 1 month (" in open(sys.argv[2]).read()
PY
if cat "$tmp"/unseen-*.txt | grep -En '(^|[^0-9.])1 (weeks|months|days)\b' >"$tmp/plural"; then
    bad "a span of 1 in the plural: $(head -n 1 "$tmp/plural")"
else ok; fi

# triage: the sheet said "below 19.5 weeks no offer on the table reaches 80%" and then offered the
# full scope at 19 weeks with 'vendor-addon': the walk-away is no later than the frontier's
# earliest deal, so no deal it offers or quotes is sooner
expect 0 "$PB" brief scenarios/triage-assistant.cfg -n 4096 -t 2 -f json
python3 - "$tmp/out" 2>"$tmp/py.err" <<'PY' && ok || bad "triage walk-away: $(tail -n 1 "$tmp/py.err")"
import json, sys
d = json.load(open(sys.argv[1]))
dates = [x["date"]["hi"] for m in d["moves"] for x in ((m.get("offer") or {}).get("deal"),)
         if x and x.get("feasible") and x.get("date")]
assert min(dates) >= d["walk_away"] - 1e-9, (min(dates), d["walk_away"])
assert d["walk_away"] <= d["commitment"]["value"], d["commitment"]
PY

# The worded offers, fourth reading (a kind of the one offer registry each, words in the
# rulebook). A gate offer belongs to a move about the gate's milestone: "that risk won't happen"
# on a risk elsewhere gets none; the same risk moved onto the gate's milestone gets the gate
sed -n '/That risk won.t happen/,/^$/p' "$tmp/unseen-fraud.txt" >"$tmp/risk-move"
! grep -q 'go/no-go gate' "$tmp/risk-move" && ok || bad "unseen-fraud: a gate offered on another milestone's risk"
# from the audited start the bundled move is a question answered (the commitment stands with the
# risk in): no "We agree", no offer. A move that rebuts it gets the gate exactly when the risk is
# on the gate's own milestone
grep -q '^Planning without it changes nothing here' "$tmp/risk-move" && ! grep -q '^- ' "$tmp/risk-move" &&
    ! grep -q 'We agree' "$tmp/risk-move" && ok || bad "unseen-fraud: the risk move: $(cat "$tmp/risk-move")"
cat >"$tmp/risk.cfg" <<'EOF'
rules = ( { id = "risk-dismissed"; topic = "risk"; when = "sim.risk_delay > 0"; change = { risk = "top"; };
            hypothetical = true; says = "That risk won't happen."; rebut = "It will.";
            concede_if = "0"; concede = "-"; offers = ["decision-gate"]; } );
EOF
expect 0 "$PB" brief tests/scenarios/unseen-fraud.cfg -n 4096 -t 2 --rulebook "$tmp/risk.cfg"
! grep -q 'go/no-go gate' "$tmp/out" && grep -q '^It will\.$' "$tmp/out" && ok ||
    bad "unseen-fraud: a gate offered on another milestone's risk (rebutted)"
expect 0 "$PB" brief tests/scenarios/unseen-fraud.cfg -n 4096 -t 2 --rulebook "$tmp/risk.cfg" --set 'risks.audit.milestone="tune"'
grep -q "^- Our counter-offer: a go/no-go gate at 'Train and tune" "$tmp/out" && ok ||
    bad "unseen-fraud: no gate offer on a risk of the gate's own milestone"
# the time-box quotes work rounded as the sheet rounds time, never "5.85 person-weeks"
expect 0 "$PB" brief scenarios/triage-assistant.cfg -n 4096 -t 2
grep -q "^- Our counter-offer: time-box .* to [0-9.]* person-weeks, its own 80% estimate" "$tmp/out" &&
    ! grep -Eq '[0-9]\.[0-9]{2,} person-' "$tmp/out" && ok || bad "time-box work not rounded"
# add-people states the smallest team within the noise of the fastest: on unseen-migration 9 people
# (7 backend) gain nothing over the plan's backend, and 6 (4 backend) are as fast
sed -n '/^offer_words/,/^};/p' scenarios/rulebooks/manager.cfg >"$tmp/ap.cfg"
printf 'rules = ( { id = "r"; says = "Faster?"; rebut = "No."; offers = ["add-people"]; } );\n' >>"$tmp/ap.cfg"
expect 0 "$PB" brief tests/scenarios/unseen-migration.cfg -n 4096 -t 2 --rulebook "$tmp/ap.cfg" --set manager.deadline=18
grep -q '^- No counter-offer in people: no team size gets there; the best is [0-9.]*% by 18 weeks with 6 people (4 backend, 1 sre, 1 qa)' "$tmp/out" &&
    ! grep -q '9 people' "$tmp/out" && ok || bad "unseen-migration: add-people offers a team that gains nothing"
# no offer prose is left in C: the worded offers' sentences are the rulebook's
! grep -n '"[A-Z][a-z]* [a-z]' src/manager/offers*.c && ok || bad "offer prose in C"

# Offers in the move's currency, interests answered (fourth reading). An alternative conceded
# stays in every later offer; every interest that a lever can serve gets an offer in its currency
# (a date, an amount, the manager's head count, the metric kept), said honestly when it misses
python3 - "$tmp" 2>"$tmp/py.err" <<'PY' && ok || bad "agreed choices and interests: $(tail -n 1 "$tmp/py.err")"
import glob, json, os, sys
t = sys.argv[1]
for path in sorted(glob.glob(t + "/unseen-*.json")):
    d = json.load(open(path))
    agreed = set()
    for m in d["moves"]:
        o = m.get("offer")
        if o and o.get("deal"):
            assert agreed <= set(o["deal"]["choices"].values()), (path, m["id"], agreed, o["deal"]["choices"])
        alt = (m.get("change") or {}).get("alternative")
        if m["verdict"] == "concede" and alt:
            agreed.add(alt)
    kinds = {"time": "meet-date", "money": "within-budget", "people": "people", "quality": "keep-metric"}
    for x in d["interests"]:
        o = x["offer"]
        if x["topic"] not in kinds or (x["topic"] in ("time", "money") and x["at"] is None):
            assert o is None, (path, x)
            continue
        if x["topic"] == "people" and o is None:
            continue  # no head count asked
        assert o["kind"] == kinds[x["topic"]], (path, x["topic"], o["kind"])
        if not o["deal"]:
            assert o["why"], (path, x)
            continue
        assert not o["fits"] or o["verdict"] == "holds", (path, x)
        if x["topic"] == "time" and o["fits"]:
            assert o["deal"]["deadline"] == x["at"], (path, o["deal"])
        if x["topic"] == "money":
            assert o["deal"]["budget"] == x["at"], (path, o["deal"])
fraud = {x["topic"]: x["offer"] for x in json.load(open(t + "/unseen-fraud.json"))["interests"]}
# the week-20 audit is not met by giving up the scheme's threshold (the smaller review meets the
# miss-rate target in 68% against 97%: s22 reading, A2): the full review, said as a miss
assert not fraud["time"]["fits"] and fraud["time"]["deal"]["choices"]["volume"] == "review-40k", fraud["time"]
# the card scheme's threshold keeps the full review, and says what the smaller one would lose
assert fraud["quality"]["deal"]["choices"]["volume"] == "review-40k", fraud["quality"]
PY
grep -q "Analysts review 15,000 borderline transactions' would be sooner (.*) but meets the metric in only" \
    "$tmp/unseen-fraud.txt" && ok ||
    bad "unseen-fraud: the quality interest does not say what the cheaper review loses"
# the budget offer combines the cheaper levers (crowd labels, no alerts, the smaller team)
# (crowd labels are the start: the sheet proposes them, so the offer names what it adds)
grep -q "^- No deal we found fits GBP 150k at 80%. The cheapest (\(without \)\?'[^']*[Rr]enewal-date alerts[^']*', 2 people" \
    "$tmp/unseen-docs.txt" && python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); o = next(m for m in d["moves"] if m["id"] == "budget-cut")["offer"]["deal"]; assert o["choices"]["labelling"] == "crowd-labels" and (o["choices"]["alerts"] == "no-alerts" or "alerts" in o["dropped"]), o' \
    "$tmp/unseen-docs.json" && ok || bad "unseen-docs: the budget offer ignores the cheaper choices"
# a team larger than what gains is not offered: the migration's time offer needs no 7th backend
! grep -q "the full scope at .* with 'payments-lib', 7 people" "$tmp/unseen-migration.txt" && ok ||
    bad "unseen-migration: the time offer asks for people that gain nothing"
# the HTML refers back to a counter-offer by the number its own list shows, never forward
for f in scenarios/fcw.cfg tests/scenarios/unseen-small.cfg; do
    expect 0 "$PB" brief "$f" -n 4096 -t 2 -f html
    python3 - "$tmp/out" 2>"$tmp/py.err" <<'PY' && ok || bad "html same-as $f: $(tail -n 1 "$tmp/py.err")"
import re, sys
html = open(sys.argv[1]).read()
args = html.split('<ol class="args">', 1)[1].split("</ol>\n</section>", 1)[0]
items = re.split(r'\n<li class="arg', args)[1:]
for n, item in enumerate(items, 1):
    for ref in re.findall(r"[Tt]he same as to move (\d+)", item):
        assert int(ref) < n, (n, ref)
PY
done

# a deal that sets the ask promises it: --set ask.deadline/ask.budget give the same joint as
# --deadline/--budget (the sets were applied to the plan but the promise read the ask as written)
expect 0 "$PB" deal tests/scenarios/unseen-fraud.cfg --set ask.deadline=23.4 --set ask.budget=412600 -f json
cp "$tmp/out" "$tmp/deal-set.json"
expect 0 "$PB" deal tests/scenarios/unseen-fraud.cfg --deadline 23.4 --budget 412600 -f json
python3 - "$tmp/deal-set.json" "$tmp/out" 2>"$tmp/py.err" <<'PY' && ok || bad "deal --set ask.*: $(tail -n 1 "$tmp/py.err")"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
assert (a["deal"]["deadline"], a["deal"]["budget"]) == (23.4, 412600.0), a["deal"]
assert a["joint"] == b["joint"], (a["joint"], b["joint"])
PY

# Every offer and every stated reason right (fifth reading). An offer whose deal meets the metric
# less often than the plan says so; an offer that carries agreed alternatives without listing its
# levers names them; a cost difference within the noise or the rounding is "the same". At 80% the
# smaller review (target 68%) is never offered (the metric is part of the deal); at 60% it keeps the
# target at the confidence: the audit finds it dominating, the sheet proposes it from the start
# and says once what it gives up
expect 0 "$PB" brief tests/scenarios/unseen-fraud.cfg -n 4096 -t 2 --set ask.confidence=0.6 -f json
cp "$tmp/out" "$tmp/fraud-c60.json"
expect 0 "$PB" brief tests/scenarios/unseen-fraud.cfg -n 4096 -t 2 --set ask.confidence=0.6
cp "$tmp/out" "$tmp/fraud-c60.txt"
python3 - "$tmp" 2>"$tmp/py.err" <<'PY' && ok || bad "offer caveats: $(tail -n 1 "$tmp/py.err")"
import glob, json, re, sys
t = sys.argv[1]
fraud = json.load(open(t + "/fraud-c60.json"))
text = open(t + "/fraud-c60.txt").read()
st = fraud["start"]
assert st["dominating"] and st["deal"]["choices"]["volume"] == "review-15k", st
# the alternative by its name, never its id (issue 12)
assert re.search(r"^We propose 'Analysts review 15,000 borderline transactions' instead, .* It gives up quality: the target metric is met in "
                 r"6\d% of simulated projects, against 9\d% for the plan as written\.$", text, re.M), text[:1500]
for m in fraud["moves"]:
    o = m.get("offer")
    if o and o["deal"]["choices"].get("volume") == "review-40k":
        assert "gives up quality" not in o["text"], (m["id"], o["text"])
for path in sorted(glob.glob(t + "/unseen-*.json")):
    d = json.load(open(path))
    agreed = {}
    for m in d["moves"]:
        o = m.get("offer")
        if o and o.get("deal"):
            carried = [a for a in agreed.values() if a in o["deal"]["choices"].values()]
            for a in carried:  # said by its name, never by its id (reading B1)
                assert "'%s'" % a not in o["text"], (path, m["id"], a, o["text"])
        ch = m.get("change") or {}
        if m["verdict"] == "concede" and ch.get("alternative") and m.get("deal"):
            for c, alt in m["deal"]["choices"].items():
                if alt == ch["alternative"]:
                    agreed[c] = alt
PY
# (the rule itself, facts.c, is unit-tested on known answers: offers/a_difference_within_*)
! grep -Eq "costs [A-Z]{3} [0-9]{1,3} less" "$tmp"/unseen-*.txt && ok || bad "a saving below a thousand said"
# a scope cut that the agreed 'no-alerts' already made says so, never "not on the critical path"
expect 0 "$PB" brief tests/scenarios/unseen-docs.cfg -n 4096 -t 2 --set manager.deadline=80
grep -q "^- No counter-offer on scope: the agreed 'without Renewal-date alerts by e-mail' already removed the optional part" "$tmp/out" &&
    ! grep -q "not on the critical path" "$tmp/out" && ok || bad "unseen-docs: a cut already made called off the critical path"
# a missed time interest lists what the deal it offers finishes by the date (its own run on the same
# draws), not the plan as written: fcw's trade show in week 24, against 'pushback simulate' of that deal
expect 0 "$PB" brief scenarios/fcw.cfg -n 4096 -t 2 -f json
cp "$tmp/out" "$tmp/fcw-i.json"
expect 0 "$PB" brief scenarios/fcw.cfg -n 4096 -t 2
cp "$tmp/out" "$tmp/fcw-i.txt"
python3 - "$PB" "$tmp/fcw-i.json" "$tmp/fcw-i.txt" 2>"$tmp/py.err" <<'PY' && ok || bad "fcw time interest: $(tail -n 1 "$tmp/py.err")"
import json, re, subprocess, sys
pb, d, text = sys.argv[1], json.load(open(sys.argv[2])), open(sys.argv[3]).read()
x = next(x for x in d["interests"] if x["topic"] == "time")
o = x["offer"]
assert not o["fits"] and o["deal"], o
args = [a for kv in o["deal"]["team"].items() for a in ("--set", "team.%s=%d" % kv)]
for m in o["deal"]["dropped"]:
    args += ["--drop", m]
alts = [a for c, a in o["deal"]["choices"].items() if a != d["start"]["deal"]["choices"][c]]
assert len(alts) <= 1, alts  # 'simulate --option' takes one
args += [a for alt in alts for a in ("--option", alt)]
sim = json.loads(subprocess.run([pb, "simulate", "scenarios/fcw.cfg", "-n", "4096", "-t", "2", "-s", "1",
                                 "-f", "json"] + args, capture_output=True, text=True, check=True).stdout)
at = x["at"]
done = [m for m in sim["milestones"] if m["finish"]["percentiles"]["p80"]["value"] <= at]
# only a declared deliverable is a first delivery (reading A11): the latest done by then, named
# with its date, or said plainly that nothing a user can see exists by then
named = re.search(r"the deliverable '([^']+)' is done \(by ([0-9.]+) weeks\)", text)
none = "No deliverable is done by 24 weeks at 80% confidence: nothing a user can see exists" in text
assert named or none, "no deliverable said"
if none:
    assert o["ships"] == "", o["ships"]
else:
    assert named.group(1) in [m["name"] for m in done], (named.group(0), [m["name"] for m in done])
PY
# s22 reading, A1/A2/A8/A20/C9: the metric's target is part of the deal. A deal that gives up the
# learning curve's target the plan keeps (review-15k: 68% against 97%) is evaluated with the metric
# promised ("metric": true, reproduced by 'pushback deal --metric') and fails on quality; it is
# never offered, never "dominating" and not on the frontier; a money move that costs more money is
# not agreed; synthetic data agreed keeps its real test set
# (on-prem made as slow as the cloud: it saves the GPU line, and with GPU hours at no cost it
# saves nothing: the same deal holds both times, and is agreed only the first time)
expect 0 "$PB" brief tests/scenarios/unseen-fraud.cfg -n 4096 -t 2 -f json --set 'milestones.tune.effort=[3.0, 4.5, 8.0]'
cp "$tmp/out" "$tmp/fraud-gpu.json"
expect 0 "$PB" brief tests/scenarios/unseen-fraud.cfg -n 4096 -t 2 -f json --set 'milestones.tune.effort=[3.0, 4.5, 8.0]' --set resources.gpu_hours.cost=0
cp "$tmp/out" "$tmp/fraud-free.json"
python3 - "$tmp" 2>"$tmp/py.err" <<'PY' && ok || bad "metric in the deal: $(tail -n 1 "$tmp/py.err")"
import json, sys
t = sys.argv[1]
for b, vol, alt in (("unseen-fraud", "volume", "review-15k"), ("unseen-sepsis", "review", "fewer-charts")):
    d = json.load(open("%s/%s.json" % (t, b)))
    m = next(m for m in d["moves"] if m["id"] == "less-data")
    assert m["verdict"] == "rebut" and m["deal"].get("metric") is True, (b, m["verdict"], m["deal"])
    assert m["deal"]["choices"][vol] == alt and m["joint"]["hi"] < 0.8, (b, m["joint"])
    for x in d["moves"]:
        o = x.get("offer")
        assert not o or o["deal"]["choices"].get(vol) != alt, (b, x["id"], o["deal"]["choices"])
        if x["verdict"] == "concede" and x.get("deal"):
            assert x["deal"]["choices"].get(vol) != alt, (b, x["id"])
    for f in (d["audit"] or {}).get("findings", []):
        assert not (f["kind"] == "dominated" and alt in f["text"]), (b, f["text"])
for f, verdict in (("fraud-gpu", "concede"), ("fraud-free", "rebut")):
    m = next(m for m in json.load(open("%s/%s.json" % (t, f)))["moves"] if m["id"] == "cloud-budget-cut")
    assert m["deal"]["verdict"] == "holds" and m["verdict"] == verdict, (f, m["deal"]["verdict"], m["verdict"])
s = json.load(open(t + "/unseen-speech.json"))
m = next((m for m in s["moves"] if m["id"] == "synthetic-instead"), None)
assert m is None or m["verdict"] != "concede" or "real test set" in m["text"], m["text"]
if m is None:  # the audit's dominating 'synthetic-tts' is the start: the move asks for nothing new
    why = next(x["reason"] for x in s["skipped"] if x["id"] == "synthetic-instead")
    assert s["start"]["dominating"] and why.startswith("moot: 'synthetic-tts' already agreed"), why
PY
# the frontier leaves out the deals that give up the target, and says how many
expect 0 "$PB" frontier tests/scenarios/unseen-fraud.cfg -n 2048 -t 2
grep -q "more left out: they meet the metric's target in less than 80%" "$tmp/out" &&
    ! grep -q "review-15k" "$tmp/out" && ok || bad "frontier: a deal that loses the target is on it"
# "80% confidence needs" quotes a pair that holds together (never the two marginal P80s, which
# fail jointly): the time move's pair re-evaluated with 'pushback deal' holds; no sheet says
# "needs D and B"; "push harder" is evaluated from the deal agreed so far, like every later move
python3 - "$PB" "$tmp" 2>"$tmp/py.err" <<'PY' && ok || bad "joint pair and overtime: $(tail -n 1 "$tmp/py.err")"
import glob, json, re, subprocess, sys
sys.path.insert(0, "tests/cli")
from brief_deals import deal_args
pb, t = sys.argv[1], sys.argv[2]
for path in sorted(glob.glob(t + "/unseen-*.txt")):
    bad = re.search(r"confidence needs [0-9.]+ (days|weeks|months) and [A-Z]{3}", open(path).read())
    assert not bad, (path, bad.group(0))
needs = overtimes = 0
for path in sorted(glob.glob(t + "/unseen-*.json")):
    d = json.load(open(path))
    scen = "tests/scenarios/" + path.split("/")[-1].replace(".json", ".cfg")
    m = next((m for m in d["moves"] if m["id"] == "time-cut"), None)
    need = m and re.search(r"80% confidence within [A-Z]{3} [0-9.]+k needs ([0-9.]+) (days|weeks|months)", m["text"])
    if need and not d.get("track"):
        deal = dict(m["deal"], deadline=float(need.group(1)))
        r = subprocess.run([pb, "deal", scen] + deal_args(deal, None),
                           capture_output=True, text=True, check=True)
        got = json.loads(r.stdout)
        assert got["verdict"] == "holds", (path, need.group(0), got["joint"])
        needs += 1
    ids = [x["id"] for x in d["moves"]]
    if "overtime" not in ids:
        continue
    o = d["moves"][ids.index("overtime")]
    agreed = {}
    for x in d["moves"][:ids.index("overtime")]:
        if x["verdict"] == "concede" and x.get("deal") and (x.get("change") or {}).get("alternative"):
            agreed.update(x["deal"]["choices"])
    assert all(o["deal"]["choices"][c] == a for c, a in agreed.items()), (path, o["deal"]["choices"], agreed)
    assert o["deal"]["choices"] == {**d["start"]["deal"]["choices"], **agreed}, (path, o["deal"]["choices"])
    assert not agreed or "drop-optional" not in json.dumps(o), o
    overtimes += 1
assert needs and overtimes, (needs, overtimes)
PY
# One counter-offer per move (issue 12): the rule's first offer is said, the other candidates are in
# the JSON (arguments[].offers); "Promise me it will be done by D" printed a gate and a commitment
python3 - "$tmp" 2>"$tmp/py.err" <<'PY' && ok || bad "one counter-offer per move: $(tail -n 1 "$tmp/py.err")"
import glob, re, sys
t = sys.argv[1]
for path in sorted(glob.glob(t + "/unseen-*.txt")) + [t + "/fcw-like.txt", t + "/fcw-i.txt"]:
    sheet = open(path).read().split("\nOptions side by side")[0].split("\nMoves not raised")[0]
    for block in re.split(r"\n\n(?=\d+\. \")", sheet)[1:]:
        offers = [l for l in block.split("\n") if l.startswith("- ")]
        assert len(offers) <= 1, (path, offers)
PY
# a plan that misses its own target says so once, first, with the ask evaluated with the metric
# (unseen-sepsis with a target of 0.1: the curve's floor c is at least 0.05, out of reach at 4,000
# charts), and the manager page states the target's chance beside the commitment (reading C2)
sed 's/target = 0.2;/target = 0.1;/' tests/scenarios/unseen-sepsis.cfg >"$tmp/sepsis-target.cfg"
expect 0 "$PB" brief "$tmp/sepsis-target.cfg" -n 4096 -t 2
cp "$tmp/out" "$tmp/out.sepsis-target.txt"
sed -n '/^First, our own ask/,/^We start from/p' "$tmp/out" | grep -m 1 '^- ' | grep -q "^- metric: As planned the 'missed sepsis cases' target is met in .* below 80%: fix the data or the target before committing\.$" &&
    ok || bad "unseen-sepsis: a plan that misses its target is not said first"
[ "$(grep -c '^- metric: ' "$tmp/out")" = 1 ] && ok || bad "unseen-sepsis: the metric finding is not said once"
for fmt in text md html; do
    expect 0 "$PB" brief "$tmp/sepsis-target.cfg" -n 4096 -t 2 --for manager -f "$fmt"
    grep -q "commit to finish by .*missed sepsis cases.* target is met in &lt;0.1%\|commit to finish by .*missed sepsis cases' target is met in <0.1%" "$tmp/out" &&
        ok || bad "manager page ($fmt): the metric's chance is not beside the commitment"
done
grep -q "^- metric: " "$tmp/unseen-sepsis.txt" && bad "unseen-sepsis: a met target flagged" || ok
# the quality interest of a plan that misses its own target offers nothing that does not keep
# it (reading A10); the gate line says the curve's chance beside the rounds' "go" and never
# "it will rarely fire" (A9)
grep -A1 '^- quality: ' "$tmp/out.sepsis-target.txt" | grep -q '^  Nothing on the table keeps it: as planned the target is met in <0.1%' &&
    ok || bad "sepsis-target: the quality interest offers a deal that does not keep the target"
grep -q "rarely fire" "$tmp/out.sepsis-target.txt" && bad "sepsis-target: the kill point says it will rarely fire" || ok
# (the kill point is the earliest gate, the spike, a time-box: its "go" is only that the work fits
# the box, and the curve's chance is said beside it; a gate with rounds says both in its offer)
grep -q "go, in [0-9.]*% (95% CI [^)]*); the learning curve's target, a second test at the planned data volume, is met in <0.1%\|go means only that the work fits its time-box.*The learning curve's target, at the planned data volume, is met in <0.1%" \
    "$tmp/out.sepsis-target.txt" && ok || bad "sepsis-target: the gate's go and the curve's target are not told apart"
# the quality move (the metric promised): its deal carries "metric": true and re-evaluates with
# 'pushback deal --metric' to the same probability (brief_deals.py passes --metric); where the
# plan misses its target no date keeps it and nothing is offered; on fraud its counter-offer is
# the earliest date at which the date and the target hold together
expect 0 "$PB" brief "$tmp/sepsis-target.cfg" -n 4096 -t 2 -f json
cp "$tmp/out" "$tmp/sepsis-target.json"
python3 - "$PB" "$tmp" 2>"$tmp/py.err" <<'PY' && ok || bad "promise-metric: $(tail -n 1 "$tmp/py.err")"
import json, subprocess, sys
sys.path.insert(0, "tests/cli")
from brief_deals import deal_args
pb, t = sys.argv[1], sys.argv[2]
def move(path):
    d = json.load(open(path))
    return next(m for m in d["moves"] if m["id"] == "promise-metric")
def again(cfg, deal):
    r = subprocess.run([pb, "deal", cfg] + deal_args(deal, None), capture_output=True, text=True, check=True)
    return json.loads(r.stdout)["joint"]["probability"]
m = move(t + "/sepsis-target.json")
assert m["change"] == {"metric": True} and m["deal"]["metric"] is True, m["change"]
assert m["verdict"] == "rebut" and m["offer"] is None, (m["verdict"], m["offer"])
assert "no date keeps it; fix the data or the target" in m["text"], m["text"]
assert again(t + "/sepsis-target.cfg", m["deal"]) == m["joint"]["probability"]
m = move(t + "/unseen-fraud.json")
assert m["deal"]["metric"] is True and m["verdict"] == "rebut", m["verdict"]
o = m["offer"]
assert o and o["kind"] == "metric-date" and o["deal"]["metric"] is True, o
assert o["deal"]["deadline"] > m["deal"]["deadline"] and o["joint"]["lo"] >= 0.8, o["joint"]
assert again("tests/scenarios/unseen-fraud.cfg", o["deal"]) == o["joint"]["probability"]
# a tenth of a week earlier the three do not hold together
earlier = dict(o["deal"], deadline=round(o["deal"]["deadline"] - 0.1, 1))
r = subprocess.run([pb, "deal", "tests/scenarios/unseen-fraud.cfg"] + deal_args(earlier, None),
                   capture_output=True, text=True, check=True)
assert json.loads(r.stdout)["verdict"] != "holds", earlier["deadline"]
PY
# "annotate-yourselves" where the plan's own alternative is in-house: said so (reading B15)
grep -q "^- annotate-yourselves: the plan is already in-house ('our-nurses' for " "$tmp/unseen-sepsis.txt" &&
    ok || bad "unseen-sepsis: annotate-yourselves does not say the plan is already in-house"
# names, not ids (issue 12): the start ("We propose ... instead"), the line before the table and
# the end state ("If all of these are agreed: ...") call an alternative what the proposal page
# calls it, and a dropped milestone by its name, never by a configuration id
for f in scenarios/triage-assistant.cfg tests/scenarios/unseen-*.cfg; do
    b=$(basename "$f" .cfg)
    expect 0 "$PB" brief "$f" -n 4096 -t 2 --for manager -f json
    cp "$tmp/out" "$tmp/$b-page.json"
    [ -e "$tmp/$b.txt" ] || { expect 0 "$PB" brief "$f" -n 4096 -t 2; cp "$tmp/out" "$tmp/$b.txt"; }
    python3 - "$tmp/$b-page.json" "$tmp/$b.txt" 2>"$tmp/py.err" <<'PY' && ok || bad "$b: ids in the start or end state: $(tail -n 1 "$tmp/py.err")"
import json, re, sys
page = json.load(open(sys.argv[1]))
text = re.sub(r"\n(?=[^\n])(?!\d+\. |[A-Z#*-])", " ", open(sys.argv[2]).read())  # wrapped lines joined
# an alternative without a name is called "choice: id" (docs/scenario.md): its id is its name
ids = {a["id"] for c in page.get("choices") or [] for a in c["alternatives"] if a["id"] not in a["name"]}
lines = [l for l in text.splitlines()
         if l.startswith(("If all of these are agreed:", "We propose", "The table, the chart"))]
for l in lines:
    assert "without '" not in l, l
    for i in ids:
        assert not re.search(r"(^|[^\w-])%s([^\w-]|$)" % re.escape(i), l), (i, l)
PY
done
# an interest's offer states a date and a budget together only as a pair that holds together
# (issue 12, W22): "for both at once it needs D and B (P of simulated projects do both", P at
# least the confidence; never "it needs D and B" from the two marginal quantiles
for f in tests/scenarios/unseen-*.cfg; do
    b=$(basename "$f" .cfg)
    python3 - "$tmp/$b.txt" 2>"$tmp/py.err" <<'PY' && ok || bad "$b: an interest's date and budget that do not hold together: $(tail -n 1 "$tmp/py.err")"
import re, sys
text = open(sys.argv[1]).read()
assert not re.search(r"At \d+% it needs [0-9.,]+ (days|weeks|months) and [A-Z]{3} ", text), \
    re.search(r"At \d+% it needs .{80}", text).group(0)
for m in re.finditer(r"At (\d+)% for both at once it needs [^(]+\(([0-9.]+)% (\(95% CI [^)]*\) )?of "
                     r"simulated projects do both", text):
    assert float(m.group(2)) >= int(m.group(1)), m.group(0)
PY
done
# once the sheet adopts a dominating deal (issues 11 and 12): it is the frontier's, undominated
# keeping people and value; the engineer's own ask that holds with it is the commitment; the
# manager page's dates are its evaluation; the start and the end state are not beaten keeping
# their choices (each re-evaluated with 'pushback deal' and 'pushback frontier')
for f in scenarios/*.cfg tests/scenarios/unseen-*.cfg; do
    python3 tests/cli/brief_adopt.py "$PB" "$f" 4096 >"$tmp/ba" 2>&1 && ok || bad "brief adopt $f: $(tail -n 3 "$tmp/ba")"
done

# A cheaper alternative that holds with what is agreed is conceded (reading s24 R7): on
# defect-segmentation 'two-cv' with 'synthetic' agreed holds at the commitment and costs less at
# the confidence than the deal agreed without it; the answer quotes the deal's own cost
expect 0 "$PB" brief scenarios/defect-segmentation.cfg -n 4096 -t 2 -f json
python3 - "$tmp/out" 2>"$tmp/py.err" <<'PY' && ok || bad "cheapest-option: $(tail -n 1 "$tmp/py.err")"
import json, re, sys
d = json.load(open(sys.argv[1]))
m = next(m for m in d["moves"] if m["id"] == "cheapest-option")
assert m["deal"]["verdict"] == "holds", m["deal"]["verdict"]
assert m["verdict"] == "concede" and "not free" not in m["text"], m["text"]
g = re.search(r"drops from EUR ([\d.]+)(k|M) to EUR ([\d.]+)(k|M)", m["text"])
assert g, m["text"]
said = float(g.group(3)) * (1e3 if g.group(4) == "k" else 1e6)
assert abs(said - m["deal"]["cost"]["value"]) <= 0.005 * said, (said, m["deal"]["cost"])
PY

# The kill point (reading s24 R9): "When do we know it won't work?" names the gate the manager
# page names (the earliest gate = true by its P80 finish), and a time-box whose P80 finish
# passes the date the sheet commits to (the start deal's) says by how much
for f in tests/scenarios/unseen-speech.cfg tests/scenarios/unseen-pharmacy.cfg scenarios/fcw.cfg; do
    b=$(basename "$f" .cfg)
    expect 0 "$PB" brief "$f" -n 4096 -t 2 -f json
    cp "$tmp/out" "$tmp/gate-$b.json"
    expect 0 "$PB" brief "$f" -n 4096 -t 2
    cp "$tmp/out" "$tmp/gate-$b.txt"
    expect 0 "$PB" brief "$f" -n 4096 -t 2 --for manager
    python3 - "$tmp/gate-$b.json" "$tmp/gate-$b.txt" "$tmp/out" 2>"$tmp/py.err" <<'PY' && ok || bad "kill point $b: $(tail -n 1 "$tmp/py.err")"
import json, re, sys
d = json.load(open(sys.argv[1]))
sheet, page = open(sys.argv[2]).read(), open(sys.argv[3]).read()
m = next(m for m in d["moves"] if m["id"] == "kill-criteria")
gate = re.match(r"At '([^']+)'", m["text"]).group(1)
assert "go/no-go point is %s" % gate in page, (gate, re.findall(r"go/no-go point is [^,]*", page))
sd = (d["start"] or {}).get("deal") or {}
commit = sd["deadline"] if sd.get("feasible") and sd.get("deadline") else d["commitment"]["value"]
for g in re.finditer(r"the box taken in full the P80 finish is ([\d.]+) \w+(, ([\d.]+) \w+ past "
                     r"the ([\d.]+) \w+ we commit to)?;", sheet):
    past = float(g.group(1)) - commit
    assert (g.group(2) is not None) == (past >= 0.05 - 1e-9), (past, commit, g.group(0))
PY
done

# an interest's date and cost at the confidence are each on its own, said so beside the joint
# chance of the deal it offers (reading s24 R11b: "by 8.6 months in 77%" then "needs 8.5 months")
! grep -h -A1 '^- \(time\|money\|people\|quality\): ' "$tmp"/unseen-*.txt | grep -q 'At 80% it needs' &&
    grep -h -A1 '^- people: ' "$tmp/unseen-offline.txt" | grep -Eq 'At 80%(, each on its own,| for both at once) it needs' &&
    ok || bad "interests: the date and cost at 80% are not said to be each on its own"
