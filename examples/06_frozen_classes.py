# Classes are shared code: they never enter a region while mutable, and freezing an
# instance needs its class frozen first (FREEZABLE_EXPLICIT). Run: floe run examples/06_frozen_classes.py
from floe import Region, RegionError, NotFreezableError, freeze, frozen, is_frozen, draw

class Account:
    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance
    def deposit(self, amount):
        self.balance += amount

print("1. An instance of a mutable class cannot enter a region:")
r = Region("accounts")
try:
    r.first = Account("ada", 10)
except RegionError as e:
    print("   RegionError:", "class Account" in str(e))

print("2. Nor can it be frozen while its class is mutable:")
acct = Account("bob", 5)
try:
    freeze(acct)
except NotFreezableError:
    print("   NotFreezableError: freeze the class first, or freeze(acct, Account)")

print("3. Freezing the class lets its instances in; they stay mutable.")
freeze(Account)
r.first = Account("ada", 10)
r.first.deposit(5)
print("   r.first.balance:", r.first.balance, "| is_frozen(Account):", is_frozen(Account))
draw(r, acct, title="an Account in a region, another local; the class is shared code")

print("4. @frozen does the same at definition time, for classes and functions.")
@frozen
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
p = freeze(Point(1, 2))
try:
    p.x = 5
except TypeError:
    print("   a frozen Point refuses writes; Point is frozen:", is_frozen(Point))
