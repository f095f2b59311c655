# Semantics §4: freezing a function snapshots and freezes what it captures.
from floe import freeze, frozen, is_frozen

limit = 10
table = [1, 2, 3]

def check(x):
    return x < limit and x in table

freeze(check)
print(is_frozen(check), is_frozen(table), check(2))

# Rebinding the module's name later does not change the frozen function.
limit = 0
print(check(2), limit)

# The module's own namespace stays mutable.
table2 = [4]
table2.append(5)
print(table2)

# A frozen function that writes a global raises TypeError.
count = 0
def bump():
    global count
    count += 1
freeze(bump)
try:
    bump()
except TypeError as e:
    print("TypeError:", "immutable" in str(e))
print(count)

# Closures are snapshotted too: the enclosing function's variable stays mutable.
def make():
    n = 1
    def get():
        return n
    frozen_get = freeze(get)
    n = 2
    return frozen_get, get
f1, f2 = make()
print(f1(), f2() if not is_frozen(f2) else "same function", f1 is f2)

# A frozen function writing its closure variable raises TypeError.
def counter():
    c = 0
    def step():
        nonlocal c
        c += 1
        return c
    return step
s = freeze(counter())
try:
    s()
except TypeError as e:
    print("nonlocal write:", "immutable" in str(e))

# @frozen on a class freezes its methods.
@frozen
class Config:
    def value(self):
        return 42
print(is_frozen(Config), is_frozen(Config.value), Config().value())

# A refused freeze changes nothing: the function keeps reading the live module names.
from floe import set_freezable, FREEZABLE_NO, NotFreezableError
secret = [1]
set_freezable(secret, FREEZABLE_NO)
bonus = 1
def uses_secret():
    return len(secret) + bonus
try:
    freeze(uses_secret)
except NotFreezableError:
    secret.append(2)
    bonus = 5
    print("refused; still live:", is_frozen(uses_secret), uses_secret())
