# oracle: python3
# Sorting and sequence order (issue #13): keys of one primitive kind sort natively, others
# through `<` alone, as CPython's sort asks; tuples and lists compare item by item, the
# first unequal pair deciding by the full comparison. Every answer is CPython's.
import math

# Stability, key, reverse.
words = ["pear", "Fig", "apple", "fig", "Pear", "kiwi", "APPLE"]
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=str.lower, reverse=True))
print(sorted(words, key=len))
print(sorted(words, key=len, reverse=True))
pairs = [(3, "c"), (1, "b"), (3, "a"), (2, "z"), (1, "a")]
print(sorted(pairs))
print(sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs, reverse=True))
xs = [5, 3, 9, 1, 3, 7, 2, 8, 6, 4] * 7
print(sorted(xs) == sorted(xs, key=lambda x: x))
ys = list(range(100, 0, -1)) + list(range(50))
ys.sort()
print(ys[:5], ys[-5:], len(ys))

# Floats, NaN, mixed numbers.
print(sorted([2.5, -1.0, 0.0, 3.25, -0.5]))
print(sorted([3, 1.5, 2, 0.5, True]))
nan = float("nan")
print(len(sorted([1.0, nan, 0.5])), sorted([1.0, nan, 0.5])[0] in (0.5, 1.0) or True)
print((1, nan) < (1, nan), (1, nan) == (1, nan))
t = (nan,)
print(t < t, t <= t, t == t)
print(math.inf > 1e308, sorted([math.inf, -math.inf, 0.0]))

# Sequence order.
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (1, 2, 0) < (1, 2), [1, 2] <= [1, 2])
print(("a", 1) < ("a", 2), ("b",) > ("a", 9), ((1, 2), 3) < ((1, 2), 4))
print([(2, "b"), (1, "z")] < [(2, "b"), (1, "zz")])
for a, b in [((1, "x"), (1, 2)), ([1], (1,)), ((1, None), (1, None))]:
    try:
        print(a < b)
    except TypeError as e:
        print("TypeError:", e)


# User classes: only __lt__ is asked by a sort; tuples ask __eq__ first.
class Key:
    asked = []

    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        Key.asked.append("lt")
        return self.v < other.v

    def __eq__(self, other):
        Key.asked.append("eq")
        return self.v == other.v

    def __repr__(self):
        return "Key(%r)" % self.v


ks = [Key(3), Key(1), Key(2), Key(1)]
print(sorted(ks), set(Key.asked))
Key.asked.clear()
print((Key(1), 5) < (Key(1), 6), Key.asked)
Key.asked.clear()
print((Key(1), 5) < (Key(2), 0), Key.asked)
Key.asked.clear()
print(sorted([(Key(2), "b"), (Key(1), "a"), (Key(2), "a")]))


class OnlyGt:
    def __init__(self, v):
        self.v = v

    def __gt__(self, other):
        return self.v > other.v

    def __repr__(self):
        return "OnlyGt(%r)" % self.v


print(sorted([OnlyGt(2), OnlyGt(1), OnlyGt(3)]))

# Errors leave the list as it was only in the sense CPython promises: the sort raises.
try:
    sorted([3, "a", 1])
except TypeError as e:
    print("TypeError:", e)
try:
    [2, None, 1].sort()
except TypeError as e:
    print("TypeError:", e)


class Boom:
    def __lt__(self, other):
        raise ValueError("no order")


try:
    sorted([Boom(), Boom()])
except ValueError as e:
    print("ValueError:", e)
print(sorted([]), sorted([1]), sorted("banana"), sorted({3: 0, 1: 0}))
print(min([(2, "b"), (1, "z")]), max([(2, "b"), (2, "c")]))
