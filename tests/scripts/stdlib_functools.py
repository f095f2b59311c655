# oracle: python3
# The functools module (issue #16): reduce, partial, lru_cache and cache, wraps and
# update_wrapper, cmp_to_key, total_ordering, with CPython's errors.
import functools
from functools import cache, cmp_to_key, lru_cache, partial, reduce, total_ordering, update_wrapper, wraps
import operator


def show(name, f):
    try:
        print(name, f())
    except Exception as e:
        print(name, type(e).__name__, e)


# reduce
print(reduce(operator.add, [1, 2, 3, 4]), reduce(operator.add, [1, 2], 10), reduce(operator.mul, [], 7))
print(reduce(lambda a, b: a + [b], "abc", []), reduce(max, [3, 9, 2]), reduce(operator.add, ["x"]))
print(reduce(lambda a, b: a * 10 + b, (x for x in range(1, 6))), reduce(operator.add, range(101)))
show("reduce()", lambda: reduce())
show("reduce(len)", lambda: reduce(len))
show("reduce(empty)", lambda: reduce(lambda a, b: a, []))
show("reduce(non-callable)", lambda: reduce(1, [1, 2]))
show("reduce(4 args)", lambda: reduce(lambda a, b: a, [], 1, 2))
show("reduce(non-iterable)", lambda: reduce(lambda a, b: a, 5))
show("reduce(keywords)", lambda: reduce(function=len, iterable=[1]))

# partial
def power(base, exp=2, *, mod=None):
    r = base ** exp
    return r if mod is None else r % mod


square = partial(power, exp=2)
cube = partial(power, exp=3)
two_to = partial(power, 2)
print(square(5), cube(3), two_to(10), two_to(exp=5), partial(power, 3, mod=5)(4))
print(square.func is power, square.args, square.keywords, two_to.args, two_to.keywords)
nested = partial(partial(power, 2), mod=7)
print(nested(10), nested.func is power, nested.args, nested.keywords)
override = partial(power, exp=2)
print(override(3, exp=4), partial(max)(3, 1, 2), partial(sorted, key=len)(["ccc", "a", "bb"]))
print(list(map(partial(divmod, 17), [5, 3])), type(square).__name__, isinstance(square, partial))
print(callable(square), partial(print, "partial", sep="-")("print") is None)
show("partial()", lambda: partial())
show("partial(1)", lambda: partial(1))

# lru_cache and cache
@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), fib.cache_info())
print(fib.__name__, fib.__wrapped__(10), fib.cache_info().hits, fib.cache_info().currsize)
fib.cache_clear()
print(fib.cache_info(), fib(10), fib.cache_info())

calls = []


@lru_cache(maxsize=2)
def sq(x):
    calls.append(x)
    return x * x


print([sq(x) for x in [1, 2, 1, 3, 2, 1, 1]], calls, sq.cache_info())


@lru_cache
def ident(x, y=0):
    calls.append((x, y))
    return (x, y)


calls.clear()
print(ident(1), ident(1), ident(1, 2), ident(1, y=2), ident(x=1, y=2), ident(1, y=2), calls)
print(ident.cache_info())


@lru_cache(typed=True)
def typed(x):
    return type(x).__name__


print(typed(1), typed(1.0), typed(True), typed.cache_info())


@lru_cache(maxsize=0)
def nocache(x):
    return -x


print(nocache(1), nocache(1), nocache.cache_info())


@lru_cache(maxsize=-5)
def negative(x):
    return x


print(negative(3), negative.cache_info())


@cache
def ways(n, coins=(1, 2, 5)):
    if n == 0:
        return 1
    if n < 0 or not coins:
        return 0
    return ways(n - coins[0], coins) + ways(n, coins[1:])


print(ways(100), ways.cache_info().misses > 0, ways.__name__, ways.__wrapped__ is not ways)
show("unhashable argument", lambda: ident([1]))
show("lru_cache('a')", lambda: lru_cache(maxsize="a"))
show("lru_cache(3 args)", lambda: lru_cache(1, 2, 3))
print(lru_cache(None)(len).cache_info(), lru_cache(maxsize=-3)(len).cache_info())
print(fib.cache_info() == (9, 11, None, 11), fib.cache_info() == fib.cache_info(), fib.cache_info() == (0,))


# wraps and update_wrapper
def logged(f):
    @wraps(f)
    def inner(*args, **kwargs):
        print("calling", f.__name__, args)
        return f(*args, **kwargs)
    return inner


@logged
def add(a, b):
    return a + b


print(add(2, 3), add.__name__, add.__wrapped__(1, 1))


def target():
    pass


target.extra = 42


def wrapper():
    pass


print(update_wrapper(wrapper, target) is wrapper, wrapper.__name__, wrapper.extra, wrapper.__wrapped__ is target)


def other():
    pass


update_wrapper(other, target, assigned=("__name__",), updated=())
print(other.__name__, hasattr(other, "extra"), other.__wrapped__ is target)

# cmp_to_key
def by_length_then_reverse(a, b):
    if len(a) != len(b):
        return len(a) - len(b)
    return (a < b) - (a > b)


words = ["pear", "fig", "apple", "kiwi", "date", "plum"]
print(sorted(words, key=cmp_to_key(by_length_then_reverse)))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)), min([3, 1, 2], key=cmp_to_key(lambda a, b: a - b)))
K = cmp_to_key(lambda a, b: a - b)
print(K(1) < K(2), K(2) <= K(2), K(3) > K(2), K(1) >= K(2), K(2) == K(2), K(1).obj)
show("cmp_to_key()", lambda: cmp_to_key())


# total_ordering
@total_ordering
class Version:
    def __init__(self, *parts):
        self.parts = parts

    def __eq__(self, other):
        return self.parts == other.parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))


a, b = Version(1, 2), Version(1, 10)
print(a < b, a > b, a <= b, a >= b, a <= Version(1, 2), a >= Version(1, 2), sorted([b, a, Version(0, 9)]))


@total_ordering
class Desc:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        return self.n == other.n

    def __ge__(self, other):
        return self.n <= other.n


x, y = Desc(1), Desc(2)
print(x >= y, x > y, x < y, x <= y, Desc(3) <= Desc(3), Desc(3) < Desc(3))


@total_ordering
class Both:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        return self.n == other.n

    def __le__(self, other):
        return self.n <= other.n

    def __gt__(self, other):
        return self.n > other.n


print(Both(1) < Both(2), Both(2) >= Both(2), Both(1) > Both(2), Both(1) <= Both(1))


def no_order():
    @total_ordering
    class Plain:
        pass


show("total_ordering without an order", no_order)
