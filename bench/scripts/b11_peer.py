"""B11's CPython peer: runs a B11 script `samples` times in this process and prints the
median wall time in seconds (startup excluded, as floe-bench excludes floe's)."""
import io
import statistics
import sys
import time
from contextlib import redirect_stdout

path, samples = sys.argv[1], int(sys.argv[2])
with open(path) as f:
    code = compile(f.read(), path, "exec")
times = []
for _ in range(samples):
    env = {"__name__": "__main__"}
    start = time.perf_counter()
    with redirect_stdout(io.StringIO()):
        exec(code, env)
    times.append(time.perf_counter() - start)
print(statistics.median(times))
