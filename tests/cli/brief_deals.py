#!/usr/bin/env python3
"""Every deal a brief quotes is the deal `pushback deal` evaluates.

usage: tests/cli/brief_deals.py build/pushback SCENARIO [--set PATH=VALUE]...

Runs `brief -f json` (20,000 iterations), then re-evaluates the start deal
(start.deal: the ask after the audit), every moves[].deal and
moves[].offer.deal with `pushback deal` and the same
settings (deadline, budget, confidence, team or head count, choices, drops,
--set changes, iteration count, seed), and the offer of every interest, and checks that the joint
probability is the same number; and that no deal the JSON shows holding at
the confidence (a plan: no risk dismissed by a 'risks.' --set) is sooner at
it than the walk-away the sheet states. The start is the audit's corrected ask
(from "audit", the deadline and budget of its under-ask or over-ask deal)
when the audit corrects it, and the ask otherwise (from "ask"); with "dominating",
its choices are the audit's dominated finding's deal's. The end state (end_state.deal)
holds and re-evaluates too. Prints one
line per failure and
`brief-deals: N passed, N failed`.
"""
import json
import subprocess
import sys


def deal_args(d, track):
    """A tracked brief's deals are of the remaining work (times from as_of, money less what
    is spent); `pushback deal` takes them from the start and in full, as the user writes them."""
    as_of = track["as_of"] if track and track["tracked"] else 0.0
    spent = (track["spent"] or 0.0) if track and track["tracked"] else 0.0
    a = ["--confidence", repr(d["confidence"])]
    if d["deadline"] is not None:
        a += ["--deadline", repr(d["deadline"] + as_of)]
    if d["budget"] is not None:
        a += ["--budget", repr(d["budget"] + spent)]
    if d["searched"]:
        a += ["--people", str(d["people"])]
    else:
        a += ["--team", ",".join("%s=%d" % kv for kv in d["team"].items())]
    for c, alt in d["choices"].items():
        a += ["--choose", "%s=%s" % (c, alt)]
    for m in d["dropped"]:
        a += ["--drop", m]
    for s in d["sets"]:
        a += ["--set", s]
    if d.get("metric"):
        a += ["--metric"]
    n = str(d["iterations"])  # exactly that many: a brief's deals never double
    return a + ["-n", n, "--max-iterations", n, "-s", str(d["seed"]), "-t", "2", "-f", "json"]


def main():
    pb, scenario, sets = sys.argv[1], sys.argv[2], sys.argv[3:]
    out = subprocess.run([pb, "brief", scenario, "-n", "20000", "-t", "2", "-f", "json"] + sets,
                         capture_output=True, text=True)
    if out.returncode:
        print("FAIL: brief exited %d: %s" % (out.returncode, out.stderr.strip()))
        print("brief-deals: 0 passed, 1 failed")
        return 1
    doc = json.loads(out.stdout)
    passed = failed = 0
    start = doc["start"]
    fixes = [f["deal"] for f in (doc["audit"] or {"findings": []})["findings"]
             if f["kind"] in ("under-ask", "over-ask")]
    sd = start["deal"]
    if fixes and not (start["from"] == "audit" and sd["deadline"] == fixes[0]["deadline"]
                      and sd["budget"] == fixes[0]["budget"]):
        failed += 1
        print("FAIL: %s: the start %s is not the audit's corrected ask %s" %
              (scenario, (sd["deadline"], sd["budget"]), (fixes[0]["deadline"], fixes[0]["budget"])))
    elif not fixes and start["from"] != "ask":
        failed += 1
        print("FAIL: %s: no correction, yet the start is from %s" % (scenario, start["from"]))
    # the interests' offers too (each served in its currency), as moves named "interest:TOPIC"
    quoted = doc["moves"] + [{"id": "interest:" + x["topic"], "deal": None, "joint": None,
                              "offer": x["offer"]} for x in doc.get("interests", [])]
    # the end state (every concession agreed, the budget given back) holds, and reproduces
    end = doc.get("end_state")
    if end:
        quoted = quoted + [{"id": "end_state", "deal": end["deal"], "joint": end["joint"],
                            "offer": None}]
        if end["deal"]["verdict"] != "holds":
            failed += 1
            print("FAIL: %s: the end state does not hold: %s" % (scenario, end["deal"]["verdict"]))
    # a plan the audit finds dominated is not defended: the start is the dominating deal's
    doms = [f["deal"] for f in (doc["audit"] or {"findings": []})["findings"]
            if f["kind"] == "dominated"]
    if start.get("dominating") and not (doms and all(
            sd["choices"].get(c) == a for c, a in doms[0]["choices"].items())):
        failed += 1
        print("FAIL: %s: the start %s is not the dominating deal %s" %
              (scenario, sd["choices"], doms and doms[0]["choices"]))
    for m in [{"id": "start", "deal": sd, "joint": start["joint"], "offer": None}] + quoted:
        for what, d, joint in (("deal", m["deal"], m["joint"]),
                               ("offer", (m["offer"] or {}).get("deal"),
                                (m["offer"] or {}).get("joint"))):
            if d is None:
                continue
            r = subprocess.run([pb, "deal", scenario] + sets + deal_args(d, doc.get("track")),
                               capture_output=True, text=True)
            got = json.loads(r.stdout)["joint"] if r.returncode == 0 else None
            want = joint["probability"] if joint else None
            if got is not None and want is not None and got["probability"] == want:
                passed += 1
            else:
                failed += 1
                print("FAIL: %s %s of '%s': brief says %s, pushback deal %s (%s)" %
                      (scenario, what, m["id"], want, got and got["probability"],
                       r.stderr.strip()))
    # the walk-away is never later than a deal the sheet shows holding (it says "below it we
    # cannot say yes")
    held = [{"id": "interest:" + x["topic"], "deal": dict(x["offer"]["deal"], verdict=x["offer"]["verdict"],
                                                         date={"value": x["offer"]["needs"]}), "offer": None}
            for x in doc.get("interests", []) if x["offer"] and x["offer"]["deal"]]
    for m in [{"id": "start", "deal": sd, "offer": None}] + doc["moves"] + held:
        for d in (m["deal"], (m["offer"] or {}).get("deal")):
            if (d and d.get("verdict") == "holds" and d.get("date")
                    and not any(x.startswith("risks.") for x in d["sets"])
                    and d["date"]["value"] < doc["walk_away"] - 1e-9):
                failed += 1
                print("FAIL: %s: '%s' holds by %s, sooner than the walk-away %s" %
                      (scenario, m["id"], d["date"]["value"], doc["walk_away"]))
    if passed == 0:
        failed += 1
        print("FAIL: %s: no deal to re-evaluate" % scenario)
    print("brief-deals: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
