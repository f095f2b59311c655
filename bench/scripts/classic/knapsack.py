# Classic B11: dynamic programming three ways — the idiom of puzzle solvers:
# a 0/1 knapsack by memoised recursion (`functools.lru_cache`), the same by a
# bottom-up table, and a brute force over `itertools.combinations` on a small
# instance to check both; plus an edit distance with `functools.cache` and a
# `reduce`. Exercises: `functools` (lru_cache with cache_info, cache, reduce,
# partial, cmp_to_key), `itertools` (combinations, permutations, product,
# accumulate), `operator`, recursion, tuples as keys, sorting with a comparator.
import operator
from functools import cache, cmp_to_key, lru_cache, partial, reduce
from itertools import accumulate, combinations, permutations, product

N = 12


def items_for(n, seed):
    x = seed
    out = []
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        weight = 1 + x % 23
        x = (x * 1103515245 + 12345) % 2147483648
        value = 1 + x % 37
        out.append((weight, value))
    return tuple(out)


def knapsack_memo(items, capacity):
    @lru_cache(maxsize=None)
    def best(i, room):
        if i == len(items):
            return 0
        w, v = items[i]
        skip = best(i + 1, room)
        if w > room:
            return skip
        return max(skip, v + best(i + 1, room - w))

    result = best(0, capacity)
    info = best.cache_info()
    return result, info.misses, info.hits > 0


def knapsack_table(items, capacity):
    table = [0] * (capacity + 1)
    for w, v in items:
        for room in range(capacity, w - 1, -1):
            table[room] = max(table[room], table[room - w] + v)
    return table[capacity]


def knapsack_brute(items, capacity):
    best = 0
    for k in range(len(items) + 1):
        for chosen in combinations(items, k):
            if sum(w for w, _ in chosen) <= capacity:
                best = max(best, sum(v for _, v in chosen))
    return best


@cache
def edit(a, b):
    if not a:
        return len(b)
    if not b:
        return len(a)
    if a[0] == b[0]:
        return edit(a[1:], b[1:])
    return 1 + min(edit(a[1:], b), edit(a, b[1:]), edit(a[1:], b[1:]))


def by_ratio(x, y):
    rx, ry = x[1] * y[0], y[1] * x[0]
    return (rx < ry) - (rx > ry)


def main():
    for k in range(N):
        items = items_for(30 + k, k)
        cap = 60 + 5 * k
        memo, misses, reused = knapsack_memo(items, cap)
        table = knapsack_table(items, cap)
        small = items[:12]
        brute = knapsack_brute(small, cap // 2)
        print(f"instance {k}: memo {memo} table {table} agree {memo == table} "
              f"misses {misses} reused {reused} brute12 {brute} == {knapsack_table(small, cap // 2)}")
    greedy = sorted(items_for(10, 3), key=cmp_to_key(by_ratio))
    print("greedy order:", greedy[:4])
    words = ["region", "freeze", "frozen", "reason", "cown", "crown"]
    print("edit:", [edit(a, b) for a, b in combinations(words, 2)])
    print("perms:", sum(1 for p in permutations(range(6)) if all(abs(a - b) != 1 for a, b in zip(p, p[1:]))))
    print("grid:", sum(x * y for x, y in product(range(10), repeat=2)))
    print("fold:", reduce(operator.mul, range(1, 15)), list(accumulate(range(1, 8), operator.mul)))
    add5 = partial(operator.add, 5)
    print("partial:", [add5(i) for i in range(4)], edit.cache_info().currsize > 0)


main()
