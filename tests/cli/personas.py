#!/usr/bin/env python3
"""The personas (scenarios/rulebooks/{product,techlead,finance}.cfg) in step with manager.cfg.

usage: tests/cli/personas.py [RULEBOOK_DIR]

A persona is manager.cfg's rules, chosen and ordered for one voice (docs/rehearse.md): the
rehearsal's "Say instead" quotes it, so a stale persona gives stale advice. Checks that:
- every rule a persona shares with manager.cfg has manager.cfg's keys and templates, all but
  the persona's own voice (says, probe) and its pressure;
- every rule of a persona is one of manager.cfg's;
- every kind of offer_words in manager.cfg is worded by each persona;
- every offer kind and change kind manager.cfg uses is used by each persona, or is in ABSENT
  with the reason (and then really absent, so that the table stays true).
Prints one line per failure and `personas: N passed, N failed`.
"""
import re
import sys

VOICE = ("says", "probe", "pressure")
# To add one: (persona, kind) -> why the persona leaves it to another.
ABSENT = {
    ("product", "best-split"): "build-or-buy choices are the tech lead's argument",
    ("product", "choice"): "build-or-buy choices are the tech lead's argument",
    ("product", "option"): "the cheapest option is finance's argument",
    ("product", "no-more"): "the cheapest option is finance's argument",
    ("product", "within-budget"): "money is finance's argument",
    ("product", "budget"): "money is finance's argument",
    ("product", "risk"): "a dismissed risk is the tech lead's argument",
    ("product", "own-date"): "losing a person is the default manager's move",
    ("product", "lose"): "losing a person is the default manager's move",
    ("product", "join"): "adding people late is the default manager's move",
    ("techlead", "meet-date"): "the customer's date is the product manager's argument",
    ("techlead", "agreed-date"): "asking again for the date is the product manager's",
    ("techlead", "scope"): "cutting scope is the product manager's argument",
    ("techlead", "drop"): "cutting scope is the product manager's argument",
    ("techlead", "people"): "head count is finance's and the product manager's argument",
    ("techlead", "within-budget"): "money is finance's argument",
    ("techlead", "budget"): "money is finance's argument",
    ("techlead", "option"): "the cheapest option is finance's argument",
    ("techlead", "own-date"): "losing a person is the default manager's move",
    ("techlead", "lose"): "losing a person is the default manager's move",
    ("techlead", "join"): "adding people late is the default manager's move",
    ("finance", "best-split"): "build-or-buy choices are the tech lead's argument",
    ("finance", "choice"): "build-or-buy choices are the tech lead's argument",
    ("finance", "no-more"): "finance asks for the cheapest option as a question, not a deal",
    ("finance", "agreed-date"): "asking again for the date is the product manager's",
    ("finance", "scope"): "cutting scope is the product manager's argument",
    ("finance", "drop"): "cutting scope is the product manager's argument",
    ("finance", "metric-date"): "the metric's promise is the product manager's and the tech lead's",
    ("finance", "metric"): "the metric's promise is the product manager's and the tech lead's",
    ("finance", "risk"): "a dismissed risk is the tech lead's argument",
    ("finance", "own-date"): "losing a person is the default manager's move",
    ("finance", "lose"): "losing a person is the default manager's move",
    ("finance", "join"): "adding people late is the default manager's move",
}


def uncomment(text):
    out = []
    for line in text.splitlines():
        inq, cut = False, len(line)
        for i, c in enumerate(line):
            if c == '"' and (i == 0 or line[i - 1] != "\\"):
                inq = not inq
            elif c == "#" and not inq:
                cut = i
                break
        out.append(line[:cut])
    return "\n".join(out)


def entries(text):
    pat = r'([a-z_][a-z0-9_-]*)\s*=\s*((?:"(?:[^"\\]|\\.)*"\s*)+|\{[^}]*\}|\[[^]]*\]|[0-9.]+|true|false)\s*;'
    for m in re.finditer(pat, text):
        v = m.group(2)
        if v.startswith('"'):
            v = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', v))
        yield m.group(1), re.sub(r"\s+", " ", v)


def load(path):
    text = uncomment(open(path).read())
    words = re.search(r"^offer_words\s*=\s*\{(.*?)^\};", text, re.S | re.M)
    rules = {}
    for blk in re.split(r"\n\s*\{\s*(?=id\s*=)", text[text.index("rules = ("):])[1:]:
        d = dict(entries(blk))
        rules[d["id"]] = d
    return dict(entries(words.group(1))) if words else {}, rules


def kinds(rules):
    offers = {r["offer"] for r in rules.values() if "offer" in r}
    changes = set()
    for r in rules.values():
        changes |= set(re.findall(r"([a-z_]+)\s*=", r.get("change", "")))
    return offers, changes


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "scenarios/rulebooks"
    passed = failed = 0

    def check(cond, msg):
        nonlocal passed, failed
        if cond:
            passed += 1
        else:
            failed += 1
            print("FAIL: " + msg)

    mwords, mrules = load(d + "/manager.cfg")
    moffers, mchanges = kinds(mrules)
    for p in ("product", "techlead", "finance"):
        words, rules = load("%s/%s.cfg" % (d, p))
        for k in mwords:
            check(k in words, "%s: offer_words lacks '%s'" % (p, k))
        for rid, r in rules.items():
            check(rid in mrules, "%s: rule '%s' is not manager.cfg's" % (p, rid))
            m = mrules.get(rid, {})
            for key in sorted((set(m) | set(r)) - set(VOICE)):
                check(m.get(key) == r.get(key),
                      "%s: rule '%s' key '%s' is not manager.cfg's" % (p, rid, key))
        offers, changes = kinds(rules)
        for kind, used in [(k, k in offers) for k in sorted(moffers)] + \
                          [(k, k in changes) for k in sorted(mchanges)]:
            why = ABSENT.get((p, kind))
            check(used or why, "%s: '%s' neither used nor listed as absent" % (p, kind))
            check(not (used and why), "%s: '%s' is used but listed as absent" % (p, kind))
    print("personas: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
