# A parallel map-reduce over a frozenlist shared by every worker (no copies, no locks):
# each chunk is a behaviour with a cown of its own. Run: floe run examples/08_parallel_map_reduce.py
from floe import Cown, when, wait, frozenlist, is_frozen, draw

data = frozenlist(range(200000))
print("1. data:", len(data), "numbers in a frozenlist; is_frozen:", is_frozen(data))
draw(data, title="one frozen list: no region owns it, every behaviour may read it")

CHUNKS = 8
size = len(data) // CHUNKS
partials = []
for k in range(CHUNKS):
    @when(Cown(k))
    def partial(c):
        total = 0
        for x in data[c.value * size:(c.value + 1) * size]:
            if x % 3 == 0:
                total += x * x
        return total
    partials.append(partial)
print("2.", CHUNKS, "behaviours scheduled; each reads its own slice of the shared list")

result = sum(wait(p) for p in partials)
print("3. sum of squares of multiples of 3:", result)
print("   checked sequentially:", result == sum(x * x for x in data if x % 3 == 0))
