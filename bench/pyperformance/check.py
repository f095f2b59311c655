"""Runs pyperformance's pure-Python benchmarks under floe and CPython and compares them.

    python3 bench/pyperformance/check.py PYPERFORMANCE_CHECKOUT [FLOE_BINARY]

Each benchmark's unmodified `run_benchmark.py` is copied, beside the `pyperf.py`
stand-in of this folder, into a temporary directory and run once by each interpreter
(the benchmark function once, at its default size). A row says whether floe ran it to
the end, whether its output equals CPython's, floe's first error line otherwise, and the
two wall times. Benchmarks that need packages from PyPI (a requirements.txt) are left
out, as are those built on what floe does not aim at (`async def`, a whole process
start, the modules asyncio, subprocess, multiprocessing, re, decimal, sqlite3, ...): the
list is printed at the end.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# Modules outside the standard library issue #16 names for floe.
OUT_OF_SCOPE = {
    "argparse", "asyncio", "base64", "datetime", "decimal", "fractions", "glob",
    "hashlib", "logging", "multiprocessing", "os", "pathlib", "pickle", "pprint",
    "re", "shutil", "sqlite3", "ssl", "struct", "subprocess", "tempfile",
}


def imports(path):
    names = set()
    with open(path) as f:
        for line in f:
            words = line.split()
            if len(words) >= 2 and words[0] in ("import", "from"):
                names.add(words[1].split(".")[0].rstrip(","))
    return names


def run(cmd, cwd):
    start = time.perf_counter()
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600)
        code, out, err = p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        code, out, err = -1, "", "timed out after 600 s"
    return code, out, err, time.perf_counter() - start


def main():
    root = os.path.join(sys.argv[1], "pyperformance", "data-files", "benchmarks")
    floe = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else "floe"
    skipped, rows = [], []
    for name in sorted(os.listdir(root)):
        folder = os.path.join(root, name)
        script = os.path.join(folder, "run_benchmark.py")
        if not os.path.isfile(script):
            continue
        needs = imports(script) - {"pyperf"}
        with open(script) as f:
            text = f.read()
        # floe has no `async def`; `bench_command` times a whole process start.
        unsupported = "async def" in text or "bench_command" in text
        if os.path.exists(os.path.join(folder, "requirements.txt")) or needs & OUT_OF_SCOPE or unsupported:
            skipped.append(name)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copy(script, tmp)
            shutil.copy(os.path.join(HERE, "pyperf.py"), tmp)
            cpy = run([sys.executable, "run_benchmark.py"], tmp)
            flo = run([floe, "run", "run_benchmark.py"], tmp)
        same = flo[0] == 0 and cpy[0] == 0 and flo[1] == cpy[1]
        last = (flo[2].strip().splitlines() or [""])[-1]
        status = "same" if same else ("differs" if flo[0] == 0 else "fails")
        rows.append((name, status, last, cpy[3], flo[3]))
        print(f"{name:28} {status:8} cpython {cpy[3]:7.2f}s floe {flo[3]:7.2f}s  {last[:90]}", flush=True)
    ran = sum(1 for r in rows if r[1] == "same")
    print(f"\n{ran} of {len(rows)} run under floe with CPython's output")
    print("left out (PyPI packages, async, process starts, modules outside floe's standard library):", ", ".join(skipped))


main()
