# exec and the model (issue #13): where the code exec runs keeps its namespace.
# __main__'s own dict given to exec is __main__: a function defined there names it as a
# top-level def does, so freezing the function snapshots what it uses and leaves the
# namespace mutable; a module's globals() given to exec is that module; a dict is
# itself, and freezing a function defined in it freezes the dict (its globals).
import floe
from floe_modpkg import execs

print(execs.VALUE, execs.doubled(4), execs.doubled.__globals__)

LIMIT = 10
exec("def under(x):\n    return x < LIMIT\n", globals())
floe.freeze(under)
print(floe.is_frozen(under), floe.is_frozen(globals()), under(3))
LIMIT = 0
print("main stays mutable:", LIMIT, under(3))

ns = {"K": 1}
exec("def plus(x):\n    return x + K\n", ns)
floe.freeze(ns["plus"])
print(floe.is_frozen(ns), ns["plus"](1))
try:
    ns["K"] = 2
except TypeError as e:
    print("TypeError", str(e).split(":")[0])

# A behaviour may call exec itself, with no Python frame of its own: it gets an error
# for the cown it was given as an argument, never a crash.
import functools
from floe import Cown, when, wait
b = when(Cown(1))(functools.partial(exec, "x = 1", None))
try:
    wait(b)
except TypeError as e:
    print("TypeError", str(e)[:45])
