# policy: implicit_freezing=on
# Semantics §3: with implicit_freezing on, a store that would cross regions or bring
# mutable code into a region freezes the target instead of raising.
from floe import Region, is_frozen

a = Region("a")
b = Region("b")
a.items = [1, 2]
item = a.items
b.copy = item
print(is_frozen(item), b.copy is item)

class C:
    pass
b.obj = C()
print(is_frozen(C))
