#!/usr/bin/env python3
"""The README tells the truth: every file it quotes and every command it shows.

usage: tests/cli/readme.py build/pushback [README.md ...]

- A code block right after a line `<!-- readme-file: PATH -->` must be the
  file PATH, byte for byte.
- A ```console block starts with `$ COMMAND`; the command is run from the
  repository root (`pushback` is the binary under test, NO_COLOR set) and must
  exit 0; the block's other lines must appear in its output in order, where
  a line `...` stands for any number of lines.
Prints one line per failure and `readme: N passed, N failed`.
"""
import os
import re
import subprocess
import sys


def blocks(text):
    """Yield (kind, first_line_number, label, lines) for each fenced block."""
    lines = text.split("\n")
    i = 0
    label = None
    while i < len(lines):
        m = re.match(r"<!-- readme-file: (\S+) -->$", lines[i])
        if m:
            label = m.group(1)
        fence = re.match(r"```(\w*)$", lines[i])
        if fence:
            start = i + 1
            j = start
            while j < len(lines) and lines[j] != "```":
                j += 1
            yield fence.group(1), start + 1, label, lines[start:j]
            label = None
            i = j
        i += 1


def matches(expected, got):
    """Whether the expected lines appear in order in got, '...' skipping lines."""
    pos = 0
    skip = False
    for want in expected:
        if want == "...":
            skip = True
            continue
        if skip:
            while pos < len(got) and got[pos] != want:
                pos += 1
        if pos >= len(got) or got[pos] != want:
            return "expected: " + want + "\n      got: " + (got[pos] if pos < len(got) else "(end)")
        pos += 1
        skip = False
    if not skip and pos != len(got):
        return "unexpected output after the last quoted line: " + got[pos]
    return None


def main():
    pb = os.path.abspath(sys.argv[1])
    docs = sys.argv[2:] or ["README.md"]
    env = dict(os.environ, NO_COLOR="1")
    passed = failed = 0

    def fail(where, why):
        nonlocal failed
        failed += 1
        print("FAIL: %s: %s" % (where, why))

    for doc in docs:
        text = open(doc, encoding="utf-8").read()
        for kind, line, label, body in blocks(text):
            where = "%s:%d" % (doc, line)
            if label:
                want = "\n".join(body) + "\n"
                try:
                    have = open(label, encoding="utf-8").read()
                except OSError as e:
                    fail(where, "cannot read %s: %s" % (label, e))
                    continue
                if want == have:
                    passed += 1
                else:
                    fail(where, "the block is not %s" % label)
                continue
            if kind != "console":
                continue
            if not body or not body[0].startswith("$ "):
                fail(where, "a console block must start with '$ command'")
                continue
            cmd = re.sub(r"(^|[|;&] *)pushback ", lambda m: m.group(1) + pb + " ", body[0][2:])
            run = subprocess.run(["sh", "-c", cmd], capture_output=True, text=True, env=env,
                                 timeout=600)
            if run.returncode != 0:
                fail(where, "'%s' exited %d: %s" % (body[0][2:], run.returncode,
                                                    run.stderr.strip()[:300]))
                continue
            why = matches(body[1:], run.stdout.rstrip("\n").split("\n"))
            if why:
                fail(where, "'%s': %s" % (body[0][2:], why))
            else:
                passed += 1
    print("readme: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
