# oracle: python3
# Generators on suspendable frames (RFC-0008 §4): yield, send, throw, close, yield from
# with delegation, generator expressions that are lazy, comprehensions with a scope of
# their own (as in Python 3) — checked against CPython's output.


def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "counted %d" % n


print(list(count(4)), tuple(count(2)), sum(count(5)))
g = count(1)
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value)
print(next(g, "default"), next(count(0), "empty"))
print(iter(g) is g, type(g).__name__)


# Lazy: a generator expression over an infinite generator ends when its consumer does.
def naturals():
    n = 0
    while True:
        yield n
        n += 1


evens = (n for n in naturals() if n % 2 == 0)
print([next(evens) for _ in range(5)])
print(any(n > 10 for n in naturals()), all(n < 3 for n in naturals()))
for n in naturals():
    if n * n > 50:
        print("first square over 50:", n * n)
        break

# The outermost iterable is evaluated at once, the rest lazily.
try:
    (x for x in 5)
except TypeError as e:
    print("TypeError", e)
late = (y for y in undefined_name) if False else None
gen = (1 / x for x in [1, 0])
print(next(gen))
try:
    next(gen)
except ZeroDivisionError:
    print("ZeroDivisionError at the second item")


# send: the value of the yield expression.
def averager():
    total, n, avg = 0.0, 0, None
    while True:
        x = yield avg
        if x is None:
            return avg
        total += x
        n += 1
        avg = total / n


a = averager()
next(a)
print(a.send(10), a.send(20), a.send(60))
try:
    a.send(None)
except StopIteration as e:
    print("returned", e.value)
try:
    averager().send(1)
except TypeError as e:
    print("TypeError", e)


# throw: raised where the generator is suspended; close: GeneratorExit there.
def guarded():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            print("  handled", repr(e))
        finally:
            print("  finally")


gd = guarded()
print(next(gd))
print(gd.throw(ValueError("bad")))
print(gd.throw(ValueError, "worse"))
gd.close()
print(next(gd, "closed"))
try:
    gd.throw(KeyError("after close"))
except KeyError as e:
    print("KeyError", e)


def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2


s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError", e)


def unhandled():
    yield 1
    raise KeyError("from the generator")


try:
    for v in unhandled():
        print("got", v)
except KeyError as e:
    print("KeyError", e)


# PEP 479: a StopIteration escaping a generator is a RuntimeError.
def leaky():
    yield 1
    next(iter([]))


try:
    list(leaky())
except RuntimeError as e:
    print("RuntimeError", e)


def reentrant():
    yield me.send(None)


me = reentrant()
try:
    next(me)
except ValueError as e:
    print("ValueError", e)


# yield from: values pass through, sends and throws are delegated, the return value is
# the expression's value.
def inner():
    got = yield "inner 1"
    print("  inner got", got)
    try:
        yield "inner 2"
    except IndexError:
        print("  inner caught IndexError")
        yield "inner 3"
    return "inner result"


def outer():
    r = yield from inner()
    print("  outer got", r)
    yield from range(2)
    yield from "ab"
    return "outer result"


o = outer()
print(next(o), o.send("hello"), o.throw(IndexError), next(o))
print(list(o))


def tree(depth):
    if depth == 0:
        yield "leaf"
        return 1
    left = yield from tree(depth - 1)
    right = yield from tree(depth - 1)
    return left + right


t = tree(3)
leaves = []
try:
    while True:
        leaves.append(next(t))
except StopIteration as e:
    print(len(leaves), "leaves, counted", e.value)


def closing_inner():
    try:
        yield 1
        yield 2
    finally:
        print("  inner closed")


def closing_outer():
    try:
        yield from closing_inner()
    finally:
        print("  outer closed")


c = closing_outer()
next(c)
c.close()


# A generator keeps its exception context across yields.
def in_handler():
    try:
        raise ValueError("handled")
    except ValueError:
        yield "inside except"
        raise


h = in_handler()
print(next(h))
try:
    next(h)
except ValueError as e:
    print("re-raised", e)


# Generators as methods, with state in self.
class Tree:
    def __init__(self, value, children=()):
        self.value = value
        self.children = list(children)

    def walk(self):
        yield self.value
        for c in self.children:
            yield from c.walk()

    def __iter__(self):
        return self.walk()


tr = Tree(1, [Tree(2, [Tree(3)]), Tree(4)])
print(list(tr), [v * 10 for v in tr], max(tr), sorted(tr, reverse=True))


# Pipelines.
def numbers(n):
    yield from range(n)


def squares(xs):
    for x in xs:
        yield x * x


def take_odd(xs):
    return (x for x in xs if x % 2)


print(sum(take_odd(squares(numbers(1000)))))
print(dict(zip("abc", count(3))), list(enumerate(count(3))))

# Comprehensions have their own scope; their loop variables do not leak.
x = "outer x"
print([x for x in range(3)], x)
print({x: x * x for x in range(3)}, x, {x % 2 for x in range(5)}, x)
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
funcs = [lambda i=i: i for i in range(3)]
print([f() for f in funcs])
print([(i, j) for i in range(3) for j in range(i)])
print([[c for c in w] for w in ["ab", "c"]])


def scoped(n):
    m = 10
    return [m + k for k in range(n)], [[m * k + j for j in range(2)] for k in range(n)]


print(scoped(2))


class Table:
    size = 3
    rows = [r for r in range(size)]


print(Table.rows)

# An assignment expression in a comprehension binds in the enclosing scope.
total = 0
partial = [total := total + v for v in range(5)]
print(partial, total)


def last_match(words):
    if any((found := w).startswith("b") for w in words):
        return found
    return None


print(last_match(["apple", "banana", "cherry"]))

# map, filter, zip and enumerate are lazy: they pull one item at a time.
def nat2():
    n = 0
    while True:
        yield n
        n += 1
m = map(lambda x: x * 2, nat2())
print(next(m), next(m), type(m).__name__, isinstance(m, map))
for a, b in zip(nat2(), "abc"):
    print(a, b)
print(list(enumerate("xyz", 1)), list(zip()), list(filter(None, [0, 1, '', 'a'])))
print(list(map(pow, [2, 3], [3, 2, 9])))
z = zip([1, 2, 3], [4, 5, 6])
print(next(z)); print(list(z)); print(list(z))
e = enumerate(nat2())
for i, v in e:
    if i > 2: break
print(next(e))
f = filter(lambda x: x % 3 == 0, nat2())
print([next(f) for _ in range(4)])
print(repr(map(str, []))[:12], callable(m))
print(sum(map(len, ["ab", "c"])), sorted(map(abs, [-3, 1, -2])))
print(dict(zip("ab", map(str, range(2)))))
it = iter(zip([1], [2]))
print(it is iter(it))
try:
    map(1)
except TypeError as ex:
    print("TypeError", ex)

# yield from a user iterator: its StopIteration value is the result; a list gives None.
class Two:
    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n > 2:
            raise StopIteration("done")
        return self.n


def delegate():
    a = yield from Two()
    b = yield from [1]
    print("delegated results", repr(a), repr(b))


print(list(delegate()))


class NotAnIterator:
    def __iter__(self):
        return self


try:
    for x in NotAnIterator():
        pass
except TypeError as e:
    print("TypeError", e)


# throw's argument forms, and what is not an exception raises in the caller.
def catcher2():
    while True:
        try:
            yield 1
        except Exception as e:
            print("  caught", type(e).__name__, e.args)


ct = catcher2()
next(ct)
ct.throw(ValueError, ("a", "b"))
ct.throw(ValueError, ValueError("inst"))
ct.throw(KeyError("k"))
for bad in [(5,), (ValueError("x"), "extra")]:
    try:
        ct.throw(*bad)
    except TypeError as e:
        print("TypeError", e)
ct.close()
print(list(enumerate(iterable="ab", start=5)))
