# Semantics §4: freezing raises instead of racing when a mutable alias would survive.
from floe import freeze, is_frozen, IsolationError, RegionError, Region

inner = [1, 2]
outer = [inner]
alias = {"keep": inner}       # a mutable object outside the graph points inside it
try:
    freeze(outer)
except IsolationError as e:
    print("IsolationError:", isinstance(e, RegionError), e.source is alias, e.target is inner)
    print("suggests:", "freeze(a, b)" in str(e))
print("nothing frozen:", is_frozen(outer), is_frozen(inner))

# The fix the message suggests: freeze the holder too.
freeze(outer, alias)
print(is_frozen(outer), is_frozen(alias), is_frozen(inner))

# Or allow aliases for one call (PEP 795 v3 behaviour).
x = [1]
y = [x]
other = [x]
freeze(y, aliases="allow")
print(is_frozen(y), is_frozen(x), is_frozen(other))

# Variables and module globals are the caller's roots, not aliases.
mine = [[1], [2]]
first = mine[0]
freeze(mine)
print(is_frozen(first))

# A region member pointing into the graph is an alias too.
r = Region("r")
shared = [0]
r.holder = [shared]
graph = [shared]
try:
    freeze(graph)
except IsolationError as e:
    print("region alias:", is_frozen(graph), is_frozen(shared))
