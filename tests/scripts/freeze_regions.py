# Semantics §3–§4: freezing a bridge freezes its whole region, which stops being one.
from floe import Region, freeze, is_frozen, RegionError

r = Region("config")
r.settings = {"debug": False}
r.names = ["a", "b"]
settings = r.settings
freeze(r)
print(is_frozen(r), is_frozen(settings), is_frozen(r.names))
try:
    r.names.append("c")
except TypeError as e:
    print("TypeError:", "immutable" in str(e))

# Frozen objects may be referenced from any region.
a = Region("a")
b = Region("b")
a.cfg = settings
b.cfg = settings
print(a.cfg is b.cfg)

# A frozen object refuses writes whatever points at it.
try:
    settings["debug"] = True
except TypeError:
    print("frozen stays frozen")
