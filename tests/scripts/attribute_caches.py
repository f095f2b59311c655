# oracle: python3
# The interpreter's attribute position hints and method cache (RFC-0008 §5) never
# change an answer: attributes set in different orders, methods replaced on a class or a
# base, shadowed by an instance, deleted, classes made again in a loop, and one call site
# seeing many classes — checked against CPython's output.


class A:
    def f(self):
        return "A.f"


class B(A):
    pass


b = B()
print(b.f())
A.f = lambda self: "new A.f"
print(b.f())


def g(self):
    return "B.f"


B.f = g
print(b.f())
b.f = lambda: "own"
print(b.f())
del b.f
del B.f
print(b.f())


# One call site, many classes and attribute orders.
class P:
    def __init__(self, order):
        for name in order:
            setattr(self, name, len(name))

    def total(self):
        return self.a + self.bb + self.ccc


class Q(P):
    def total(self):
        return -P.total(self)


objs = [P("a bb ccc".split()), Q("ccc a bb".split()), P("bb ccc a".split())]
for _ in range(3):
    print([o.total() for o in objs], [o.bb for o in objs])
objs[1].bb = 100
del objs[2].a
objs[2].a = 7
print([o.total() for o in objs])

# Classes made again and again (a new class may reuse a freed one's address).
results = []
for i in range(50):
    class Fresh:
        k = i

        def get(self):
            return self.k

    results.append(Fresh().get())
print(sum(results), results[:5], results[-1])

# Closures read and write cells.
def counter():
    n = 0

    def inc():
        nonlocal n
        n += 1
        return n

    return inc


c = counter()
print(c(), c(), c())
