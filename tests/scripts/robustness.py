# Nothing a script does crashes the interpreter (issue #16): each case below once ended in
# a Rust panic or abort; each is now a Python exception. (Floe-only: the size cap makes
# some cases MemoryError where CPython, with no cap, would build the text.)

def attempt(label, thunk):
    try:
        print(label, "->", repr(thunk()))
    except Exception as e:
        print(label, "!!", type(e).__name__ + ":", e)

# Function attributes take only their type; __closure__ and __globals__ are read-only.
def f(a=1):
    return a

def assign(obj, name, value):
    def run():
        setattr(obj, name, value)
        return "assigned"
    return run

attempt("f.__code__ = 5", assign(f, "__code__", 5))
attempt("f.__defaults__ = 5", assign(f, "__defaults__", 5))
attempt("f.__kwdefaults__ = 5", assign(f, "__kwdefaults__", 5))
attempt("f.__name__ = 5", assign(f, "__name__", 5))
attempt("f.__closure__ = ()", assign(f, "__closure__", ()))
attempt("f.__globals__ = {}", assign(f, "__globals__", {}))
attempt("f() still works", f)
f.__defaults__ = (7,)
attempt("f.__defaults__ = (7,)", f)

# Bound methods, super objects and iterators: what a script deletes or replaces is checked.
class A:
    def m(self):
        return "A.m"

class B(A):
    def m(self):
        s = super()
        s.__thisclass__ = 5
        return s.m()

bound = A().m
attempt("setattr(bound, '__func__', 1)", assign(bound, "__func__", 1))
def del_func():
    del bound.__func__

attempt("del bound.__func__", del_func)
attempt("bound() after a refused del", bound)
attempt("super() with __thisclass__ replaced", B().m)
it = iter([1, 2, 3])
it.__i__ = "x"
attempt("next(it) with __i__ = 'x'", lambda: next(it))
it.__i__ = -5
attempt("next(it) with __i__ = -5", lambda: next(it))
del it.__seq__
attempt("next(it) after del it.__seq__", lambda: next(it))

# A user iterator whose class loses __next__ during the loop.
class Countdown:
    def __iter__(self):
        return self
    def __next__(self):
        del Countdown.__next__
        return 1

attempt("list(Countdown()) deleting __next__", lambda: list(Countdown()))

# int(s, base) by Python's rules.
attempt("int('0x1f', 0)", lambda: int("0x1f", 0))
attempt("int('0b_101', 0)", lambda: int("0b_101", 0))
attempt("int(' -1_000 ')", lambda: int(" -1_000 "))
attempt("int('0o17', 8)", lambda: int("0o17", 8))
attempt("int('z', 36)", lambda: int("z", 36))
attempt("int('12', 1)", lambda: int("12", 1))
attempt("int('12', 37)", lambda: int("12", 37))
attempt("int('08', 0)", lambda: int("08", 0))
attempt("int('1__0')", lambda: int("1__0"))
attempt("int('0x', 16)", lambda: int("0x", 16))
attempt("int(12, 10)", lambda: int(12, 10))

# Huge widths and precisions end under the size cap; big-but-fine ones still work.
attempt("f'{1.5:.999999999f}'", lambda: f"{1.5:.999999999f}")
attempt("f'{1.5:.99999999999f}'", lambda: f"{1.5:.99999999999f}")
attempt("len(f'{1.5:.70000f}')", lambda: len(f"{1.5:.70000f}"))
attempt("len(f'{1.5:.70000e}')", lambda: len(f"{1.5:.70000e}"))
attempt("f'{1e308:.70000%}'", lambda: f"{1e308:.70000%}")
attempt("f'{-5:*=+8d}'", lambda: f"{-5:*=+8d}")
attempt("'%999999999d' % 1", lambda: "%999999999d" % 1)
attempt("'%.999999999f' % 1.5", lambda: "%.999999999f" % 1.5)
attempt("format(1, '99999999999999999999d')", lambda: format(1, "99999999999999999999d"))
attempt("'x'.zfill(10**10)", lambda: "x".zfill(10**10))
attempt("'x'.center(10**10)", lambda: "x".center(10**10))
attempt("'ab' * 10**10", lambda: "ab" * 10**10)
attempt("[0] * 10**10", lambda: [0] * 10**10)
attempt("(1,) * 10**10", lambda: (1,) * 10**10)

# Deleting a function's code is refused as replacing it is.
def del_code():
    del f.__code__

attempt("del f.__code__", del_code)

# Repeated doubling stops at the cap: the last doubling is a MemoryError, uncaught here,
# so floe exits 1 with a traceback.
s = "ab"
while True:
    s = s + s
