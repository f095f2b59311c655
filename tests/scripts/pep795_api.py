# PEP 795's freezability API and pre-freeze hook (semantics §4, RFC-0003 §6).
from floe import freeze, is_frozen, set_freezable, get_freezable, unset_freezable
from floe import FREEZABLE_YES, FREEZABLE_NO, FREEZABLE_EXPLICIT, FREEZABLE_PROXY
from floe import NotFreezableError

print("constants:", FREEZABLE_YES, FREEZABLE_NO, FREEZABLE_EXPLICIT, FREEZABLE_PROXY)

# get_freezable: the object's own status, else its type's, else -1.
class C:
    pass
obj = C()
print("unset:", get_freezable(obj), get_freezable(C), get_freezable([]), get_freezable(42))
set_freezable(C, FREEZABLE_YES)
print("type's status shows through:", get_freezable(obj) == FREEZABLE_YES)
set_freezable(obj, FREEZABLE_NO)
print("own status wins:", get_freezable(obj) == FREEZABLE_NO, get_freezable(C) == FREEZABLE_YES)
unset_freezable(obj)
print("unset reveals the type's:", get_freezable(obj) == FREEZABLE_YES)
unset_freezable(obj)
print("unset twice is fine:", get_freezable(obj) == FREEZABLE_YES)
set_freezable(obj, FREEZABLE_EXPLICIT)
print("set again:", get_freezable(obj) == FREEZABLE_EXPLICIT)

# Statuses are checked; immutable objects cannot take one (PEP 795's implementation
# stores it as an attribute, which they refuse).
for bad in (99, -1, "yes"):
    try:
        set_freezable(obj, bad)
    except ValueError:
        print("ValueError for", repr(bad))
try:
    set_freezable(obj, FREEZABLE_PROXY)
except TypeError as e:
    print("TypeError:", e)
for target in (42, "s", (1, 2)):
    try:
        set_freezable(target, FREEZABLE_NO)
    except TypeError as e:
        print("TypeError:", e)
done = [1]
freeze(done)
print("frozen status kept:", get_freezable(done))
for f in (lambda: set_freezable(done, FREEZABLE_NO), lambda: unset_freezable(done)):
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)

# __pre_freeze__ runs once per object, before it is frozen. (Freezing a class freezes
# its methods, and with them the globals they name: the hooks log into a list they are
# given, which the freeze then freezes with them.)
class Hooked:
    def __init__(self, name, log):
        self.name = name
        self.log = log
        self.calls = 0
        self.frozen_inside = None
    def __pre_freeze__(self):
        self.calls += 1
        self.frozen_inside = is_frozen(self)
        self.log.append(self.name)
set_freezable(Hooked, FREEZABLE_YES)

h = Hooked("h", [])
freeze(h)
print("hook:", h.calls, h.frozen_inside, is_frozen(h), h.log)

# Parents' hooks run before the walk looks inside them: a hook may add to the graph.
class Grows(Hooked):
    def __pre_freeze__(self):
        Hooked.__pre_freeze__(self)
        self.extra = [self.name + "-extra"]
set_freezable(Grows, FREEZABLE_YES)
log = []
top = Grows("top", log)
top.child = Grows("child", log)
top.child.leaf = Hooked("leaf", log)
top.sibling = Hooked("sibling", log)
freeze(top)
print("order:", log)
print("added by a hook, frozen:", is_frozen(top.extra), is_frozen(top.child.extra))

# The hook ran, the freeze failed: it does not run again.
stuck = Hooked("stuck", [])
stuck.child = []
set_freezable(stuck.child, FREEZABLE_NO)
for attempt in range(2):
    try:
        freeze(stuck)
    except NotFreezableError:
        print("refused; calls =", stuck.calls, "frozen:", is_frozen(stuck))

# A hook that raises aborts the freeze with its exception; nothing is frozen.
class Refuses:
    def __init__(self):
        self.items = [1]
    def __pre_freeze__(self):
        raise ValueError("not now")
set_freezable(Refuses, FREEZABLE_YES)
r = Refuses()
holder = [r, [2]]
try:
    freeze(holder)
except ValueError as e:
    print("ValueError:", e, is_frozen(holder), is_frozen(r), is_frozen(r.items), is_frozen(holder[1]))

# A hook that is not callable is a TypeError.
class NotCallable:
    __pre_freeze__ = 5
set_freezable(NotCallable, FREEZABLE_YES)
try:
    freeze(NotCallable())
except TypeError as e:
    print("TypeError:", e)

# What a hook freezes stays frozen when the outer freeze fails (PEP 795).
class Eager:
    def __init__(self):
        self.early = {}
        self.bad = {}
        set_freezable(self.bad, FREEZABLE_NO)
    def __pre_freeze__(self):
        freeze(self.early)
set_freezable(Eager, FREEZABLE_YES)
e = Eager()
try:
    freeze(e)
except NotFreezableError:
    print("outer refused:", is_frozen(e), "nested stays frozen:", is_frozen(e.early))

# Hooks that freeze each other round a cycle.
class Ring:
    def __init__(self, nxt):
        self.nxt = nxt
    def __pre_freeze__(self):
        freeze(self.nxt)
set_freezable(Ring, FREEZABLE_YES)
a = Ring(None)
b = Ring(a)
c = Ring(b)
a.nxt = c
freeze(a)
print("ring:", is_frozen(a), is_frozen(b), is_frozen(c))
