# oracle: python3
# The `with` statement: context managers, several items, `as` targets, suppression,
# exceptions in __enter__ and __exit__, early exits, and `with` in generators.

log = []


class CM:
    def __init__(self, name, suppress=False, result=None):
        self.name = name
        self.suppress = suppress
        self.result = result

    def __enter__(self):
        log.append("enter " + self.name)
        return self if self.result is None else self.result

    def __exit__(self, exc_type, exc, tb):
        what = None if exc_type is None else exc_type.__name__
        log.append("exit " + self.name + " " + str(what) + " " + repr(exc))
        return self.suppress


def show(title):
    print(title)
    for line in log:
        print("  " + line)
    log.clear()


# Normal end: __exit__(None, None, None); the __enter__ result bound to the target.
with CM("a") as a:
    log.append("body " + a.name)
show("normal")

# No `as`: the __enter__ result is dropped.
with CM("b", result=42):
    log.append("body")
show("no as")

# Several items, entered left to right and exited right to left.
with CM("x") as x, CM("y") as y, CM("z"):
    log.append("body " + x.name + y.name)
show("several items")

# `as` targets of any assignable form.
box = {}


class Holder:
    pass


h = Holder()
with CM("t", result=(1, (2, 3))) as (p, (q, r)):
    log.append("tuple %d %d %d" % (p, q, r))
with CM("l", result=[4, 5, 6]) as [first, *rest]:
    log.append("star " + str(first) + " " + str(rest))
with CM("s", result="v") as box["key"]:
    pass
with CM("attr", result=7) as h.value:
    pass
log.append("box " + repr(box) + " attr " + str(h.value))
show("targets")

# A target that cannot be bound: the exception goes through __exit__.
try:
    with CM("bad", result=(1, 2, 3)) as (u, v):
        log.append("never")
except ValueError as e:
    log.append("caught ValueError: " + str(e))
show("target fails")

# An exception in the body reaches __exit__ with its type and value, and goes on.
try:
    with CM("e") as m:
        log.append("before")
        raise KeyError("k")
except KeyError as e:
    log.append("caught KeyError " + repr(e))
show("exception goes on")

# A true result suppresses it; execution goes on after the `with`.
with CM("sup", suppress=True):
    raise ValueError("swallowed")
log.append("after suppressed")
with CM("truthy", suppress=[1]):
    raise ValueError("truthy list suppresses")
with CM("falsy", suppress=0) as m:
    pass
show("suppress")

# Nested managers with one suppressing: the inner one sees it, the outer one does not.
with CM("outer"):
    with CM("inner", suppress=True):
        raise IndexError("gone")
    log.append("between")
show("nested inner suppresses")

with CM("outer2", suppress=True), CM("inner2"):
    raise IndexError("outer eats it")
log.append("after")
show("outer suppresses")


# An exception in __enter__: no __exit__ for that manager, but for those before it.
class BadEnter:
    def __enter__(self):
        log.append("BadEnter enter")
        raise RuntimeError("enter failed")

    def __exit__(self, *args):
        log.append("BadEnter exit (never)")


try:
    with CM("ok") as o, BadEnter() as never:
        log.append("never")
except RuntimeError as e:
    log.append("caught " + str(e))
show("enter raises")


# An exception in __exit__ replaces the one in the body, or raises on a normal end.
class BadExit:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        return self

    def __exit__(self, t, v, tb):
        log.append(self.name + " exit sees " + repr(v))
        raise TypeError("exit failed " + self.name)


try:
    with BadExit("one"):
        raise ValueError("body")
except TypeError as e:
    log.append("caught TypeError " + str(e))
except ValueError:
    log.append("wrong: ValueError")
try:
    with BadExit("two"):
        log.append("body ok")
except TypeError as e:
    log.append("caught TypeError " + str(e))
try:
    with CM("sees-replacement", suppress=True), BadExit("three"):
        raise ValueError("body")
except Exception as e:
    log.append("never " + repr(e))
show("exit raises")


# Objects that are not context managers.
def try_with(obj):
    try:
        with obj:
            log.append("never")
    except TypeError as e:
        log.append("TypeError: " + str(e))


class OnlyEnter:
    def __enter__(self):
        log.append("OnlyEnter enter (never)")


class OnlyExit:
    def __exit__(self, *a):
        pass


class InstanceAttrs:
    def __init__(self):
        self.__enter__ = lambda: 1
        self.__exit__ = lambda *a: None


try_with(5)
try_with("text")
try_with([1, 2])
try_with(None)
try_with(OnlyEnter())
try_with(OnlyExit())
try_with(InstanceAttrs())
show("not managers")


# return, break and continue leave through __exit__ (with Nones), then jump.
def early_return():
    with CM("ret"):
        log.append("returning")
        return "value"
    log.append("never")


def return_from_nested():
    for i in range(3):
        with CM("loop%d" % i), CM("in%d" % i):
            if i == 1:
                return i * 10
    return -1


def return_suppressed():
    with CM("rs", suppress=True):
        return "kept"


log.append("early_return -> " + early_return())
log.append("return_from_nested -> " + str(return_from_nested()))
log.append("return_suppressed -> " + return_suppressed())
show("return")

for i in range(4):
    with CM("it%d" % i):
        if i == 1:
            continue
        if i == 2:
            break
        log.append("body %d" % i)
    log.append("end of turn %d" % i)
else:
    log.append("never (else)")
show("break and continue")

n = 0
while True:
    n += 1
    with CM("w%d" % n):
        try:
            if n < 3:
                continue
            break
        finally:
            log.append("finally %d" % n)
show("while with try/finally")


# A return through a `with` whose __exit__ raises: the exception wins.
def return_then_exit_raises():
    with BadExit("ret"):
        return "lost"


try:
    return_then_exit_raises()
except TypeError as e:
    log.append("caught TypeError " + str(e))


# A `finally` around a `with` runs after __exit__; a break in the with ends the loop.
def mixed():
    out = []
    for i in range(3):
        try:
            with CM("m%d" % i):
                if i == 1:
                    break
                out.append(i)
        finally:
            log.append("finally %d" % i)
    return out


log.append("mixed -> " + str(mixed()))
show("mixed")


# An except handler inside the body, and a with inside an except handler.
with CM("h"):
    try:
        raise ValueError("inner")
    except ValueError as e:
        log.append("handled " + str(e))
try:
    raise KeyError("outer")
except KeyError:
    with CM("in handler"):
        log.append("in handler")
show("handlers")


# The manager's class is what counts: a subclass inherits __enter__ and __exit__.
class Sub(CM):
    def __enter__(self):
        log.append("Sub enter")
        return super().__enter__()


with Sub("sub") as s:
    log.append("body " + type(s).__name__)
show("inheritance")


# `with` in generators: yield inside the body, close() and throw() reach __exit__.
def gen(name):
    with CM(name) as m:
        yield 1
        yield 2
    yield "after"


log.append(str(list(gen("g1"))))
g = gen("g2")
log.append("next " + str(next(g)))
g.close()
log.append("closed")
g = gen("g3")
next(g)
try:
    g.throw(ValueError("thrown"))
except ValueError as e:
    log.append("throw came back " + str(e))


def suppressing_gen():
    with CM("sg", suppress=True):
        yield "a"
        raise KeyError("in generator")
    yield "b"


log.append(str(list(suppressing_gen())))


def gen_return():
    with CM("gr"):
        yield 1
        return "done"


def delegate():
    result = yield from gen_return()
    log.append("result " + result)


log.append(str(list(delegate())))
show("generators")


# While __exit__ runs the exception is being handled: a bare `raise` re-raises it. The
# truth of __exit__'s result is asked for only after an exception, and may raise.
class Reraiser:
    def __enter__(self):
        return self

    def __exit__(self, t, v, tb):
        if t is not None:
            raise


class BadBool:
    def __bool__(self):
        raise KeyError("bool")


class BadBoolExit:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return BadBool()


try:
    with Reraiser():
        raise IndexError("bare raise in __exit__")
except IndexError as e:
    log.append("re-raised " + str(e))
with BadBoolExit():
    log.append("normal end: result not tested")
try:
    with BadBoolExit():
        raise ValueError("body")
except KeyError as e:
    log.append("bool raised " + str(e))


# A static __exit__ gets no manager argument.
class StaticExit:
    def __enter__(self):
        return "static"

    @staticmethod
    def __exit__(*args):
        log.append("static exit with %d arguments" % len(args))
        return True


with StaticExit() as st:
    raise ValueError(st)
show("exit details")


# A manager whose __exit__ returns a value asks nothing of it on a normal end.
class Counter:
    def __init__(self):
        self.entered = 0
        self.exited = 0

    def __enter__(self):
        self.entered += 1
        return self.entered

    def __exit__(self, *exc):
        self.exited += 1
        return True


c = Counter()
total = 0
for k in range(100):
    with c as e:
        total += e
        if k % 2:
            raise ValueError(k)
print(total, c.entered, c.exited)

# The manager's class methods are called, not instance attributes of the same name.
class ClassMethods:
    def __enter__(self):
        return "class enter"

    def __exit__(self, *exc):
        print("class exit")


shadowed = ClassMethods()
shadowed.__enter__ = lambda: "own enter"
shadowed.__exit__ = lambda *exc: print("own exit")
with shadowed as v:
    print(v)

# The body's exception, uncaught in the end, comes out of the script.
with CM("last"):
    raise ZeroDivisionError("at the end")

