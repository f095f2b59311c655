# oracle: python3
# exec(source, globals) runs code in a dict (what dataclasses builds its methods with),
# functions carry CPython's __qualname__, and a call with the wrong arguments names the
# function by it, with CPython's counts and lists.

ns = {"K": 10}
exec("def f(x, y=2):\n    return x + y + K\nY = f(1)\n", ns)
print(ns["Y"], ns["f"](5), ns["f"].__qualname__, ns["f"].__globals__ is ns)
ns["K"] = 100
print(ns["f"](1, 1))
exec("class C:\n    def m(self):\n        return 'm'\n", ns)
print(ns["C"]().m(), ns["C"].m.__qualname__)
exec("Z = 3")
print(Z)
exec("W = 4", None)
print(W)
same = {}
exec("V = 5", same, same)
print(same["V"])

def attempt(label, thunk):
    try:
        print(label, "->", thunk())
    except Exception as e:
        print(label, "!!", type(e).__name__ + ":", e)

attempt("exec(5)", lambda: exec(5))
attempt("exec('x = 1', [])", lambda: exec("x = 1", []))
try:
    exec("def (")
except SyntaxError as e:
    print("exec('def (') !! SyntaxError at line", e.lineno if hasattr(e, "lineno") else 1)
attempt("exec raising", lambda: exec("raise KeyError('inside')", {}))
attempt("exec()", lambda: exec())

class A:
    def m(self, x):
        return x

    class Inner:
        def deep(self):
            return 1

def outer():
    def inner(a):
        return a
    return inner

print(A.m.__qualname__, A.Inner.deep.__qualname__, outer().__qualname__,
      (lambda: 0).__qualname__, outer.__qualname__)
print(repr(outer()).split(" at ")[0], repr(A.m).split(" at ")[0])

def gen():
    yield 1

print(gen().__qualname__, (x for x in ()).__qualname__)


def with_comprehension():
    return [lambda: 0 for _ in range(1)][0]


def declares_global():
    global made_global

    def made_global():
        return 0


declares_global()
print(with_comprehension().__qualname__, made_global.__qualname__)
exec("def at_top():\n    return 'top'\n", globals())
print(at_top(), at_top.__qualname__)
exec("TWICE = 2", globals(), globals())
print(TWICE)
attempt("exec(4 args)", lambda: exec("1", {}, {}, {}))

def f(a, b, c, *, k):
    return a

def g(a, b=1):
    return a

def h():
    return 0

def star(a, *rest, key):
    return a

attempt("f()", lambda: f())
attempt("f(1)", lambda: f(1))
attempt("f(1, 2, 3)", lambda: f(1, 2, 3))
attempt("f(1, 2, 3, 4, k=1)", lambda: f(1, 2, 3, 4, k=1))
attempt("g(1, 2, 3)", lambda: g(1, 2, 3))
attempt("g()", lambda: g())
attempt("g(1, 2, 3, k=1)", lambda: g(1, 2, 3, k=1))
attempt("g(1, a=3)", lambda: g(1, a=3))
attempt("h(1)", lambda: h(1))
attempt("h(1, 2)", lambda: h(1, 2))
attempt("star(1)", lambda: star(1))
attempt("A().m()", lambda: A().m())
attempt("A.m()", lambda: A.m())
attempt("outer()()", lambda: outer()())
f.__qualname__ = "renamed"
attempt("renamed f()", lambda: f())
attempt("f.__qualname__ = 5", lambda: setattr(f, "__qualname__", 5))
