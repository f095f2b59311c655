# oracle: python3
# The time module (issue #16): only facts that do not depend on when the script runs.
import time

t = time.time()
print(type(t).__name__, t > 1.6e9, type(time.time_ns()).__name__)
readings = [time.monotonic() for _ in range(1000)]
print(all(a <= b for a, b in zip(readings, readings[1:])))
counters = [time.perf_counter() for _ in range(1000)]
print(all(a <= b for a, b in zip(counters, counters[1:])), type(time.perf_counter_ns()).__name__)
ns = [time.perf_counter_ns() for _ in range(100)]
print(all(a <= b for a, b in zip(ns, ns[1:])), all(isinstance(n, int) for n in ns))
c = time.process_time()
print(type(c).__name__, c >= 0.0, time.process_time() >= c)
print(time.sleep(0), time.sleep(0.001))
before = time.monotonic()
time.sleep(0.02)
print(time.monotonic() - before >= 0.015)
try:
    time.sleep(-1)
except ValueError as e:
    print("ValueError", e)
try:
    time.sleep("1")
except TypeError as e:
    print("TypeError")
