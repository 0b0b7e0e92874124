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
for m in d["moves"]:  # the head count stated is the one simulated
    if m.get("deal") and m["deal"].get("feasible") and " people (" in m["text"]:
        assert "%d people (" % m["deal"]["people"] in m["text"], (m["id"], m["text"])
if "recsys" in sys.argv[1]:  # the annotation move fires on an in-house alternative of any name
    a = next(m for m in d["moves"] if m["id"] == "annotate-yourselves")
    assert a["deal"]["choices"].get("labels") == "merch-team", a["deal"]["choices"]
    # it holds by the over-asked date but costs more than the plan: not conceded (the interest
    # is cash), and the counter-offer is the cheaper crowd
    assert a["deal"]["verdict"] == "holds" and a["verdict"] == "rebut", (a["deal"]["verdict"], a["verdict"])
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
    if m["id"] == "budget-cut":  # the earliest deal that fits the budget, and it holds; or none
        holds = o["deal"]["verdict"] == "holds"
        assert not holds or o["deal"]["cost"]["value"] <= o["deal"]["budget"], o["deal"]
        assert holds != o["text"].startswith("No deal we found fits"), o["text"]
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
    "$tmp/unseen-recsys.txt" && ok || bad "unseen-recsys: the concessions are not named"
# the under-ask is warned first, before any move
grep -n '^- under-ask: ' "$tmp/unseen-small.txt" | head -n 1 | grep -q '^[0-9]:' && ok ||
    bad "unseen-small: no under-ask warned first"
# a plan without optional scope is not told "without all of it"
grep -q 'The plan has no optional scope to cut' "$tmp/unseen-small.txt" &&
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
