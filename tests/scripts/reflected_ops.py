# oracle: python3
# NotImplemented and the reflected operators: Python asks the left operand, then the
# right one's reflected method; comparisons reflect (< and >, <= and >=).
class M:
    def __init__(self, v):
        self.v = v
    def __add__(self, other):
        if isinstance(other, M):
            return M(self.v + other.v)
        if isinstance(other, int):
            return M(self.v + other)
        return NotImplemented
    def __radd__(self, other):
        if isinstance(other, int):
            return M(other + self.v + 1000)
        return NotImplemented
    def __rsub__(self, other):
        return M(other - self.v)
    def __rmul__(self, other):
        return M(other * self.v)
    def __rtruediv__(self, other):
        return "rtruediv %r" % (other,)
    def __rfloordiv__(self, other):
        return "rfloordiv"
    def __rmod__(self, other):
        return "rmod"
    def __rpow__(self, other):
        return "rpow"
    def __rand__(self, other):
        return "rand"
    def __ror__(self, other):
        return "ror"
    def __rxor__(self, other):
        return "rxor"
    def __rlshift__(self, other):
        return "rlshift"
    def __rrshift__(self, other):
        return "rrshift"
    def __rmatmul__(self, other):
        return "rmatmul"
    def __repr__(self):
        return "M(%r)" % (self.v,)

print(M(1) + M(2), M(1) + 5, 5 + M(1), 10 - M(3), 3 * M(4))
print(2 / M(1), 2 // M(1), 2 % M(1), 2 ** M(1), 2 & M(1), 2 | M(1), 2 ^ M(1))
print(2 << M(1), 2 >> M(1), 2 @ M(1), [1] + M(0) if False else "skip")
print(sum([M(1), M(2)], M(0)))

def err(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)

err(lambda: M(1) + "s")
err(lambda: "s" + M(1))
err(lambda: M(1) - M(2))

class Base:
    def __init__(self, v):
        self.v = v
    def __add__(self, other):
        return "Base.__add__"
    def __radd__(self, other):
        return "Base.__radd__"
class Derived(Base):
    def __radd__(self, other):
        return "Derived.__radd__"
print(Base(1) + Derived(2), Derived(1) + Base(2), Base(1) + Base(2))

class Temp:
    def __init__(self, t):
        self.t = t
    def __lt__(self, other):
        if isinstance(other, Temp):
            return self.t < other.t
        return NotImplemented
    def __gt__(self, other):
        if isinstance(other, Temp):
            return self.t > other.t
        if isinstance(other, (int, float)):
            return self.t > other
        return NotImplemented
    def __eq__(self, other):
        if isinstance(other, Temp):
            return self.t == other.t
        return NotImplemented
    __hash__ = None
print(Temp(1) < Temp(2), Temp(3) > Temp(2), 5 < Temp(10), 50 < Temp(10))
print(sorted([Temp(3), Temp(1), Temp(2)], key=lambda t: t.t)[0].t)
print(min(Temp(4), Temp(2)).t, max([Temp(4), Temp(9)]).t)
err(lambda: Temp(1) < "x")
err(lambda: Temp(1) <= Temp(2))
print(Temp(1) == Temp(1), Temp(1) == 1, Temp(1) != Temp(2), Temp(1) != "a")

class Eq1:
    def __eq__(self, other):
        return NotImplemented
e = Eq1()
print(e == e, e == Eq1(), e != e, [e].count(e), e in [e])

class Always:
    def __eq__(self, other):
        return True
print(1 == Always(), Always() == 1, "x" != Always())
print(NotImplemented, repr(NotImplemented), type(NotImplemented).__name__)
print((1).__add__(2), (1).__add__("x"), "a".__eq__(1), (2).__eq__(2.0))
print((3).__radd__(4), [1].__add__([2]), {1}.__or__({2}))
