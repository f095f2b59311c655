# oracle: python3
# `import` of the script's own modules and packages (issue #16, RFC-0006 §9): the
# package `floe_modpkg/` beside this script. Each module runs once and is cached.
from __future__ import annotations

import floe_modpkg.counter
import floe_modpkg.counter as counter
from floe_modpkg.counter import Point, bump

print(floe_modpkg.counter is counter, counter.__name__)
print(counter.bump(), bump(), counter.count)
counter.count = 10
print(bump(), Point(3))

import floe_modpkg.sub.deep
print(floe_modpkg.sub.deep.quad(3), floe_modpkg.VERSION, floe_modpkg.twice(5))
from floe_modpkg.sub import deep
from floe_modpkg import core as c
import floe_modpkg.sub.deep as d
print(deep.quad(1), c.twice(4), d is deep)

# A circular import sees the half-made module, as Python's does.
from floe_modpkg import ping, pong
print(ping.other(), pong.other())

# A module that raises is not cached: importing it again runs it again.
for attempt in range(2):
    try:
        import floe_modpkg.broken
    except ValueError as e:
        print("attempt", attempt, "ValueError:", e)

try:
    import floe_no_such_module
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e)
try:
    import floe_modpkg.counter.x
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e)
try:
    from floe_modpkg.core import nothing
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0])

# `import *` binds the public names, or those `__all__` lists; never `__name__`.
from floe_modpkg.core import *
from floe_modpkg.listed import *
print(PUBLIC, shown, __name__)
try:
    print(hidden)
except NameError as e:
    print("NameError:", e)
try:
    print(_private)
except NameError as e:
    print("NameError:", e)

print(type(counter).__name__, counter.__name__, floe_modpkg.__name__)
if __name__ == "__main__":
    print("the script is __main__")

# A class records the module that defined it, and its repr names it.
class Local:
    pass


print(counter.Point, counter.Point.__module__, Local, Local.__module__)
print(repr(Local()).split(" at ")[0], int)

# globals(): the running module's namespace, live.
import floe_modpkg.globs as globs
CASE = (1, 2)
print(globals()["CASE"], "CASE" in globals(), globs.lookup("TABLE"))
globs.define("ADDED", 5)
print(globs.ADDED, globs.lookup("ADDED"))
globals()["LATE"] = 7
print(LATE)

# A function made by a module whose import then failed keeps reading that module's
# globals (not __main__'s).
where = "__main__"
from floe_modpkg import registry
try:
    import floe_modpkg.fails_after_registering
except ValueError as e:
    print("ValueError:", e)
print(registry.functions[0]())
