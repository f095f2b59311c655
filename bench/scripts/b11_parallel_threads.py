# B11 (parallel) for CPython: the same workload on threads (the GIL serialises them).
import threading

N = 80000
CHUNKS = 8

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
results = [0] * CHUNKS
def work(k):
    results[k] = count_primes(k * size, (k + 1) * size)
threads = [threading.Thread(target=work, args=(k,)) for k in range(CHUNKS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sum(results))
