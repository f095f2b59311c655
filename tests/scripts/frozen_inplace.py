# Semantics §2: an in-place operator or update method on a frozen object raises
# TypeError naming the object and the refused operation, and changes nothing, even when
# the update would add nothing. A frozenset deep-freezes its elements, as frozendict does.
from floe import freeze, is_frozen

def attempt(label, f):
    try:
        f()
        print(label, "-> no error")
    except TypeError as e:
        print(label, "->", type(e).__name__ + ":", str(e).split(" <")[0].split(" 0x")[0])

l = freeze([1, 2])
s = freeze({1, 2})
d = freeze({"a": 1})

def l_add():
    global l
    l += [3]
def l_add_nothing():
    global l
    l += []
def l_mul():
    global l
    l *= 2
def s_or():
    global s
    s |= {3}
def s_and():
    global s
    s &= {1, 2}
def s_sub():
    global s
    s -= set()
def s_xor():
    global s
    s ^= {9}
def d_or():
    global d
    d |= {}

for label, f in [("list +=", l_add), ("list += []", l_add_nothing), ("list *=", l_mul),
                 ("set |=", s_or), ("set &=", s_and), ("set -= set()", s_sub),
                 ("set ^=", s_xor), ("dict |= {}", d_or),
                 ("set.update()", lambda: s.update()), ("set.pop", lambda: s.pop()),
                 ("set.clear", lambda: s.clear()), ("set.discard", lambda: s.discard(1)),
                 ("set.intersection_update", lambda: s.intersection_update([1])),
                 ("dict.update", lambda: d.update()), ("dict.pop", lambda: d.pop("zz", 0)),
                 ("dict.popitem", lambda: d.popitem()), ("dict.clear", lambda: d.clear()),
                 ("list.sort", lambda: l.sort())]:
    attempt(label, f)
print(l, sorted(s), d)

class Counter:
    def __init__(self):
        self.n = 0
    def __iadd__(self, k):
        self.n += k
        return self
freeze(Counter)
c = freeze(Counter())
def c_add():
    global c
    c += 1
attempt("__iadd__ on a frozen instance", c_add)
print(c.n)

fs = frozenset([(1, 2), "x", 3])
print(is_frozen(fs), hash(fs) == hash(frozenset([3, "x", (1, 2)])))
class Plain:
    pass
try:
    frozenset([Plain()])
except Exception as e:
    print(type(e).__name__)
freeze(Plain)
fp = frozenset([Plain()])
print(is_frozen(next(iter(fp))), len(fp))
