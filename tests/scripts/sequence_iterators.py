# oracle: python3
# Iterators over lists, tuples and strings, read in place (issue #13), and small tuples
# and lists built straight from the stack: each behaves as CPython's does — a list that
# grows while it is iterated shows its new items, an exhausted iterator stays exhausted,
# a subclass's own __iter__ is still called.

xs = [1, 2, 3]
it = iter(xs)
print(next(it), next(it))
xs.append(4)
print(list(it))
xs.append(5)
print(list(it), next(it, "done"))

t = (10, 20, 30, 40)
print(sum(w for w in t), max(w * 2 for w in t), any(w > 35 for w in t))
print([a + b for a, b in zip(t, "abcd"[:4] and (1, 2, 3, 4))])
print(list(zip(t, t[1:], t[2:])), list(zip(t, range(2))), list(zip()))
print(list(map(lambda a, b: a - b, t, (1, 2, 3))))
print(list(enumerate("xyz", 5)), "".join(c.upper() for c in "floe"))

g = (w for w in [])
print(list(g), next(g, "empty"))


class Backwards(list):
    def __iter__(self):
        return iter(list(reversed(self)))


b = Backwards([1, 2, 3])
print(list(iter(b)), [x for x in b], tuple(x for x in b))


def pairs(n):
    out = []
    for i in range(n):
        p = (i, i * i)
        q = [p, i]
        out.append((q[0][1], p[0], len(q)))
    return out


print(pairs(4))
print((), (1,), (1, 2, 3), (1, 2, 3, 4, 5), [], [1, 2, 3, 4, 5])
print(tuple(range(7)), tuple(x for x in range(2)), tuple([1, 2]), list((4, 5, 6, 7)))

it = iter((1, 2))
it2 = iter(it)
print(it is it2, next(it2), list(it), list(it2))


class Countdown:
    def __init__(self, n):
        self.n = n

    def __reversed__(self):
        return iter(range(self.n))


print(list(reversed(Countdown(3))), list(reversed(Backwards([7, 8]))))


class NotReversible:
    __reversed__ = None


try:
    reversed(NotReversible())
except TypeError as e:
    print("TypeError:", e)

c = Countdown(2)
c.__reversed__ = lambda: iter([9])
print(list(reversed(c)), len(tuple(range(1025))), tuple(x for x in range(5)))
