# An uncaught exception prints a traceback to stderr and exits with status 1.
from floe import Region

def move(src, dst):
    dst.items = src.items

a = Region("a")
b = Region("b")
a.items = [1]
print("before")
move(a, b)
print("never printed")
