# oracle: python3
# `o.x = v` with `o` a local: the store is fused with the local's read (RFC-0008 §2),
# and keeps Python's order and errors.
log = []
def value(v):
    log.append(("value", v))
    return v
class C:
    pass
def store(o, v):
    o.x = value(v)
    return o.x
print(store(C(), 1), log)
def unbound():
    v = 1
    try:
        o.x = value(v)
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
    o = C()
unbound()
print(log)
def on_others(f, cls):
    f.tag = "function"
    cls.tag = "class"
    return f.tag, cls.tag
def g():
    pass
print(on_others(g, C), C.tag)
def chain(a, b):
    a.next = b
    b.prev = a
    a.v, b.v = b, a
    return a.next is b and b.prev is a and a.v is b and b.v is a
print(chain(C(), C()))
def dunder(o):
    o.__dict_like__ = 1
    return o.__dict_like__
print(dunder(C()))
# A class's `__setattr__` takes every store on its instances, inherited too, and
# `object.__setattr__` / `super().__setattr__` store for it.
class Logged:
    def __setattr__(self, name, value):
        log.append(("setattr", name, value))
        super().__setattr__(name, value * 10)
def custom(o):
    o.y = 2
    o.__z__ = 3
    setattr(o, "w", 4)
    return o.y, o.__z__, o.w
print(custom(Logged()), log[-3:])
class Sub(Logged):
    pass
s = Sub()
s.q = 5
print(s.q, log[-1])
class ReadOnly:
    def __init__(self, v):
        object.__setattr__(self, "v", v)
    def __setattr__(self, name, value):
        raise AttributeError(f"{name} is read-only")
r = ReadOnly(7)
try:
    r.v = 8
except AttributeError as e:
    print("AttributeError", e, r.v)
class Later:
    pass
def hook(self, name, value):
    object.__setattr__(self, name, (name, value))
Later.__setattr__ = hook
k = Later()
k.a = 1
print(k.a)
print(store(C(), 9))
