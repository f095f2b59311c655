# oracle: python3
# frozenlist as tuple's immutable twin (semantics §5), row by row. Under floe the rows run
# on floe's frozenlist; under CPython, which has no frozenlist, on a tuple subclass that
# only renames the type: every answer below is then CPython's own tuple's.
try:
    from floe import frozenlist
except ImportError:
    class frozenlist(tuple):
        def __new__(cls, items=()):
            if type(items) is frozenlist:
                return items
            return tuple.__new__(cls, items)

        def __repr__(self):
            return "frozenlist([" + ", ".join(repr(x) for x in self) + "])"

        def __getitem__(self, i):
            r = tuple.__getitem__(self, i)
            return frozenlist(r) if type(i) is slice else r

        def __add__(self, other):
            if type(other) is not frozenlist:
                return NotImplemented
            return frozenlist(tuple(self) + tuple(other))

        def __mul__(self, n):
            return frozenlist(tuple(self) * n)

        __rmul__ = __mul__


def row(label, f):
    try:
        r = f()
    except Exception as e:
        r = type(e).__name__
    print(label.ljust(24), repr(r))


big = 2 ** 70
fl = frozenlist([3, 1, 4, 1, 5, 9, 2, 6])

print("-- construction")
row("empty", lambda: frozenlist())
row("from list", lambda: frozenlist([1, "a", None]))
row("from range", lambda: frozenlist(range(3)))
row("from str", lambda: frozenlist("ab"))
row("of itself is itself", lambda: frozenlist(fl) is fl)
row("nested repr", lambda: frozenlist([frozenlist([1]), (2,)]))
row("not iterable", lambda: frozenlist(5))

print("-- indexing")
row("len, bool", lambda: (len(fl), bool(fl), bool(frozenlist())))
row("[0] [-1]", lambda: (fl[0], fl[-1]))
row("[8]", lambda: fl[8])
row("[-9]", lambda: fl[-9])
row("[2**70]", lambda: fl[big])
row("['a']", lambda: fl["a"])
row("[True]", lambda: fl[True])

print("-- slices")
for label, f in [
    ("[1:3]", lambda: fl[1:3]),
    ("[::-1]", lambda: fl[::-1]),
    ("[::3]", lambda: fl[::3]),
    ("[-3:]", lambda: fl[-3:]),
    ("[5:1]", lambda: fl[5:1]),
    ("[5:1:-2]", lambda: fl[5:1:-2]),
    ("[-100:100]", lambda: fl[-100:100]),
    ("[2**70:]", lambda: fl[big:]),
    ("[:2**70]", lambda: fl[:big]),
    ("[-2**70:2]", lambda: fl[-big:2]),
    ("[:-2**70]", lambda: fl[:-big]),
    ("[::2**70]", lambda: fl[::big]),
    ("[1::2**70]", lambda: fl[1::big]),
    ("[::-2**70]", lambda: fl[::-big]),
    ("[::0]", lambda: fl[::0]),
    ("[None:None:None]", lambda: fl[None:None:None]),
    ("['a':]", lambda: fl["a":]),
]:
    row(label, f)

print("-- search")
row("in / not in", lambda: (4 in fl, 7 in fl, 7 not in fl))
row("count(1) count(7)", lambda: (fl.count(1), fl.count(7)))
row("index(1)", lambda: fl.index(1))
row("index(1, 2)", lambda: fl.index(1, 2))
row("index(1, 2, 4)", lambda: fl.index(1, 2, 4))
row("index(1, 2, 3)", lambda: fl.index(1, 2, 3))
row("index(6, -1)", lambda: fl.index(6, -1))
row("index(3, -100, 100)", lambda: fl.index(3, -100, 100))
row("index(3, 2**70)", lambda: fl.index(3, big))
row("index(6, -2**70, 2**70)", lambda: fl.index(6, -big, big))
row("index(7)", lambda: fl.index(7))
row("index()", lambda: fl.index())
row("index(1, 2, 3, 4)", lambda: fl.index(1, 2, 3, 4))
row("count()", lambda: fl.count())

print("-- derived and compared")
row("+", lambda: fl[:2] + frozenlist([0]))
row("* 2, 2 *", lambda: (fl[:2] * 2, 2 * fl[:1]))
row("* 0, * -1", lambda: (fl * 0, fl * -1))
row("== and !=", lambda: (fl == frozenlist(fl[:]), fl != fl[:-1], frozenlist([1]) == frozenlist([1.0])))
row("< <= > >=", lambda: (fl < fl[:-1], fl[:-1] < fl, fl <= fl, frozenlist([2]) > frozenlist([1, 9]), fl >= fl))
row("hash agrees with ==", lambda: hash(frozenlist([1, 2])) == hash(frozenlist([1.0, 2])))
row("hash of unhashable", lambda: hash(frozenlist([1, [2]])))
row("as dict key", lambda: {frozenlist([1, 2]): "k"}[frozenlist([1, 2])])

print("-- iteration")
row("list", lambda: list(fl))
row("reversed", lambda: list(reversed(fl)))
row("sorted", lambda: sorted(fl))
row("min max sum", lambda: (min(fl), max(fl), sum(fl)))
row("enumerate", lambda: list(enumerate(fl[:3])))
row("unpack", lambda: [a + b for a, b in frozenlist([(1, 2), (3, 4)])])

print("-- immutable")
def assign():
    fl[0] = 0
def delete():
    del fl[0]
row("item assignment", assign)
row("item deletion", delete)
row("append", lambda: fl.append(1))
row("unchanged", lambda: fl)
