#!/usr/bin/env python3
"""Instructions per unit of work of the classic B11 scripts, counted by callgrind, for two
interpreters side by side: the steady measure behind RFC-0008's "Costs" (wall time on a
shared machine moves by up to 2x between runs; instruction counts do not).

    python3 bench/callgrind_ratio.py A B [SCRIPT ...]

A and B are each a floe binary (run as `A run script.py`) or `python3` (CPython). Each
script runs at a reduced N and at twice it, and the difference is reported, so start-up
and imports cancel. Prints A's and B's counts, B/A per script, and the geometric mean.
Needs valgrind; takes a few minutes for the whole suite (two scripts at a time).
"""
import math
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

CLASSIC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scripts", "classic")
# The fraction of each script's own N run once (and twice); small enough for callgrind.
SCALE = 0.08


def instructions(interp, path):
    """Instructions callgrind counts for one run of `path`."""
    cmd = [interp, path] if os.path.basename(interp).startswith("python") else [interp, "run", path]
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(re.search(r"I\s+refs:\s+([\d,]+)", run.stderr).group(1).replace(",", ""))


def per_unit(interp, name, tmp, tag):
    """Instructions for the work of `n` units of script `name` (runs at n and 2n)."""
    source = open(os.path.join(CLASSIC, name + ".py")).read()
    m = re.search(r"^N = (\d+)", source, re.M)
    n = max(1, int(int(m.group(1)) * SCALE))
    counts = []
    for k in (1, 2):
        path = os.path.join(tmp, f"{name}_{tag}{k}.py")
        with open(path, "w") as f:
            f.write(source[: m.start()] + f"N = {k * n}" + source[m.end():])
        counts.append(instructions(interp, path))
    return counts[1] - counts[0]


def main():
    a, b, names = sys.argv[1], sys.argv[2], sys.argv[3:]
    names = names or sorted(p[:-3] for p in os.listdir(CLASSIC) if p.endswith(".py"))
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(2) as pool:
        jobs = [(pool.submit(per_unit, a, s, tmp, "a"), pool.submit(per_unit, b, s, tmp, "b")) for s in names]
        logs = []
        for name, (ja, jb) in zip(names, jobs):
            ia, ib = ja.result(), jb.result()
            logs.append(math.log(ib / ia))
            print(f"{name:16s} {ia:>14,} {ib:>14,}  B/A {ib / ia:.3f}", flush=True)
    print(f"geometric mean B/A {math.exp(sum(logs) / len(logs)):.3f}")


if __name__ == "__main__":
    main()
