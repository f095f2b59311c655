# oracle: python3
# User __eq__ and __hash__ decide dict keys and set elements, as in Python.
class P:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, other):
        return isinstance(other, P) and (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __repr__(self):
        return "P(%d, %d)" % (self.x, self.y)

d = {P(1, 2): "a"}
print(d[P(1, 2)], P(1, 2) in d, P(2, 1) in d)
d[P(1, 2)] = "b"
print(len(d), d)
print(d.get(P(1, 2)), d.get(P(0, 0), "none"), d.setdefault(P(1, 2), "c"))
k = list(d)[0]
d[P(1, 2)] = "z"
print(list(d)[0] is k, "the first key object stays")
del d[P(1, 2)]
print(d)
s = {P(0, 0), P(0, 0), P(1, 1)}
print(len(s), P(0, 0) in s)
s.add(P(1, 1))
s.discard(P(0, 0))
print(s)
print(set([P(3, 3), P(3, 3)]), {P(5, 5)} == {P(5, 5)})
print({(P(1, 1), 2): "tuple key"}[(P(1, 1), 2)])
print(d.pop(P(9, 9), "default"))
c = {P(1, 1): 1}
print(c.pop(P(1, 1)), c)
print(dict.fromkeys([P(1, 1), P(1, 1), P(2, 2)]))

# A hash equal to an int's: the instance finds the int key through its __eq__.
class One:
    def __eq__(self, other):
        return other == 1
    def __hash__(self):
        return hash(1)
print({1: "int one"}[One()])

# Equality without a hash makes instances unhashable; __hash__ = None too.
class EqOnly:
    def __eq__(self, other):
        return True
class NoHash:
    __hash__ = None
class Plain:
    pass
class Child(P):
    pass
def err(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ":", e)
err(lambda: {EqOnly(): 1})
err(lambda: {NoHash()})
err(lambda: hash(EqOnly()))
p = Plain()
print({p: 1}[p], hash(p) == hash(p), {Child(1, 2): "inherited"}[Child(1, 2)])

# The hash is asked once per operation; __eq__ only for a key with the same hash.
calls = []
class Counted:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        calls.append("hash")
        return self.v
    def __eq__(self, other):
        calls.append("eq")
        return isinstance(other, Counted) and other.v == self.v
m = {}
m[Counted(1)] = 1
m[Counted(2)] = 2
print(calls)
calls.clear()
print(m[Counted(2)], calls)
calls.clear()
a = Counted(7)
m[a] = 7
calls.clear()
print(m[a], calls)

# A __hash__ that raises, or returns no int.
class BadHash:
    def __hash__(self):
        return "h"
class Raising:
    def __hash__(self):
        raise ValueError("no hash today")
err(lambda: {BadHash(): 1})
err(lambda: {Raising()})
print(hash(Counted(12345)))
