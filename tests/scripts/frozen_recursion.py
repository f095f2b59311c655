# Semantics §4 (issue #16): `@frozen` binds the decorated name to the frozen result, so
# inside it, and inside the methods of a frozen class, that name is the frozen object
# itself, as it is in Python once the decorator has run.
from floe import frozen, is_frozen

@frozen
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

print(fact(10), is_frozen(fact))

# Mutual recursion through the decorated name: the helper is snapshotted too.
def is_even(n):
    return True if n == 0 else is_odd(n - 1)

@frozen
def is_odd(n):
    return False if n == 0 else is_even(n - 1)

print(is_odd(7), is_odd(4), is_frozen(is_even))

# An older definition under the same name is not what the frozen function calls.
def walk(n):
    return "old"

@frozen
def walk(n):
    return 0 if n == 0 else 1 + walk(n - 1)

print(walk(5))

# A class whose methods name the class.
@frozen
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    @staticmethod
    def origin():
        return Vec(0, 0)

    def __repr__(self):
        return f"Vec({self.x}, {self.y})"

v = Vec(1, 2) + Vec(3, 4) + Vec.origin()
print(v, is_frozen(Vec), isinstance(v, Vec))

# A nested recursive function: its own name is a cell of the enclosing function.
def outer(n):
    @frozen
    def down(k):
        return [] if k == 0 else [k] + down(k - 1)
    return down(n)

print(outer(4))

# A class made inside a function, whose methods name it through the enclosing frame.
def make_point():
    @frozen
    class P:
        def moved(self, dx):
            p = P()
            p.x = self.x + dx
            return p
    start = P()
    start.x = 1
    return start

print(make_point().moved(2).x)

# Lambdas and functions defined inside the frozen function see the name too.
@frozen
def tree(depth):
    leaf = lambda: tree(0) if depth > 0 else "leaf"
    return [leaf(), depth]

print(tree(2))

# The name is the frozen function even after the module rebinds it (the snapshot rule;
# CPython would look the name up again and fail here).
@frozen
def countdown(n):
    return n if n == 0 else countdown(n - 1)

saved = countdown
countdown = None
print(saved(3))
