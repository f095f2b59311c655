# oracle: python3
# delattr, int() through __int__/__index__, and a namedtuple's slices.
class P:
    x = 1
    def __init__(self): self.y = 2
p = P()
delattr(p, "y")
print(hasattr(p, "y"), p.x)
try:
    delattr(p, "y")
except AttributeError as e:
    print("AttributeError")
class N:
    def __int__(self): return 42
class I:
    def __index__(self): return 7
print(int(N()), int(I()))
try:
    int(P())
except TypeError as e:
    print(e)
from collections import namedtuple
Pt = namedtuple("Pt", "x y z")
q = Pt(1, 2, 3)
print(q[1:], q[::-1], q[-1])
