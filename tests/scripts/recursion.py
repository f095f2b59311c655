# oracle: python3
# Python calls run on heap frames (RFC-0008 §3): recursion is bounded by the recursion
# limit, which a script sets with sys.setrecursionlimit, not by the Rust stack.
import sys

print("default limit:", sys.getrecursionlimit())
sys.setrecursionlimit(20000)
print("raised to:", sys.getrecursionlimit())


def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)


print("a recursion 10,000 deep:", deep(10000))


def ping(n):
    return pong(n + 1)


def pong(n):
    return ping(n + 1)


try:
    ping(0)
except RecursionError:
    print("mutual recursion past the limit: RecursionError")

# The program goes on normally after the error.
print("after:", deep(100))


class Node:
    def __init__(self, depth):
        self.child = Node(depth - 1) if depth else None


n = Node(500)
count = 0
while n is not None:
    count += 1
    n = n.child
print("objects built by nested __init__ calls:", count)

sys.setrecursionlimit(1000)
for bad in (0, -5):
    try:
        sys.setrecursionlimit(bad)
    except ValueError:
        print("setrecursionlimit(%d): ValueError" % bad)
try:
    sys.setrecursionlimit("many")
except TypeError:
    print("setrecursionlimit('many'): TypeError")
print("argv is a list:", type(sys.argv).__name__, len(sys.argv) >= 1)
