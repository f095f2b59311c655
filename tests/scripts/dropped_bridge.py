# Semantics §3, the dropped bridge: when the last reference to a parentless region's
# bridge goes away while references to other members remain, the region is dissolved —
# those members become local and its subregions parentless. A region never outlives its
# bridge.
from floe import Region, is_local, is_frozen, freeze

r = Region("r")
r.data = [1, 2, 3]
r.sub = Region("sub")
r.sub.items = {"k": [4]}
data = r.data
sub = r.sub
print("before:", is_local(data), sub.parent is r)

del r  # the bridge's last reference: the region dissolves
print("after:", is_local(data), sub.parent)
data.append(4)  # a local list again: no barrier in the way
print(data)

# The subregion lives on as a parentless region of its own.
print(sub.is_open, sub.owns(sub.items))

# A region whose bridge is referenced only from inside itself is dissolved as well.
r2 = Region("r2")
r2.node = [None]
node = r2.node
node[0] = r2  # the bridge is now held by its own member...
del r2  # ...and by nothing outside
print("inside only:", is_local(node), is_local(node[0]))

# A bridge that is still referenced keeps its region, however its members are held.
r3 = Region("r3")
r3.x = [0]
x = r3.x
alias = r3
del r3
print("still a region:", not is_local(x), alias.owns(x))

# A dissolved region's members freeze like any local graph.
freeze(data)
print(is_frozen(data))
