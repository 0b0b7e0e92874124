#!/usr/bin/env python3
"""A scenario with N resources and M milestones (default N), milestone i
needing resource i mod N, for timing 'pushback check' at the README's
scale limits.  usage: gen_resources.py N [M] > big.cfg"""
import sys


def main():
    n = int(sys.argv[1])
    m = int(sys.argv[2]) if len(sys.argv) > 2 else n
    out = sys.stdout
    out.write("version = 1;\nresources = (\n")
    out.write(",\n".join('  { id = "r%d"; cost = 1.0; }' % i for i in range(n)))
    out.write("\n);\nmilestones = (\n")
    out.write(",\n".join(
        '  { id = "m%d"; duration = [1.0, 2.0, 4.0]; needs = { r%d = 1.0; }; }' % (i, i % n)
        for i in range(m)))
    out.write("\n);\n")


if __name__ == "__main__":
    main()
