# B11 (parallel): a CPU-bound workload split over behaviours, one cown per chunk.
N = 80000
CHUNKS = 8
from floe import Cown, when, wait

def count_primes(lo, hi):
    found = 0
    for n in range(lo, hi):
        if n < 2:
            continue
        d = 2
        prime = True
        while d * d <= n:
            if n % d == 0:
                prime = False
                break
            d += 1
        if prime:
            found += 1
    return found

size = N // CHUNKS
parts = []
for k in range(CHUNKS):
    @when(Cown(k))
    def part(c):
        return count_primes(c.value * size, (c.value + 1) * size)
    parts.append(part)
print(sum(wait(p) for p in parts))
