# oracle: python3
# The bisect, heapq and operator modules (issue #16), comparing through Python's `<`
# (a user class's __lt__ included).
import bisect
import heapq
import operator
from bisect import bisect_left, insort

a = [1, 2, 2, 2, 3, 5, 8, 13]
print([bisect.bisect_left(a, x) for x in range(15)])
print([bisect.bisect_right(a, x) for x in range(15)], bisect.bisect(a, 2), bisect_left(a, 2))
print(bisect.bisect_left(a, 2, 2), bisect.bisect_right(a, 2, 0, 3), bisect.bisect_left(a, 5, lo=1, hi=6), bisect.bisect_right(a, 100, hi=4))
b = []
for x in [5, 1, 4, 1, 5, 9, 2, 6, 5, 3]:
    insort(b, x)
    bisect.insort_left(b, x * 10)
print(b)
c = []
for x in [3.5, 1, 2.5, 2]:
    bisect.insort_right(c, x, lo=0)
print(c)
pairs = [("a", 1), ("b", 3), ("c", 5), ("d", 7)]
print(bisect.bisect_left(pairs, 4, key=lambda p: p[1]), bisect.bisect_right(pairs, 5, key=lambda p: p[1]))
bisect.insort(pairs, ("x", 4), key=lambda p: p[1])
bisect.insort_left(pairs, ("y", 5), key=lambda p: p[1])
print(pairs)
print(bisect.bisect_left("abdf", "c"), bisect.bisect_right((1, 3, 5), 3))
print(bisect.bisect_left(a, 5, 0, -1), bisect.bisect_left(a, 5, 3, -2), bisect.bisect_right(a, 5, hi=None))
try:
    bisect.bisect_left(a, 1, -1)
except ValueError as e:
    print("ValueError", e)


class Job:
    def __init__(self, priority, name):
        self.priority = priority
        self.name = name

    def __lt__(self, other):
        return self.priority < other.priority

    def __repr__(self):
        return f"Job({self.priority}, {self.name!r})"


jobs = []
for p, n in [(5, "write"), (1, "plan"), (3, "test"), (1, "think"), (4, "ship"), (2, "code")]:
    heapq.heappush(jobs, Job(p, n))
print([heapq.heappop(jobs) for _ in range(len(jobs))])
print(sorted([Job(2, "b"), Job(1, "a")]), bisect.bisect_left([Job(1, "x"), Job(3, "y")], Job(2, "z")))

h = [9, 4, 7, 1, 8, 2, 6, 3, 5, 0, 11, 10]
heapq.heapify(h)
print(h)
heapq.heappush(h, -1)
print(h, heapq.heappop(h), heapq.heappop(h), h)
print(heapq.heapreplace(h, 20), h)
print(heapq.heappushpop(h, 0), heapq.heappushpop(h, 30), h)
print(heapq.heappushpop([], 1))
sorted_out = []
while h:
    sorted_out.append(heapq.heappop(h))
print(sorted_out)
t = [(3, "c"), (1, "a"), (2, "b"), (1, "z")]
heapq.heapify(t)
print(t, heapq.heappop(t), t)
data = [5, 1, 8, 3, 9, 2, 8, 7, 1]
print(heapq.nlargest(3, data), heapq.nsmallest(3, data), heapq.nlargest(0, data), heapq.nsmallest(20, data))
words = ["pear", "fig", "apple", "kiwi", "banana", "plum", "date"]
print(heapq.nlargest(3, words, key=len), heapq.nsmallest(3, words, key=len), heapq.nlargest(2, iter(words)))
for f in [lambda: heapq.heappop([]), lambda: heapq.heapreplace([], 1), lambda: heapq.heappush((), 1)]:
    try:
        f()
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)

print(operator.add(2, 3), operator.sub(2, 3), operator.mul("ab", 3), operator.truediv(7, 2), operator.floordiv(-7, 2), operator.mod(-7, 3))
print(operator.pow(2, 100), operator.neg(5), operator.pos(-2), operator.not_(0), operator.truth([]), operator.invert(5))
print(operator.and_(12, 10), operator.or_(12, 10), operator.xor(12, 10), operator.lshift(1, 70), operator.rshift(1024, 3), operator.concat([1], [2]))
print(operator.eq(1, 1.0), operator.ne(1, 2), operator.lt(1, 2), operator.le(2, 2), operator.gt("b", "a"), operator.ge(1, 2))
print(operator.lt(Job(1, "a"), Job(2, "b")), operator.contains([1, 2], 2), operator.getitem({"k": 4}, "k"), operator.is_(None, None), operator.index(7))
print(sorted(pairs, key=operator.itemgetter(0), reverse=True), operator.itemgetter(0, 2)("abc"), operator.itemgetter("k")({"k": 1}))
print(sorted(jobs + [Job(2, "b"), Job(1, "a")], key=operator.attrgetter("name")), operator.attrgetter("name", "priority")(Job(1, "q")))


class Box:
    def __init__(self, inner):
        self.inner = inner


print(operator.attrgetter("inner.name")(Box(Job(1, "deep"))))
print(operator.methodcaller("upper")("shout"), operator.methodcaller("split", ",", 1)("a,b,c"))


class Greeter:
    def greet(self, name, punctuation="."):
        return "hello " + name + punctuation


print(operator.methodcaller("greet", "ann", punctuation="!")(Greeter()), operator.methodcaller("greet", "bo")(Greeter()))
