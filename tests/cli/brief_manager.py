#!/usr/bin/env python3
"""The proposal page (`brief --for manager`) says what was simulated, and nothing else.

usage: tests/cli/brief_manager.py build/pushback SCENARIO [--set PATH=VALUE]...

Runs `brief --for manager` as JSON, text and Markdown (8,192 iterations) and
checks that:
- the commitment's deal and every trade-off deal re-evaluate with
  `pushback deal` (same settings, count and seed) to the same joint
  probability;
- the head count the page states ("Team as simulated: N people") is the one
  `pushback deal` simulated for the plan, and the JSON's plan.people too;
- no coaching or psychology: none of sandbag, suspect, tactic, pressure,
  concede, rebut, coach;
- the commitment is the deal the prep sheet's negotiation starts from (its
  "start": the ask after the audit) and nothing else: never the ask as first
  written when the audit corrected it, no verdict on our own ask ("The ask",
  "does not hold", "too close to call");
- no trade-off row is a dearer twin of one whose date prints the same, and no
  text table cell is cut short;
- the iteration count is stated once, and no "NaN", "-0.0", "only 0%", or an
  interval whose two ends are the same text ("12%-12%", "4.9 to 4.9").
Prints one line per failure and `brief-manager: N passed, N failed`.
"""
import json
import re
import subprocess
import sys

N = "8192"
WORDS = ("sandbag", "suspect", "tactic", "pressure", "concede", "rebut", "coach")


def deal_args(d, track):
    """A tracked page's deals are of the remaining work (times from as_of, money less what is
    spent); `pushback deal` takes them from the start and in full, as the user writes them."""
    tracked = track is not None and track["tracked"]
    as_of, spent = (track["as_of"], track["spent"] or 0.0) if tracked else (0.0, 0.0)
    a = ["--confidence", repr(d["confidence"])]
    if d["deadline"] is not None:
        a += ["--deadline", repr(d["deadline"] + as_of)]
    if d["budget"] is not None:
        a += ["--budget", repr(d["budget"] + spent)]
    a += ["--team", ",".join("%s=%d" % kv for kv in d["team"].items())]
    for c, alt in d["choices"].items():
        a += ["--choose", "%s=%s" % (c, alt)]
    for m in d["dropped"]:
        a += ["--drop", m]
    n = str(d["iterations"])  # exactly that many: a brief's deals never double
    return a + ["-n", n, "--max-iterations", n, "-s", str(d["seed"]), "-t", "2", "-f", "json"]


def page(pb, scenario, sets, fmt):
    r = subprocess.run([pb, "brief", scenario, "--for", "manager", "-n", N, "-t", "2", "-f", fmt]
                       + sets, capture_output=True, text=True)
    if r.returncode:
        raise RuntimeError("brief --for manager -f %s exited %d: %s" %
                           (fmt, r.returncode, r.stderr.strip()))
    return r.stdout


def main():
    pb, scenario, sets = sys.argv[1], sys.argv[2], sys.argv[3:]
    results = []

    def check(ok, what):
        results.append(ok)
        if not ok:
            print("FAIL: %s %s: %s" % (scenario, " ".join(sets), what))

    try:
        doc = json.loads(page(pb, scenario, sets, "json"))
        text = page(pb, scenario, sets, "text")
        md = page(pb, scenario, sets, "md")
    except (RuntimeError, ValueError) as e:
        print("FAIL: %s" % e)
        print("brief-manager: 0 passed, 1 failed")
        return 1
    c = doc["commitment"]
    deals = [("commitment", c["deal"], c["joint"])]
    deals += [("trade-off %d" % k, t["deal"], t["joint"]) for k, t in enumerate(doc["tradeoffs"])]
    for what, d, joint in deals:
        if d is None or joint is None:
            continue
        r = subprocess.run([pb, "deal", scenario] + sets + deal_args(d, doc.get("track")),
                           capture_output=True, text=True)
        got = json.loads(r.stdout) if r.returncode == 0 else None
        check(got is not None and got["joint"]["probability"] == joint["probability"],
              "%s: page says %s, pushback deal %s (%s)" %
              (what, joint["probability"], got and got["joint"]["probability"], r.stderr.strip()))
        if what == "commitment" and got:
            m = re.search(r"Team as simulated: (\d+) people", text)
            check(m is not None and int(m.group(1)) == got["deal"]["people"],
                  "states %s people, pushback deal simulated %d" %
                  (m and m.group(1), got["deal"]["people"]))
            check(doc["plan"]["people"] == got["deal"]["people"], "plan.people is not the deal's")
    r = subprocess.run([pb, "brief", scenario, "-n", N, "-t", "2", "-f", "json"] + sets,
                       capture_output=True, text=True)
    start = json.loads(r.stdout)["start"] if r.returncode == 0 else None
    check(start is not None, "brief -f json: %s" % r.stderr.strip())
    if start and c["deal"]:
        for k in ("deadline", "budget"):
            check(c["deal"][k] == start["deal"][k], "the page commits to %s %s, the prep sheet "
                  "starts from %s" % (k, c["deal"][k], start["deal"][k]))
        check(c["joint"] == start["joint"], "the commitment's joint is not the start's")
    for name, body in (("text", text), ("md", md)):
        for w in ("The ask", "does not hold", "too close to call", "we first wrote"):
            check(w not in body, "%s quotes our own ask: '%s'" % (name, w))
    check(len(doc["tradeoffs"]) > 0, "no trade-off")
    # no trade-off row is a dearer twin of another whose date prints the same
    tr = doc["tradeoffs"]
    for p in tr:
        for q in tr:
            twin = (q is not p and round(q["date"], 1) == round(p["date"], 1) and
                    q["cost"] <= p["cost"] and q["people"] <= p["people"] and
                    q["value_kept"] >= p["value_kept"] and
                    (q["cost"], q["people"]) != (p["cost"], p["people"]))
            check(not twin, "trade-off at %.1f with %d people and cost %.0f beside a cheaper one "
                  "with %d people" % (p["date"], p["people"], p["cost"], q["people"]))
    joined = re.sub(r"\s*\n  (?=\S)", " ", text)  # a wrapped first cell, joined again
    for p in tr[:6]:  # the rows the page shows (PB_PAGE_ROWS)
        team = ", ".join("%d %s" % (n, r) for r, n in p["deal"]["team"].items() if n)
        want = "%d %s (%s)" % (p["people"], "person" if p["people"] == 1 else "people", team)
        check(want in joined, "the text page cuts or changes the team '%s'" % want)
    for ch in doc.get("choices") or []:  # each choice's name heads its rows, neither cut
        check(re.search(r"^%s:$" % re.escape(ch["name"]), text, re.M) is not None,
              "the text page cuts or leaves out the choice '%s'" % ch["name"])
        check("| %s: " % ch["name"] in md, "the Markdown page cuts the choice '%s'" % ch["name"])
        for alt in ch["alternatives"]:
            # said by its name (the first line of a wrapped row), never by its id
            row = "  %s%s" % (alt["name"], " (the plan)" if alt["plan"] else "")
            head = row if len(row) <= 42 else row[:43].rsplit(" ", 1)[0]  # wraps at a word
            check(re.search(r"^%s( |$)" % re.escape(head), text, re.M) is not None,
                  "the text page cuts the alternative '%s'" % alt["name"])
            check(alt["name"] == alt["id"] or
                  re.search(r"^  %s " % re.escape(alt["id"]), text, re.M) is None,
                  "the text page says the id '%s', not its name" % alt["id"])
    if c["joint"] is not None and c["joint"]["probability"] in (0, 1):
        word = "<0.1%" if c["joint"]["probability"] == 0 else ">99.9%"
        # its interval rounds to it: not said, as no interval that rounds to its value is
        check(re.search(r"%s(?! \(95%% CI)" % re.escape(word), text) is not None,
              "P = %s is not said as '%s'" % (c["joint"]["probability"], word))
    # an interval that rounds to its value is not said (B3); the foot says so once
    for name, body in (("text", text), ("md", md)):
        check(re.search(r"95% CI (within|below|above) ", body) is None,
              "%s says an interval that rounds to its value" % name)
        check(body.count("exact to its last digit") == 1,
              "%s does not say once that a figure without an interval is exact" % name)
    for name, body in (("text", text), ("md", md), ("json", json.dumps(doc))):
        low = body.lower()
        for w in WORDS:
            check(w not in low, "%s says '%s'" % (name, w))
    for name, body in (("text", text), ("md", md)):
        check(body.count("%s simulated projects" % format(int(N), ",")) == 1,
              "%s does not state the count once" % name)
        for bad in ("NaN", "nan%", "-0.0", "only 0%", "inf"):
            check(bad not in body, "%s says '%s'" % (name, bad))
        same = re.search(r"CI ([<>]?[\d.,]+%?)-\1\b|CI (\S+ \S+) to \2\)", body)
        check(same is None, "%s repeats an interval's end: '%s'" % (name, same and same.group(0)))
    print("brief-manager: %d passed, %d failed" % (results.count(True), results.count(False)))
    return 0 if all(results) else 1


sys.exit(main())
