# oracle: python3
# Making instances: __init__ runs in the caller's loop (RFC-0008 §3) with Python's rules.
class A:
    def __init__(self, x, y=2, *rest, k=5):
        self.s = (x, y, rest, k)
a = A(1)
print(a.s, A(1, 3, 4, 5).s)
class B(A):
    def __init__(self, x):
        super().__init__(x, 10)
        self.b = x
print(B(7).s, B(7).b)
class R:
    def __init__(self):
        return 3
try:
    R()
except TypeError as e:
    print("TypeError", e)
class G:
    def __init__(self):
        yield 1
try:
    G()
except TypeError as e:
    print("TypeError", e)
class E:
    def __init__(self, x):
        raise ValueError(x)
try:
    E(4)
except ValueError as e:
    print("ValueError", e)
try:
    A()
except TypeError as e:
    print("TypeError", e)
class N:
    pass
try:
    N(1)
except TypeError as e:
    print("TypeError", e)
class T:
    def __init__(self, d):
        self.kids = [T(d - 1) for _ in range(2)] if d else []
def count(t):
    return 1 + sum(count(k) for k in t.kids)
print(count(T(4)))
class D:
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        return f"D({self.n})"
print([D(i) for i in range(3)], list(map(D, range(2))))
class Node:
    def __init__(self, depth):
        self.next = Node(depth - 1) if depth else None
def length(n):
    k = 0
    while n is not None:
        k += 1
        n = n.next
    return k
print(length(Node(300)))
class Deep:
    def __init__(self, depth):
        self.next = Deep(depth + 1)
try:
    Deep(0)
except RecursionError:
    print("RecursionError")
class Counted:
    made = 0
    def __init__(self):
        Counted.made += 1
for _ in range(5):
    Counted()
print(Counted.made)
class WithCall:
    def __init__(self, f):
        self.v = f()
print(WithCall(lambda: WithCall(lambda: 3).v).v)
