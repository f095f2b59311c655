# Semantics §2–§3: regions, capture, ownership and introspection.
from floe import Region, is_local, is_frozen, freeze

r = Region("bank")
print(r.name, r.parent, r.is_open)

# Storing a local object into a region captures it and everything it reaches.
inner = [1, 2]
outer = {"inner": inner, "label": "x"}
r.accounts = outer
print(r.owns(outer), r.owns(inner), is_local(outer), is_local(inner))

# Capture stops at frozen objects: they are shared, not moved.
shared = freeze([7, 8])
r.shared = shared
print(r.owns(shared), is_frozen(shared))

# A new local object stored into a member is captured too.
fresh = [3]
outer["more"] = fresh
print(r.owns(fresh), is_local(fresh))

# Immediates and tuples of immediates are frozen and may go anywhere.
outer["t"] = (1, "a")
print(is_frozen(outer["t"]))

# Anonymous regions.
anon = Region()
print(anon.name, repr(r)[:13])
