# A behaviour's worker forgets what the behaviour did to its interpreter (RFC-0006 §9):
# state put on `sys` and the recursion limit a behaviour set do not reach the next
# behaviour on that worker.
from floe import Cown, when, wait
cs = [Cown(i) for i in range(8)]
rs = []
for c in cs:
    @when(c)
    def a(x):
        import sys
        n = getattr(sys, 'stash', None)
        if n is None:
            sys.stash = [x.value]
        else:
            n.append(x.value)
        return len(sys.stash)
    rs.append(a)
print([wait(r) for r in rs])
def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)
c0 = Cown(0)
@when(c0)
def low(x):
    import sys
    sys.setrecursionlimit(50)
    return sys.getrecursionlimit()
print(wait(low))
rs = []
for i in range(6):
    c = Cown(i)
    @when(c)
    def use(x):
        import sys
        try:
            return (sys.getrecursionlimit(), deep(200))
        except RecursionError:
            return (sys.getrecursionlimit(), "RecursionError")
    rs.append(use)
print([wait(r) for r in rs])
