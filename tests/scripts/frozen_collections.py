# Semantics §5: frozenlist and frozendict, method by method against list, tuple and dict.
# Each row runs one operation on the frozen type and on its mutable peer and compares.
from floe import frozenlist, frozendict, is_frozen, freeze, IsolationError, NotFreezableError
from floe import set_freezable, FREEZABLE_NO

def outcome(f, x):
    try:
        r = f(x)
    except Exception as e:
        return type(e).__name__
    if isinstance(r, (frozenlist, tuple)):
        return list(r)
    if isinstance(r, frozendict):
        return dict(r)
    return r

def table(title, frozen, peer, rows):
    print("--", title)
    for label, f in rows:
        a, b = outcome(f, frozen), outcome(f, peer)
        if a == b:
            print(label.ljust(14), a)
        else:
            print(label.ljust(14), a, "!=", repr(b))

items = [3, 1, 4, 1, 5]
fl, l, t = frozenlist(items), list(items), tuple(items)
seq_rows = [
    ("len", len),
    ("index 0", lambda s: s[0]),
    ("index -1", lambda s: s[-1]),
    ("index 9", lambda s: s[9]),
    ("slice 1:3", lambda s: s[1:3]),
    ("slice ::-2", lambda s: s[::-2]),
    ("iterate", lambda s: [x * 2 for x in s]),
    ("in", lambda s: 4 in s),
    ("not in", lambda s: 9 in s),
    ("count", lambda s: s.count(1)),
    ("index(5)", lambda s: s.index(5)),
    ("index(9)", lambda s: s.index(9)),
    ("min/max/sum", lambda s: (min(s), max(s), sum(s))),
    ("sorted", sorted),
    ("bool", bool),
]
table("frozenlist vs list", fl, l, seq_rows)
table("frozenlist vs tuple", fl, t, seq_rows)
table("derived versions", fl, l, [
    ("+", lambda s: s + s),
    ("* 2", lambda s: s * 2),
    ("2 *", lambda s: 2 * s),
    ("* 0", lambda s: s * 0),
    ("==", lambda s: s == type(s)(items)),
    ("<", lambda s: s < type(s)([3, 2])),
])
print("frozenlist == list:", fl == l, "frozenlist == tuple:", fl == t, "repr:", repr(frozenlist([1, "a"])))
print("hash agrees with ==:", hash(frozenlist([1, 2])) == hash(frozenlist([1.0, 2])), frozenlist([1, 2]) == frozenlist([1.0, 2]))
print("as dict keys:", {frozenlist([1]): "one"}[frozenlist([1])])

for name, op in [("setitem", lambda s: s.__setitem__(0, 9)), ("item assign", None), ("append", lambda s: s.append(1))]:
    try:
        if op is None:
            fl[0] = 9
        else:
            op(fl)
    except (TypeError, AttributeError) as e:
        print(name, "->", type(e).__name__)

pairs = {"a": 1, "b": 2, "c": 3}
fd, d = frozendict(pairs), dict(pairs)
table("frozendict vs dict", fd, d, [
    ("len", len),
    ("getitem", lambda m: m["b"]),
    ("missing", lambda m: m["z"]),
    ("get", lambda m: m.get("a")),
    ("get default", lambda m: m.get("z", 0)),
    ("in", lambda m: "c" in m),
    ("keys", lambda m: list(m.keys())),
    ("values", lambda m: list(m.values())),
    ("items", lambda m: list(m.items())),
    ("iterate", lambda m: [k for k in m]),
    ("| dict", lambda m: m | {"d": 4, "a": 0}),
    ("== reordered", lambda m: m == {"c": 3, "b": 2, "a": 1}),
    ("== different", lambda m: m == {"a": 1}),
    ("bool", bool),
])
print("copy is itself:", fd.copy() is fd, "repr:", repr(frozendict({"a": 1})))
print("kwargs and pairs:", frozendict(x=1) == frozendict([("x", 1)]), frozendict(pairs, d=4)["d"])
print("order kept:", list(frozendict([("z", 1), ("a", 2), ("z", 3)]).items()))
print("hash is order-insensitive:", hash(frozendict(a=1, b=2)) == hash(frozendict(b=2, a=1)))
try:
    fd["x"] = 1
except TypeError as e:
    print("item assignment ->", type(e).__name__)
try:
    hash(frozendict(a=[1]))
except TypeError as e:
    print("unhashable value ->", type(e).__name__)

# Deep: construction freezes the elements, all or nothing.
inner = [1, 2]
deep = frozenlist([inner, {"k": [3]}])
print("deep:", is_frozen(deep), is_frozen(inner), is_frozen(deep[1]["k"]))
alias_target = [0]
element = [alias_target]
keeper = [alias_target]
try:
    frozenlist([element])
except IsolationError:
    print("isolation rule below the elements: nothing frozen:", is_frozen(element), is_frozen(alias_target))
no = [1]
set_freezable(no, FREEZABLE_NO)
ok = [2]
try:
    frozendict(a=ok, b=no)
except NotFreezableError:
    print("unfreezable element: nothing frozen:", is_frozen(ok))
try:
    frozendict({(1, [2]): 1})
except TypeError as e:
    print("unhashable key ->", type(e).__name__)

# freeze keeps a list's type; the frozen types say "immutable" in the type.
frozen_list = freeze([1, 2])
print(type(frozen_list).__name__, type(frozenlist([1])).__name__, isinstance(fd, frozendict))
