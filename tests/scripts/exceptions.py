# Semantics §2–§4: the exception hierarchy, catchable with try/except.
from floe import RegionError, IsolationError, NotFreezableError, Region, freeze
import floe

print(issubclass(RegionError, RuntimeError), issubclass(IsolationError, RegionError))
print(issubclass(NotFreezableError, TypeError), issubclass(IsolationError, RuntimeError))
print(floe.RegionError is RegionError, floe.freeze is freeze)

a, b = Region("a"), Region("b")
a.x = []
for handler in [RegionError, RuntimeError, Exception]:
    try:
        b.y = a.x
    except handler as e:
        print("caught as", handler.__name__, "->", type(e).__name__)

try:
    raise IsolationError("custom")
except RegionError as e:
    print("raised from Python:", e, e.args)

def fail():
    b.z = a.x
try:
    fail()
except RegionError as e:
    print(e.source is b, e.target is a.x)
finally:
    print("finally runs")
