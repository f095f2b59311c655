# The new standard-library modules meet floe's model (issue #16, RFC-0006 §9): lazy
# itertools objects are unfreezable and re-entry is an error, a frozen lru_cache
# wrapper answers without storing, copies of frozen values are mutable, and misuse
# or deep nesting ends in a Python exception, never a crash.
import copy
import functools
import itertools
import json
import sys
from floe import Cown, freeze, is_frozen, wait, when


def show(name, f):
    try:
        print(name, f())
    except Exception as e:
        print(name, type(e).__name__, e)


show("freeze(count())", lambda: freeze(itertools.count()))
show("freeze(groupby)", lambda: freeze(itertools.groupby("aab")))
gb = None


def key(x):
    return next(gb)


gb = itertools.groupby([1, 2, 3], key=key)
show("groupby re-entered", lambda: next(gb))


def source():
    yield 1
    yield next(tees[0])


tees = itertools.tee(source())
show("tee re-entered", lambda: list(tees[0]))
show("product(repeat=10**20)", lambda: list(itertools.product(repeat=10**20)))
show("huge product", lambda: itertools.product(range(2), repeat=10**12))
show("huge tee", lambda: itertools.tee([1], 10**15))


@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(20), fib.cache_info())
c = Cown(22)


@when(c)
def behaviour(x):
    return fib(x.value)


print(wait(behaviour), is_frozen(fib), fib.cache_info(), fib(21))
show("cache_clear on frozen", lambda: fib.cache_clear())
show("partial.__call__(5)", lambda: functools.partial.__call__(5))
show("wrapper __call__ alone", lambda: type(functools.lru_cache(len)).__call__())

settings = {"sizes": [1, 2], "name": "x"}
freeze(settings)
shallow, deep = copy.copy(settings), copy.deepcopy(settings)
deep["sizes"].append(3)
shallow["new"] = 1
print(is_frozen(settings), is_frozen(shallow), is_frozen(shallow["sizes"]), is_frozen(deep["sizes"]), deep, settings)
show("copy(Cown)", lambda: copy.copy(c))

sys.setrecursionlimit(100000)
nested = []
for _ in range(20000):
    nested = [nested]
show("deepcopy 20000 deep", lambda: copy.deepcopy(nested))
show("dumps 20000 deep", lambda: json.dumps(nested))
show("loads 20000 deep", lambda: json.loads("[" * 20000 + "]" * 20000))
show("huge indent", lambda: json.dumps([[[[1]]]], indent=10**8))
print(json.dumps(freeze({"frozen": [1, 2]})))
