# Subclasses of the built-in types under Floe's rules (RFC-0006 §10): the base value is
# an attribute of the instance for the object model, so freezing, capture and the write
# barrier treat it as they treat any attribute.
from floe import Region, RegionError, freeze, is_frozen, is_local, frozenlist, frozendict


class Stack(list):
    def push(self, x):
        self.append(x)


# Freezing an instance freezes its base value and what the base value holds.
inner = [1]
s = Stack([inner, [2]])
freeze(s, Stack)
print("frozen:", is_frozen(s), is_frozen(inner))
for change in ["push", "setitem", "delitem", "slice", "sort", "iadd", "attr"]:
    try:
        if change == "push":
            s.push(3)
        elif change == "setitem":
            s[0] = 0
        elif change == "delitem":
            del s[0]
        elif change == "slice":
            s[0:1] = []
        elif change == "sort":
            s.sort()
        elif change == "iadd":
            s += [4]
        else:
            s.tag = "t"
    except TypeError as e:
        print(change, "refused:", e)
print("unchanged:", s, len(s))


class Table(dict):
    def __missing__(self, key):
        return None


t = Table(a=[1])
freeze(t, Table)
print("frozen dict subclass:", is_frozen(t), is_frozen(t["a"]), t["zz"])
try:
    t["b"] = 2
except TypeError as e:
    print("setitem refused:", e)

# A region captures the instance with its base value; a store of another region's
# object into the base value is refused, and changes nothing.
a = Region("a")
b = Region("b")
local = Stack([[5]])
a.stack = local
print("captured:", is_local(local), a.owns(local), a.owns(local[0]))
b.items = [0]
item = b.items
try:
    a.stack.push(item)
except RegionError as e:
    print("cross-region push refused:", type(e).__name__, isinstance(e, RuntimeError))
try:
    a.stack[0] = item
except RegionError as e:
    print("cross-region setitem refused:", type(e).__name__)
print("unchanged:", len(a.stack), a.stack, b.owns(item))
a.stack.push([6])
print("own-region push:", a.stack, a.owns(a.stack[-1]))

# A dict subclass in a region: the same rules through __setitem__ overrides.


class Upper(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k.upper(), v)


freeze(Upper)  # a region holds no mutable code: its instances' class is frozen first
a.upper = Upper()
a.upper["k"] = [1]
print("own-region store:", a.upper, a.owns(a.upper["K"]))
try:
    a.upper["j"] = item
except RegionError as e:
    print("cross-region store through super().__setitem__ refused:", type(e).__name__)
print("unchanged:", a.upper)

# Subclasses of Floe's frozen collections: mutable instances over a frozen base value.


class Row(frozenlist):
    def first(self):
        return self[0]


row = Row([1, 2, 3])
row.label = "r"
print("frozenlist subclass:", row, row.first(), row.label, is_frozen(row), isinstance(row, frozenlist))
print(row + frozenlist([4]), row[1:], len(row), 2 in row, row == frozenlist([1, 2, 3]))
try:
    row.append(4)
except AttributeError as e:
    print("no append:", e)
freeze(row, Row)
print("frozen now:", is_frozen(row))


class Config(frozendict):
    def setting(self, k):
        return self.get(k, "default")


cfg = Config({"mode": "fast"})
print("frozendict subclass:", cfg, cfg["mode"], cfg.setting("x"), len(cfg), isinstance(cfg, frozendict))
try:
    cfg["mode"] = "slow"
except TypeError as e:
    print("setitem refused:", e)

# __dict__ is a live view; a frozen object's refuses writes, naming the object.


class Box:
    pass


box = Box()
box.x = 1
view = box.__dict__
view["y"] = [2]
print("view:", view, box.y)
freeze(box, Box)
for write in ["setitem", "update", "delitem", "pop"]:
    try:
        if write == "setitem":
            view["x"] = 5
        elif write == "update":
            vars(box).update(x=5)
        elif write == "delitem":
            del view["x"]
        else:
            view.pop("x")
    except TypeError as e:
        print(write, "refused:", e)
print("unchanged:", vars(box), view.get("x"))
a.box = Box.__new__(Box)
a.box.z = 1
try:
    a.box.__dict__["w"] = item
except RegionError as e:
    print("view store refused:", type(e).__name__)
print("view of a region member:", vars(a.box))

# The reserved attribute holding the base value cannot be named.
for op in ["getattr", "setattr", "hasattr", "view"]:
    try:
        if op == "getattr":
            getattr(local, "<base value>")
        elif op == "setattr":
            setattr(local, "<base value>", [])
        elif op == "hasattr":
            print("hasattr:", hasattr(local, "<base value>"))
        else:
            vars(local)["<base value>"] = []
    except AttributeError as e:
        print(op, "refused:", e)
print(local, vars(local))
