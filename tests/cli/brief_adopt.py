#!/usr/bin/env python3
"""brief_adopt.py PUSHBACK SCENARIO [N]: once the prep sheet adopts a dominating deal
(JSON start.dominating), every number it and the manager page state come from that deal, and
the deal is the frontier's (docs/deals.md, "The dominating deal"). Checks, each re-evaluated
with 'pushback deal' or 'pushback frontier' at the brief's count and seed:
 (a) no frontier deal with no more people that keeps as much value is sooner and cheaper than
     the adopted deal beyond the noise (its date and cost below the deal's 95% intervals);
 (b) when the engineer's own ask holds with the adopted deal, the sheet commits to that ask,
     or, when the audit finds it padded on the plan as written (an over-ask), to less on each side;
 (c) the manager page's commitment date, target (P50) and P10-P90 range are the adopted deal's;
 (d) no frontier deal with no more people that keeps the adopted or agreed choices and scope
     is sooner and cheaper, beyond the noise, than the start or the end state.
Without a dominating start it checks nothing and passes. Exit 1 with the reason on failure."""
import json
import subprocess
import sys

pb, scen = sys.argv[1], sys.argv[2]
n = sys.argv[3] if len(sys.argv) > 3 else "16384"
fails = []


def run(*args):
    out = subprocess.run([pb, *args], capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"{' '.join(args)}: status {out.returncode}: {out.stderr[:300]}")
    return out.stdout


def deal(d, deadline, budget):
    """'pushback deal' with deal d's team and choices at deadline/budget, as JSON."""
    args = ["deal", scen, "-n", n, "--max-iterations", n, "-s", "1", "-f", "json",
            "--team", ",".join(f"{r}={k}" for r, k in d["team"].items())]
    if deadline is not None:  # None: the scenario's own ask
        args += ["--deadline", repr(deadline), "--budget", repr(budget)]
    for c, a in d["choices"].items():
        args += ["--choose", f"{c}={a}"]
    for m in d.get("dropped", []):
        args += ["--drop", m]
    return json.loads(run(*args))


def close(a, b, rel=1e-6):
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))


brief = json.loads(run("brief", scen, "-n", n, "-f", "json"))
start = brief["start"]
if not start.get("dominating"):
    print(f"{scen}: no dominating start")
    sys.exit(0)
sd = start["deal"]
own = brief["audit"]
fr = json.loads(run("frontier", scen, "-n", n, "-f", "json"))


def beaten(d, who, same_choices):
    """A frontier deal with no more people (and, with same_choices, d's choices and drops) that
    is sooner and cheaper than d beyond the noise: its date and cost below d's 95% intervals."""
    ev = deal(d, d["deadline"], d["budget"])
    for p in fr["deals"]:
        q = p["deal"]
        if q["people"] > d["people"] or p["value_kept"] < ev["value_kept"] - 1e-9:
            continue  # more people, or less value kept (scope cut): not the same offer
        if same_choices and (q["choices"] != d["choices"] or q["dropped"] != d.get("dropped", [])):
            continue
        if p["date"] < ev["date"]["lo"] and p["cost"] < ev["money"]["lo"]:
            fails.append(f"{who} ({d['choices']}, {d['people']} people: {ev['date']['value']:.2f}, "
                         f"{ev['money']['value']:.0f}) is beaten by the frontier's {q['choices']}, "
                         f"{q['people']} people: {p['date']:.2f}, {p['cost']:.0f}")
            return


# (a) the adopted deal is undominated on the frontier
beaten(sd, "the adopted deal", False)
# (b) the engineer's own ask, when it holds with the adopted deal, is the commitment, unless the
#     audit finds it padded (then the commitment is lower on each side)
ev = deal(sd, None, None)
ask_d, ask_b = (ev[k]["value"] if isinstance(ev.get(k), dict) else ev.get(k) for k in ("deadline", "budget"))
if ask_d is not None and ask_b is not None:
    over = any(f["kind"] == "over-ask" for f in own.get("findings", []))
    below = sd["deadline"] <= ask_d + 1e-9 and sd["budget"] <= ask_b + 1e-9
    if ev["verdict"] == "holds" and not (close(sd["deadline"], ask_d) and close(sd["budget"], ask_b)) \
            and not (over and below):
        fails.append(f"own ask {ask_d}/{ask_b} holds with the adopted deal "
                     f"({ev['joint']['probability']:.3f}) but the sheet starts from "
                     f"{sd['deadline']}/{sd['budget']}")
# (c) the manager page is the adopted deal's
page = json.loads(run("brief", "--for", "manager", scen, "-n", n, "-f", "json"))
cm = page["commitment"]
if cm["deal"]["choices"] != sd["choices"] or cm["deal"]["team"] != sd["team"]:
    fails.append(f"manager page deal {cm['deal']['choices']} is not the adopted {sd['choices']}")
ev = deal(cm["deal"], cm["deal"]["deadline"], cm["deal"]["budget"])
pct = ev["duration"]["percentiles"]
if not close(cm["date"]["value"], ev["date"]["value"]):
    fails.append(f"manager page date {cm['date']['value']} != deal {ev['date']['value']}")
if not close(cm["target"]["value"], pct["p50"]["value"]):
    fails.append(f"manager page target {cm['target']['value']} != deal P50 {pct['p50']['value']}")
text = run("brief", "--for", "manager", scen, "-n", n)
def one(v):  # as the page writes a time: a tenth, "15" for 15.0
    return f"{v:.1f}".removesuffix(".0")


want = f"finish between {one(pct['p10']['value'])} {brief['unit']} and {one(pct['p90']['value'])} {brief['unit']}"
if want not in " ".join(text.split()):
    fails.append(f"manager page range is not the deal's: wanted '{want}'")
last = max((m["p80"] for m in page["plan"]["milestones"]), default=None)
if last is not None and last > pct["p80"]["hi"] + 1e-9:
    fails.append(f"a milestone's P80 {last} is later than the adopted deal's P80 {pct['p80']['value']}")
# (d) nothing offered or committed is beaten keeping its choices and scope
beaten(sd, "the start", True)
end = brief.get("end_state") or {}
if end.get("deal") and end["deal"].get("feasible", True):
    beaten(end["deal"], "the end state", True)
if fails:
    print(f"{scen}:\n  " + "\n  ".join(fails))
    sys.exit(1)
print(f"{scen}: adopted {sd['choices']} ok")
