# oracle: python3
# Globals are read and written through each instruction's position hint (RFC-0008 §5),
# and special methods and class attributes through the method cache: neither may change
# an answer when the namespace is reordered, names are deleted and re-made, a builtin is
# shadowed and un-shadowed, or a class gains and loses a special method.
import floe_modpkg.counter as counter

a = 1
b = 2
total = 0
for i in range(6):
    total += a + b
    if i == 2:
        del a  # `a` leaves the namespace: the hint of every `a` above is stale
        a = 10  # and comes back at another position
    if i == 4:
        for k in range(40):  # enough new names to grow the namespace's table
            globals()["g%d" % k] = k
        for k in range(40):
            del globals()["g%d" % k]
print(total, a, b)


def bump_len():
    return len("abc")


print(bump_len())
len = lambda s: 99  # a global now shadows the builtin at the same instruction
print(bump_len())
del len
print(bump_len())


def count_to(n):
    global counted
    counted = 0
    for _ in range(n):
        counted += 1
    return counted


print(count_to(5), counted)
for _ in range(3):
    counter.bump()
print(counter.count)

ns = {"x": 1}
exec("def f():\n    global x\n    x += 1\n    return x\n", ns)
print(ns["f"](), ns["f"](), ns["x"])
del ns["x"]
ns["y"] = 0
ns["x"] = 100
print(ns["f"](), ns["x"])


class V:
    def __init__(self, n):
        self.n = n


def less(p, q):
    try:
        return p < q
    except TypeError as e:
        return "TypeError"


print(less(V(1), V(2)))
V.__lt__ = lambda self, other: self.n < other.n
print(less(V(1), V(2)), less(V(3), V(2)))
del V.__lt__
print(less(V(1), V(2)))


class W(V):
    kind = "w"


print(W(1).kind, getattr(W(1), "kind"))
V.kind = "v"
W.kind = "w2"
print(W(1).kind)
del W.kind
print(W(1).kind, W(1).__class__.__name__)
