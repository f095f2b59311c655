# oracle: python3
# xs.append(v) and xs.pop() run in the call instruction itself (issue #13); what they
# return and raise stays the built-in methods', and other objects' append and pop are
# still looked up.
xs = []
print(xs.append(1), xs.append([2]), xs)
print(xs.pop(), xs.pop(), xs)
try:
    xs.pop()
except IndexError as e:
    print("IndexError", e)
print(xs.pop(0) if xs else "empty", [5, 6].pop(0), [5, 6].pop(-1))


class Doubling(list):
    def append(self, v):
        super().append(v * 2)


d = Doubling()
d.append(3)
print(d, d.pop(), d)


class Box:
    def __init__(self):
        self.pop = lambda: "own pop"
        self.append = lambda v: "own append " + str(v)


b = Box()
print(b.pop(), b.append(1))
try:
    (1, 2).append(3)
except AttributeError as e:
    print("AttributeError", e)
ys = [1, 2, 3]
print([ys.pop() for _ in range(3)], ys)

# `x in seq` for a plain list or tuple compares in the loop itself: identity or `==`,
# element first, the length read again after each `__eq__` (which may change the list).
a = [1, 2.0, "s", (1, 2), None]
print(2 in a, 1.0 in a, "s" in a, (1, 2) in a, None in a, 3 not in a, 2 in (1, 2), [] in [[]])


class Shrinking:
    def __eq__(self, other):
        grows.pop()
        return False


grows = [Shrinking(), Shrinking(), Shrinking(), 9]
print(9 in grows, type(grows[-1]).__name__, len(grows))


class Claims(list):
    def __contains__(self, x):
        return True


print(99 in Claims([1]), 99 in tuple(Claims([1])))
