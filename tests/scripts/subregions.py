# Semantics §2–§3: subregions form a forest; merge, dissolve, close, is_closed.
from floe import Region, RegionError, merge, dissolve, close, is_closed, is_local

parent = Region("parent")
child = Region("child")
parent.child = child
print(child.parent is parent, parent.owns(child))

# A bridge has at most one owning reference.
other = Region("other")
try:
    other.child = child
except RegionError as e:
    print("second owner refused:", "already has an owner" in str(e))

# No region may become its own ancestor.
try:
    child.up = parent
except RegionError as e:
    print("cycle refused:", "own ancestor" in str(e))

# Overwriting the owning reference unparents the subregion.
parent.child = None
print(child.parent)
parent.child = child

# merge: only into the parent.
try:
    merge(child, other)
except RegionError as e:
    print("merge into a non-parent refused")
child.data = [1]
data = child.data
merge(child, parent)
print("merged:", parent.owns(data), parent.owns(child))

# dissolve: only a region with no parent.
sub = Region("sub")
parent.sub = sub
try:
    dissolve(sub)
except RegionError as e:
    print("dissolving a subregion refused")
top = Region("top")
top.x = [1, 2]
x = top.x
dissolve(top)
print("dissolved:", is_local(x), is_local(top))

# is_closed / close: local variables pointing into a region keep it open.
r = Region("r")
r.items = [1, 2, 3]
view = r.items
print("closed with an alias?", is_closed(r))
close(r)
print("after close:", view, is_closed(r))
