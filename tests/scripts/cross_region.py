# Semantics §2: a region object may not reference another region's object.
from floe import Region, RegionError, is_local

a = Region("a")
b = Region("b")
a.items = [1, 2]
b.items = []
item = a.items

try:
    b.items.append(item)
except RegionError as e:
    print("append refused:", type(e).__name__, e.source is b.items, e.target is item)
print("unchanged:", len(b.items), a.owns(item))

for store in ["attr", "setitem", "dict"]:
    try:
        if store == "attr":
            b.thing = item
        elif store == "setitem":
            b.items.append(0)
            b.items[0] = item
        else:
            b.d = {}
            b.d["k"] = item
    except RegionError as e:
        print(store, "refused:", isinstance(e, RuntimeError))

# A capture that meets another region's member deep in a local graph moves nothing:
# .source is the local holder of the foreign reference.
holder = [item]
graph = {"h": holder}
try:
    b.graph = graph
except RegionError as e:
    print("deep capture refused:", e.source is holder, e.target is item)
print("still local:", is_local(graph), is_local(holder))

# Local objects may point anywhere.
mixed = [a.items, b.items]
print(len(mixed), is_local(mixed))
