# oracle: python3
# The set API and frozenset. Sets print sorted: CPython's iteration order is its hash
# table's, Floe's is insertion order, and neither is part of the language.
def show(x):
    if isinstance(x, (set, frozenset)):
        return type(x).__name__ + " " + str(sorted(x))
    return x

def err(f):
    try:
        print(show(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)

a, b, c = {1, 2, 3, 4}, {3, 4, 5}, [4, 6]
print(show(a.union(b, c)), show(a.union()), show(a | b))
print(show(a.intersection(b, c)), show(a.intersection()), show(a & b))
print(show(a.difference(b, c)), show(a - b), show(a.difference()))
print(show(a.symmetric_difference(b)), show(a ^ b), show(a.symmetric_difference(c)))
print(a.issubset(range(10)), a.issubset(b), a.issuperset([1, 2]), a.isdisjoint({9}), a.isdisjoint(c))
print(a <= a, a < a, {1} < a, a >= {1, 2}, a > a, b <= a, set() < a)
print(a == {4, 3, 2, 1}, a != b, a == frozenset(a), a == [1, 2, 3, 4])

s = {1, 2, 3}
s.update([4], (5, 6))
print(show(s))
s.intersection_update(range(5), [1, 2, 3, 9])
print(show(s))
s.difference_update({1}, [2])
print(show(s))
s.symmetric_difference_update([3, 7])
print(show(s))
s.add(8)
s.discard(100)
s.remove(8)
print(show(s), s.pop(), show(s))
err(lambda: s.pop())
err(lambda: s.remove(42))
t = {1, 2}
u = t.copy()
u.add(3)
print(show(t), show(u), u is t)
t.clear()
print(t, len(t), bool(t), bool(u))

f = frozenset([3, 1, 2, 1])
print(show(f), len(f), 2 in f, 5 not in f, f == {1, 2, 3}, hash(f) == hash(frozenset({1, 2, 3})))
print(frozenset(), repr(frozenset([7])), frozenset("aa"), type(f).__name__)
print(show(f | {9}), show({9} | f), show(f & {1, 5}), show(f - {1}), show(f ^ {1, 9}))
print(show(f.union([10])), show(f.intersection([1, 2])), f.copy() is f, frozenset(f) is f)
print(f <= {1, 2, 3, 4}, f < f, f.issubset([1, 2, 3]), f.isdisjoint([0]))
d = {f: "frozen key", frozenset(): "empty"}
print(d[frozenset([1, 2, 3])], d[frozenset()], {f, frozenset([1, 2, 3])} == {f})
print(isinstance(f, frozenset), isinstance(f, set), isinstance({1}, frozenset))
err(lambda: f.add(4))
err(lambda: {[1]})
err(lambda: {1} <= [1])
err(lambda: {1} | [1])
err(lambda: frozenset([[1]]))
err(lambda: hash({1}))
err(lambda: {1}.union(5))
err(lambda: {1}.add())
print(sorted({frozenset([1]), frozenset([1]), frozenset([2])}, key=sorted))
print(set(), set([]) == frozenset(), {x % 3 for x in range(10)} == {0, 1, 2})
fs = frozenset([1, 2])
fs |= {3}
print(show(fs), type(fs).__name__)
