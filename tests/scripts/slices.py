# oracle: python3
# Slice objects: slice(), obj[slice(...)], a user class's __getitem__/__setitem__/
# __delitem__ receiving a slice from obj[a:b], and a range's slice being a range.
s = slice(1, 5, 2)
print(s, s.start, s.stop, s.step, [0, 1, 2, 3, 4, 5][s], "abcdef"[slice(3)], type(s).__name__)
l = list(range(8))
l[slice(0, 2)] = ["a"]
del l[slice(None, None, 3)]
print(l, (1, 2, 3)[slice(None, None, -1)], range(10)[slice(2, 8, 3)])
class Seq:
    def __init__(self, items): self.items = list(items)
    def __getitem__(self, i):
        if isinstance(i, slice):
            return Seq(self.items[i])
        return self.items[i]
    def __setitem__(self, i, v):
        self.items[i] = v
    def __delitem__(self, i):
        del self.items[i]
    def __repr__(self): return f"Seq({self.items})"
q = Seq(range(6))
print(q[1:4], q[::2], q[-1], q[slice(2)])
q[1:3] = ["x", "y", "z"]
del q[:1]
print(q)
try:
    slice()
except TypeError as e:
    print(e)
for r in (range(10), range(3, 30, 4), range(10, 0, -2), range(0)):
    print(r[2:8:3], r[::-1], r[5:2], r[-3:], r[:-20], r[::2], r[1::-1], list(r[-2::-3]), len(r[::3]))
from array import array
a = array("d", [1.0, 2.0, 3.0, 4.0])
b = array("d", [0]) * 4
b[:] = a[:]
print(b, a[1:3], a[::-1], a.tolist())
del b[1:3]
print(b)
try:
    b[0:1] = [1.0]
except TypeError as e:
    print(e)
try:
    b[0:1] = array("i", [1])
except TypeError as e:
    print(e)
