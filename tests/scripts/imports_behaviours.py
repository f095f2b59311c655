# The script's own modules and the model (RFC-0006 §9): a behaviour that names an
# imported module captures it, and scheduling freezes it (semantics §4's snapshot rule);
# a behaviour that imports a module itself runs it on its worker, afresh per behaviour,
# so no mutable module state is reachable from two behaviours.
from floe import Cown, when, wait, is_frozen
import floe_modpkg.tools as tools
import floe_modpkg.counter as counter
import __future__

c = Cown(5)


@when(c)
def use(x):
    return tools.scale(x.value)


print(wait(use), is_frozen(tools), is_frozen(tools.scale))
try:
    tools.SCALE = 4
except TypeError as e:
    print("TypeError:", e)

# A module holding a class: the class freezes only explicitly (semantics §4).
try:
    @when(c)
    def point(x):
        return counter.Point(x.value)
except TypeError as e:
    print(type(e).__name__, str(e).split(":")[0])
print(is_frozen(counter), counter.bump())


@when(c)
def fresh(x):
    import floe_modpkg.counter as mine
    return mine.bump()


print(wait(fresh), wait(fresh), counter.bump())

# The standard library written in Python is frozen at import, like the Rust-written.
print(is_frozen(__future__), __future__.annotations)
try:
    __future__.annotations = None
except TypeError as e:
    print("TypeError:", e)
