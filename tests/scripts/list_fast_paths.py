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
