# oracle: python3
# Control flow the compiler turns into jumps and blocks (RFC-0008 §2): break, continue and
# return through finally and except, exceptions through loops, iterators and class
# bodies, re-raising, and the scoping errors — checked against CPython's output.
def f1():
    for i in range(3):
        try:
            raise ValueError(i)
        finally:
            if i == 1:
                break
    return i
try:
    f1()
except ValueError as e:
    print("f1 raised", e)
def f2():
    try:
        raise KeyError("k")
    finally:
        return "finally wins"
print("f2", f2())
def f3():
    out = []
    for i in range(4):
        try:
            if i % 2:
                raise TypeError
        except TypeError:
            continue
        finally:
            out.append(i)
        out.append(-i)
    return out
print("f3", f3())
class It:
    def __init__(self): self.n = 0
    def __iter__(self): return self
    def __next__(self):
        self.n += 1
        if self.n == 3: raise RuntimeError("boom")
        return self.n
try:
    for x in It():
        for y in [1, 2]:
            pass
except RuntimeError as e:
    print("iter error", e)
def outer():
    x = 1
    def inner():
        nonlocal x
        del x
    inner()
    try:
        return x
    except NameError as e:
        return "NameError"
print("cell del", outer())
try:
    class Bad:
        a = 1
        raise ValueError("in class body")
except ValueError as e:
    print("class body", e)
def deco(f):
    raise ZeroDivisionError("deco")
try:
    @deco
    def g(): pass
except ZeroDivisionError as e:
    print("decorator", e)
try:
    try:
        1/0
    except ZeroDivisionError:
        raise
except ZeroDivisionError as e:
    print("reraise", type(e).__name__)
def h():
    try:
        return 1
    finally:
        try:
            raise IndexError
        except IndexError:
            pass
print("h", h())
try:
    x = undefined_name
except NameError as e:
    print(e)
def u():
    print(v)
    v = 1
try:
    u()
except UnboundLocalError as e:
    print("unbound", "v" in str(e))
a = [1, 2, 3]
a[1:2] = [9, 9]
del a[0]
print(a, a[::-1], (lambda *a, **k: (a, k))(1, x=2))
print([(i, j) for i in range(3) for j in range(i) if j], {i % 3 for i in range(10)})
i = 0
while True:
    i += 1
    if i > 5:
        break
else:
    print("never")
print("while", i)
