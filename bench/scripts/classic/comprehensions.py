# Classic B11: comprehension-heavy code — a small data-processing pipeline written
# with list, dict and set comprehensions: make records, filter, group, join and
# transpose a table, multiply small matrices, and sieve primes (the idioms of
# pyperformance's `comprehensions` benchmark, written here as one toy report).
# Exercises: comprehensions with filters and nesting, tuples, dict and set building,
# sorted with keys, sum/min/max over comprehensions.
# N is the number of times the report is rebuilt.
N = 450

DEPARTMENTS = ["ops", "dev", "sales", "research", "support"]


def report(seed):
    people = [
        (i, DEPARTMENTS[(i * 7 + seed) % len(DEPARTMENTS)], (i * 37 + seed * 11) % 90 + 20)
        for i in range(400)
    ]
    by_dept = {d: [p for p in people if p[1] == d] for d in DEPARTMENTS}
    averages = {d: sum([p[2] for p in ps]) / len(ps) for d, ps in by_dept.items() if ps}
    senior = {p[0] for p in people if p[2] > averages[p[1]]}
    pairs = [(a, b) for a in range(40) for b in range(a + 1, 40) if (a * b) % 7 == 1]
    table = [[(r * 5 + c + seed) % 13 for c in range(12)] for r in range(12)]
    transposed = [[row[c] for row in table] for c in range(12)]
    product = [
        [sum([a * b for a, b in zip(row, col)]) for col in transposed]
        for row in table
    ]
    limit = 600
    composite = {m for p in range(2, 25) for m in range(p * p, limit, p)}
    primes = [k for k in range(2, limit) if k not in composite]
    ranking = sorted(averages.items(), key=lambda kv: (-kv[1], kv[0]))
    return (
        len(senior),
        len(pairs),
        sum([sum(r) for r in product]),
        max([max(r) for r in product]),
        len(primes),
        primes[-1],
        [d for d, _ in ranking],
    )


results = [report(seed) for seed in range(N)]
print(results[-1])
print(sum([r[0] for r in results]), sum([r[2] for r in results]))
