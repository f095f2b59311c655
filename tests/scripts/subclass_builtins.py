# oracle: python3
# Subclasses of the built-in types (issue #16, RFC-0006 "Subclassing the built-in
# types"): each instance carries a real built-in value; the class's own methods come
# first, the built-in's behaviour answers for the rest.


# --- list ---------------------------------------------------------------------------
class Stack(list):
    def push(self, x):
        self.append(x)

    def peek(self):
        return self[-1]

    def size(self):
        return len(self)


s = Stack()
for x in [3, 1, 2]:
    s.push(x)
print(s, repr(s), str(s), f"{s}", s.peek(), s.size(), len(s))
print(isinstance(s, list), isinstance(s, Stack), type(s).__name__, s.__class__.__name__)
print([x * 10 for x in s], list(s), tuple(s), sum(s), min(s), max(s), sorted(s))
print(2 in s, 7 in s, s == [3, 1, 2], s != [3, 1, 2], s < [4], bool(s), bool(Stack()))
print(s.pop(), s, s.index(1), s.count(3))
s.extend([5, 4])
s.insert(0, 0)
s.remove(5)
print(s, s[1:3], type(s[1:3]).__name__, s[::-1])
s.sort()
print(s, type(s).__name__)
s.reverse()
print(s)
s[0] = 9
del s[1]
s[0:1] = [8, 8]
print(s, len(s))
s += [6]
print(s, type(s).__name__)
print(s + [1], type(s + [1]).__name__, s * 2, type(s * 2).__name__)
print(s.copy(), type(s.copy()).__name__)
it = iter(s)
print(next(it), next(it))
first, *rest = s
print(first, rest)
print(list(enumerate(Stack("ab"))), list(zip(Stack([1, 2]), "xy")))


class Named(list):
    def __init__(self, name, items=()):
        super().__init__(items)
        self.name = name

    def total(self):
        return sum(self)


n = Named("n", [1, 2, 3])
print(n, n.name, n.total(), n.__dict__, vars(n))


class Sub(Named):
    def total(self):
        return super().total() * 100


print(Sub("s", [1]).total(), isinstance(Sub("t"), list), Sub("u", (4, 5)))


class Loud(list):
    def __getitem__(self, i):
        return super().__getitem__(i) * 10

    def __setitem__(self, i, v):
        super().__setitem__(i, v + 1)

    def __len__(self):
        return 100 + super().__len__()

    def __repr__(self):
        return "Loud" + super().__repr__()


q = Loud([1, 2])
q[0] = 5
print(q[0], q[1], len(q), repr(q), str(q), q, f"{q}", [q])


class Explicit(list):
    def __init__(self, items):
        list.__init__(self, items)
        list.append(self, "!") if False else self.append("!")


print(Explicit([1]))


class Keep(list):
    def __init__(self, items):
        pass  # list.__init__ never runs: the list stays empty, as in CPython


print(Keep([1, 2]), len(Keep([1, 2])))


# --- dict ---------------------------------------------------------------------------
class Defaulting(dict):
    def __missing__(self, key):
        return key * 2


d = Defaulting(a=1)
print(d["a"], d["zz"], d.get("zz"), "zz" in d, d, len(d))


class Tally(dict):
    def __missing__(self, key):
        self[key] = 0
        return 0

    def add(self, key):
        self[key] += 1


t = Tally()
for w in "the cat the hat the".split():
    t.add(w)
print(t, sorted(t.items()), list(t.keys()), list(t.values()), isinstance(t, dict))
print(t == {"the": 3, "cat": 1, "hat": 1}, dict(t), type(dict(t)).__name__)


class Upper(dict):
    def __setitem__(self, key, value):
        super().__setitem__(key.upper(), value)

    def __getitem__(self, key):
        return dict.__getitem__(self, key.upper())


u = Upper()
u["x"] = 1
print(u, u["X"], u["x"], "X" in u, u.get("X"), u.pop("X"), u)
dd = Defaulting({"k": 1}, z=2)
dd.update(w=3)
print(dd, dd.setdefault("k", 9), dd.copy(), type(dd.copy()).__name__, dd | {"n": 0})
for k in dd:
    print(k, dd[k], end="; ")
print()


# --- set ----------------------------------------------------------------------------
class Tags(set):
    def tagged(self, x):
        return x in self


g = Tags([1, 2])
g.add(3)
g.discard(1)
print(sorted(g), len(g), g.tagged(3), g.tagged(1), isinstance(g, set))
print(sorted(g | {9}), type(g | {9}).__name__, sorted(g & {2}), g == {2, 3})


# --- int, float ---------------------------------------------------------------------
class Color(int):
    def __new__(cls, value, name="?"):
        obj = int.__new__(cls, value)
        obj.name = name
        return obj

    def __repr__(self):
        return f"Color({self.name}={int(self)})"


c = Color(5, "red")
print(c, repr(c), str(c), c.name, int(c), float(c), c + 1, type(c + 1).__name__)
print(c * 2, c - 10, c // 2, c % 3, c ** 2, -c, abs(c), c == 5, c < 6, c >= 5, 5 == c)
print(hash(c) == hash(5), isinstance(c, int), [10, 20, 30, 40, 50, 60][c], range(c)[-1])
print("%d|%s|%x" % (c, c, c), f"{c:03d}", hex(c), bool(Color(0)), type(Color(1) + Color(2)).__name__)


class Small(int):
    pass


print(Small(7), Small("12"), Small(), Small(2) + Small(3), repr(Small(4)), max(Small(1), 0))


class Meters(float):
    def __str__(self):
        return f"{float(self)} m"


m = Meters(1.5)
print(m, repr(m), m + 1, type(m + 1).__name__, m * 2, m > 1, f"{m:.2f}", round(m * 3))


# --- str ----------------------------------------------------------------------------
class Name(str):
    def __new__(cls, value):
        return str.__new__(cls, value.strip().title())

    def initials(self):
        return "".join(w[0] for w in self.split())


nm = Name("  ada lovelace ")
print(nm, repr(nm), len(nm), nm.initials(), nm.upper(), type(nm.upper()).__name__)
print(nm + "!", type(nm + "!").__name__, nm == "Ada Lovelace", "Ada" in nm, nm[0], nm[-8:])
print(f"[{nm:>14}]", "%s." % nm, nm.split(), sorted([Name("b"), Name("a")]), hash(nm) == hash("Ada Lovelace"))
print(isinstance(nm, str), str(nm), type(str(nm)).__name__, list(Name("xy")))


class Shout(str):
    def __repr__(self):
        return "Shout!"


print(Shout("hi"), repr(Shout("hi")), str(Shout("hi")), [Shout("hi")])


# --- tuple --------------------------------------------------------------------------
class Point(tuple):
    def __new__(cls, x, y):
        return tuple.__new__(cls, (x, y))

    @property
    def x(self):
        return self[0]

    @property
    def y(self):
        return self[1]

    def __repr__(self):
        return f"Point(x={self.x}, y={self.y})"


p = Point(1, 2)
a, b = p
print(p, p.x, p.y, a, b, len(p), p == (1, 2), p[0:1], type(p[0:1]).__name__, hash(p) == hash((1, 2)))
print(isinstance(p, tuple), p + (3,), type(p + (3,)).__name__, p.index(2), p.count(1), str(p), tuple(p))


class Pair(tuple):
    pass


print(Pair([1, 2]), Pair(), repr(Pair("ab")), sorted([Pair((2, 1)), Pair((1, 5))]))


# --- conversions, unpacking, special methods called by name --------------------------
print(abs(Meters(-1.5)), round(Meters(2.5)), int(Meters(2.7)), float(Color(3)), int(Small(4)))
print("%s-%s" % Point(1, 2), "%d%%" % Small(50))
st = Stack([1, 2])
print(st.__len__(), st.__getitem__(0), st.__contains__(2), hasattr(st, "__iter__"), hasattr(object(), "__len__"))


def spread(*a, **k):
    return a, k


print(spread(*st), spread(**Defaulting(x=1)), [*st], {**Defaulting(y=2)}, {*st})
print(max(Stack([3, 9, 2])), min(Point(4, 1)), sorted(Defaulting(b=1, a=2)), ", ".join(Stack(["x", "y"])))
st.__init__([7])
print(st, divmod(Small(7), 2), pow(Small(2), 3), Small(5) in [5], str(Small(5)).zfill(3))


# --- methods read from the type, unbound ---------------------------------------------
print(list(map(str.strip, [" a ", "b "])), str.upper("x"), str.join(",", ["a", "b"]))
plain = []
list.append(plain, 1)
print(plain, dict.get({"a": 1}, "a"), sorted(["B", "a"], key=str.lower), set.union({1}, {2}))
via_type = Stack()
Stack.append(via_type, 3)
list.append(via_type, 4)
print(via_type, Stack.__len__(via_type), tuple.count((1, 1), 1), Name.upper(Name("q")))
try:
    str.lower()
except TypeError:
    print("str.lower() needs its object")


# --- __new__ set and removed after the class was made -------------------------------
class Later:
    pass


def made(cls, *args):
    obj = object.__new__(cls)
    obj.made = True
    return obj


print(type(Later()).__name__, hasattr(Later(), "made"))
Later.__new__ = made
print(Later().made)
del Later.__new__
print(hasattr(Later(), "made"))


class Once:
    instance = None

    def __new__(cls, *args):
        if cls.instance is None:
            cls.instance = super().__new__(cls)
        return cls.instance

    def __init__(self, value):
        self.value = value


print(Once(1) is Once(2), Once(3).value)


class NotMine:
    def __new__(cls):
        return 42

    def __init__(self):
        print("never runs")


print(NotMine())


# --- exceptions ---------------------------------------------------------------------
class AppError(ValueError):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code


try:
    raise AppError(404, "not found")
except ValueError as e:
    print(type(e).__name__, e, e.code, e.args, isinstance(e, AppError), repr(e))


class Plain(Exception):
    pass


try:
    raise Plain("a", 1)
except Exception as e:
    print(e, repr(e), e.args)


# --- __dict__ and vars --------------------------------------------------------------
class Box:
    def __init__(self):
        self.x = 1


box = Box()
view = box.__dict__
print(view, type(view).__name__, isinstance(view, dict), len(view), "x" in view, view["x"])
view["y"] = 2
box.z = 3
print(box.y, view, list(view), sorted(vars(box).items()))
del view["x"]
print(hasattr(box, "x"), box.__dict__)
vars(box).update(p=9, q=10)
print(box.p, box.q, vars(box) == {"y": 2, "z": 3, "p": 9, "q": 10})
print(box.__dict__.pop("p"), hasattr(box, "p"), view.get("q"), view.setdefault("r", 7), box.r)


# --- bases that cannot be combined -------------------------------------------------
for make in ["bool", "two layouts", "range"]:
    try:
        if make == "bool":
            class B(bool):
                pass
        elif make == "two layouts":
            class LD(list, dict):
                pass
        else:
            class R(range):
                pass
    except TypeError as e:
        print(make, "->", e)
class S(list):
    pass
s = S([1])
t = s
s += [2]
s *= 2
print(s, type(s).__name__, t is s)
class T(tuple): pass
x = T((1,))
x += (2,)
print(x, type(x).__name__)
class St(set): pass
a = St({1}); b = a
a |= {2}
print(sorted(a), a is b, type(a).__name__)
class D(dict): pass
d = D(a=1); e = d
d |= {"b": 2}
print(d, d is e)
class N(int): pass
n = N(3); n += 1
print(n, type(n).__name__)
class Name(str):
    pass
class Num(int):
    pass
class Pair(tuple):
    pass
class L(list):
    pass
d = {Name("a"): 1, Num(5): 2, Pair((1, 2)): 3}
print(d[Name("a")], d[Num(5)], d[Pair((1, 2))], Name("a") in {Name("a")}, len({Num(1), Num(1), Num(2)}))
print(hash(Name("a")) == hash("a"), hash(Num(5)) == hash(5))
try:
    {L([1]): 1}
except TypeError as e:
    print(e)
