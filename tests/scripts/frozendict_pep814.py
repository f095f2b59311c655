# oracle: python3
# frozendict as PEP 814 defines it (semantics §5), row by row. Under floe the rows run on
# floe's frozendict. CPython before 3.15 has none: there they run on `frozendict` below, a
# dict subclass whose every answer is CPython's dict's except where PEP 814 (and CPython
# 3.15's tests) define frozendict differently — `|` returning the operand itself when
# nothing changes, the empty repr, `fromkeys`, the unhashable-key message, no mutation.
try:
    from floe import frozendict
except ImportError:
    class frozendict(dict):
        def __new__(cls, *args, **kw):
            if not kw and len(args) == 1 and type(args[0]) is frozendict:
                return args[0]
            self = dict.__new__(cls)
            pairs = args[0].items() if args and hasattr(args[0], "items") else (args[0] if args else ())
            for k, v in [*pairs, *kw.items()]:
                try:
                    hash(k)
                except TypeError as e:
                    raise TypeError(f"cannot use '{type(k).__name__}' as a frozendict key ({e})") from None
                dict.__setitem__(self, k, v)
            return self

        def __init__(self, *args, **kw):
            pass

        def __repr__(self):
            return f"frozendict({dict.__repr__(self)})" if self else "frozendict()"

        def __hash__(self):
            return hash(frozenset(self.items()))

        def __or__(self, other):
            if not isinstance(other, dict):
                return NotImplemented
            if not other:
                return self
            if not self and type(other) is frozendict:
                return other
            return frozendict({**self, **other})

        def copy(self):
            return self

        @classmethod
        def fromkeys(cls, *args):
            if not 1 <= len(args) <= 2:
                dict.fromkeys(*args)  # CPython's own argument-count error
            return cls((k, args[1] if len(args) > 1 else None) for k in args[0])

        def _refuse(self, *args):
            raise TypeError("'frozendict' object does not support item assignment")

        __setitem__ = __delitem__ = _refuse

        def __getattribute__(self, name):
            if name in ("update", "pop", "popitem", "setdefault", "clear"):
                raise AttributeError(name)
            return dict.__getattribute__(self, name)


def row(label, f):
    try:
        r = f()
    except Exception as e:
        r = type(e).__name__
    print(label.ljust(26), repr(r))


def message(label, f):
    try:
        f()
        print(label.ljust(26), "no error")
    except Exception as e:
        print(label.ljust(26), type(e).__name__ + ":", e)


fd = frozendict(b=2, a=1, c=3)

print("-- construction")
row("empty", lambda: frozendict())
row("keywords", lambda: frozendict(x=1, y=2))
row("from dict", lambda: frozendict({"a": 1}))
row("from pairs", lambda: frozendict([("a", 1), ("b", 2)]))
row("pairs and keywords", lambda: frozendict({"a": 1}, b=2))
row("duplicates", lambda: frozendict([("z", 1), ("a", 2), ("z", 3)]))
row("of itself is itself", lambda: frozendict(fd) is fd)
row("not a mapping", lambda: frozendict(5))
row("bad pair", lambda: frozendict([(1, 2, 3)]))
message("unhashable key", lambda: frozendict([([1], 2)]))
message("unhashable tuple key", lambda: frozendict([((1, [2]), 2)]))

print("-- fromkeys")
row("fromkeys", lambda: frozendict.fromkeys("aba"))
row("fromkeys value", lambda: frozendict.fromkeys([1, 2], 0))
row("fromkeys type", lambda: type(frozendict.fromkeys("a")).__name__)
message("fromkeys unhashable", lambda: frozendict.fromkeys([[1]]))
message("fromkeys()", lambda: frozendict.fromkeys())

print("-- reading")
row("len, bool", lambda: (len(fd), bool(fd), bool(frozendict())))
row("getitem", lambda: fd["a"])
row("missing", lambda: fd["z"])
row("get", lambda: (fd.get("b"), fd.get("z"), fd.get("z", 0)))
row("in", lambda: ("c" in fd, "z" in fd, "z" not in fd))
row("keys", lambda: list(fd.keys()))
row("values", lambda: list(fd.values()))
row("items", lambda: list(fd.items()))
row("iterate", lambda: [k for k in fd])
row("dict(fd)", lambda: dict(fd))
row("** unpacking", lambda: {**fd, "d": 4})

print("-- argument counts")
message("get()", lambda: fd.get())
message("get(1, 2, 3)", lambda: fd.get(1, 2, 3))
row("keys(None)", lambda: fd.keys(None))
row("values(1)", lambda: fd.values(1))
row("items(1)", lambda: fd.items(1))
row("copy(1)", lambda: fd.copy(1))
row("get(key=1)", lambda: fd.get(key=1))

print("-- union")
row("| dict", lambda: fd | {"d": 4, "a": 0})
row("| frozendict", lambda: frozendict(a=1) | frozendict(b=2))
row("fd | {} is fd", lambda: fd | {} is fd)
row("fd | frozendict() is fd", lambda: fd | frozendict() is fd)
row("frozendict() | fd is fd", lambda: frozendict() | fd is fd)
row("frozendict() | dict", lambda: frozendict() | {"a": 1})
row("| not a mapping", lambda: fd | [1])

print("-- equality and hash")
row("== reordered dict", lambda: fd == {"c": 3, "a": 1, "b": 2})
row("== reordered frozendict", lambda: fd == frozendict(a=1, b=2, c=3))
row("!= different", lambda: (fd != {"a": 1}, fd == frozendict(a=1, b=2, c=4)))
row("hash ignores order", lambda: hash(frozendict(a=1, b=2)) == hash(frozendict(b=2, a=1)))
row("hash of unhashable value", lambda: hash(frozendict(a=[1])))
row("as dict key", lambda: {frozendict(a=1): "k"}[frozendict(a=1)])
row("in a set", lambda: len({frozendict(a=1, b=2), frozendict(b=2, a=1)}))

print("-- repr, copy")
row("repr", lambda: repr(fd))
row("repr empty", lambda: repr(frozendict()))
row("repr nested", lambda: repr(frozendict(k=frozendict())))
row("copy is itself", lambda: fd.copy() is fd)

print("-- immutable")
def assign():
    fd["x"] = 1
def delete():
    del fd["a"]
row("item assignment", assign)
row("item deletion", delete)
for name in ["update", "pop", "popitem", "setdefault", "clear"]:
    row(name, lambda: getattr(fd, name))
row("unchanged", lambda: fd)
