"""B3's CPython peer: a pickle round trip (dumps + loads, what moving an object graph
between processes costs) of a list of n small lists, the shape floe-bench moves.

Usage: python3 b3_peer.py N SAMPLES — prints the median ns per round trip.
"""
import pickle
import statistics
import sys
import time

n, samples = int(sys.argv[1]), int(sys.argv[2])
data = [[i] for i in range(n)]
times = []
for _ in range(samples):
    start = time.perf_counter_ns()
    pickle.loads(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    times.append(time.perf_counter_ns() - start)
print(statistics.median(times))
