# Semantics §4: set_freezable and the class rule (classes are FREEZABLE_EXPLICIT).
from floe import freeze, is_frozen, set_freezable, NotFreezableError
from floe import FREEZABLE_YES, FREEZABLE_NO, FREEZABLE_EXPLICIT

class Point:
    def __init__(self, x):
        self.x = x

p = Point(1)
try:
    freeze(p)
except NotFreezableError as e:
    print("NotFreezableError:", isinstance(e, TypeError), "class Point" in str(e))
print(is_frozen(p), is_frozen(Point))
freeze(p, type(p))
print(is_frozen(p), is_frozen(Point))

# A frozen class refuses new or replaced attributes, and can be subclassed.
try:
    Point.extra = 1
except TypeError as e:
    print("frozen class:", str(e).split(":")[0])
class Point3(Point):
    def __init__(self, x, z):
        super().__init__(x)
        self.z = z
q = Point3(1, 2)
q.z = 5
print(q.x, q.z, is_frozen(Point3))

# FREEZABLE_NO stops a freeze, all or nothing.
secret = [1]
set_freezable(secret, FREEZABLE_NO)
holder = {"secret": secret, "other": [2]}
other = holder["other"]
try:
    freeze(holder)
except NotFreezableError as e:
    print("refused, nothing frozen:", is_frozen(holder), is_frozen(other))

# FREEZABLE_EXPLICIT: only as a root.
opt = [1]
set_freezable(opt, FREEZABLE_EXPLICIT)
box = [opt]
try:
    freeze(box)
except NotFreezableError:
    print("explicit object reached indirectly: refused")
freeze(box, opt)
print(is_frozen(box), is_frozen(opt))

yes = Point3.__new__ if hasattr(Point3, "__new__") else None
set_freezable(Point3, FREEZABLE_YES)
freeze(Point3(3, 4))
print("Point3 frozen through an instance:", is_frozen(Point3))

try:
    set_freezable([], 7)
except ValueError as e:
    print("ValueError:", "invalid freezability" in str(e))
