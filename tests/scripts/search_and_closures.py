# oracle: python3
# `index` and `count` of lists and tuples searched in place while no comparison can run
# Python code, and through `==` otherwise (issue #13); closures whose cells a call takes
# by position from the function's `__closure__` tuple.


class Eq:
    def __init__(self, k):
        self.k = k

    def __eq__(self, other):
        print("eq", self.k, other)
        return other == self.k


xs = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]
print(xs.index(5), xs.index(5, 5), xs.index(5, -3), xs.index(1, 2, 4), xs.count(5), xs.count(7))
print(xs.index(5, 0, 100), xs.index(3, -100), xs.count(1.0), xs.index(4.0))
print(["a", "b", "a"].index("a", 1), ("x", "y").count("y"), [1.5, 2.5].index(2.5))
print([True, 1, 1.0].count(1), [0, False].index(False), [None, 1].index(1))
print([1, Eq(2), 2].index(2), (Eq(3), 3).count(3))
for call in (lambda: xs.index(7), lambda: xs.index(5, 9, 10), lambda: (1, 2).index(3), lambda: xs.index(1, 4, 2)):
    try:
        call()
    except ValueError as e:
        print("ValueError", e)


def counter():
    n = 0
    step = 2

    def bump():
        nonlocal n
        n += step
        return n

    return bump


b = counter()
print(b(), b(), b())
print(type(b.__closure__).__name__, len(b.__closure__), [c.cell_contents for c in b.__closure__])
print(counter.__closure__)


def outer(a, b):
    def inner(c):
        return [a + b + c + k for k in range(c)]  # a comprehension reading cells

    return inner


print(outer(1, 2)(3))

# An iterator over a list or tuple drained at once by list()/tuple() is left at its end.
it = reversed([1, 2, 3, 4])
print(next(it), list(it), list(it), next(it, "done"))
t = iter((5, 6, 7))
next(t)
print(tuple(t), tuple(t))
grow = [1, 2]
g = iter(grow)
print(next(g), list(g))
grow.append(3)
print(list(g), sorted(iter([3, 1, 2])), min(reversed((4, 2, 9))))


# A function's code may be replaced only by code with as many free variables as its
# closure holds (a call takes the cells by position).
def pair():
    a = 1
    b = 2

    def f():
        return a + b

    def g():
        return b

    def h():
        return a * 10 + b

    return f, g, h


f, g, h = pair()
for new in (g, h):
    try:
        f.__code__ = new.__code__
        print("replaced", f())
    except ValueError as e:
        print("ValueError", e)
