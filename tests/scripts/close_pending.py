# Semantics §3 (issue #16): `close(r)` sets every local reference into r (other than to
# r's bridge) to None: variables, and also the operands a frame holds, such as the
# arguments of a call that is still being prepared. A reference it cannot clear makes
# it raise, and then nothing changed.
from floe import Region, RegionError, close, is_closed

r = Region("r")
r.x = [1]

def pair(a, b):
    return [a, b]

# r.x is already evaluated, waiting for the call, when close(r) runs.
print(pair(r.x, close(r)), is_closed(r))

# A pending call's argument inside a called function is one of its variables.
r.y = [2]
def later(a):
    close(r)
    return a

print(later(r.y), is_closed(r))

# Operands of an operator and of a display are cleared as well.
r.n = [3]
print([r.n, close(r)], r.n == [3], is_closed(r))

# A receiver waiting for its method call is cleared: the call then finds None.
r.z = [4]
try:
    r.z.append(close(r))
except AttributeError as e:
    print("AttributeError:", e)
print(r.z)

# A suspended generator's pending operands are cleared too.
def gen():
    return [r.x, (yield "suspended")]

g = gen()
print(next(g))
close(r)
try:
    g.send(5)
except StopIteration as stop:
    print(stop.value, is_closed(r))

# Subregions' members and bridges are cleared; r's own bridge is not.
r.child = Region("child")
r.child.items = [6]
print(pair(r.child.items, pair(r, close(r)))[0], is_closed(r))

# A built-in function in progress (sorted calling its key) holds a member where close
# cannot reach: RegionError, and every variable and operand keeps its value.
r.w = [7]
keep = r.w
try:
    print(pair(r.w, sorted([r.w], key=lambda v: close(r))))
except RegionError as e:
    print("RegionError:", "held outside the object heap" in str(e))
print(keep, is_closed(r))
close(r)
print(keep, is_closed(r))
