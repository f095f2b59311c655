# Semantics §6 from Python: Cown, @when, wait.
from floe import Cown, when, wait, Region, RegionError, IsolationError, NotFreezableError
from floe import freeze, frozen, is_frozen, set_freezable, FREEZABLE_NO, frozenlist

# Only sendable values go into a cown.
print(wait(Cown()), wait(Cown(3)), wait(Cown((1, "a"))), wait(Cown(frozenlist([1]))))
try:
    Cown([1, 2])
except RegionError as e:
    print("RegionError:", "a cown cannot hold" in str(e))
def new_log():
    r = Region("log")
    r.items = []
    return r
# A region this thread still references is handed over once the references are gone;
# behaviours on the cown wait for it, and a wait that would wait forever raises.
kept = new_log()
alias = kept.items
pending = Cown(kept)
@when(pending)
def count(c):
    return len(c.value.items)
try:
    wait(count)
except IsolationError as e:
    print("IsolationError:", "still waiting for its region" in str(e))
del alias, kept
print("handed over:", wait(count))

# Behaviours on one cown run in scheduling order.
log = Cown(new_log())
for i in range(50):
    @when(log)
    def append(c, i=i):
        c.value.items.append(i)
r = wait(log)
print(r.items == list(range(50)), wait(log))

# The decorated name is the result cown; wait returns the result.
n = Cown(20)
@when(n)
def double(c):
    c.value = c.value * 2
    return c.value + 2
print(wait(double), wait(n))

# Behaviours on disjoint cowns: each sees only its own cowns.
cowns = [Cown(i) for i in range(8)]
results = []
for c in cowns:
    @when(c)
    def square(c):
        return c.value * c.value
    results.append(square)
print([wait(r) for r in results])

# Touching a cown the behaviour does not hold raises RegionError.
other = Cown(1)
@when(n)
def sneaky(c):
    return other.value
try:
    wait(sneaky)
except RegionError as e:
    print("RegionError:", "outside a behaviour that holds it" in str(e))
try:
    n.value
except RegionError:
    print("and outside any behaviour too")

# Exceptions travel through wait, with their class (frozen: code a behaviour captures
# is shared, so it must be frozen).
@frozen
class Overdraft(Exception):
    pass
acct = Cown(10)
@when(acct)
def withdraw(c):
    if c.value < 100:
        raise Overdraft("balance " + str(c.value))
try:
    wait(withdraw)
except Overdraft as e:
    print("Overdraft:", e)
print("unchanged:", wait(acct))

# Scheduling freezes the function; what it captures must be freezable, and the error
# names the captured variable, in the scheduling thread.
secret = [1]
set_freezable(secret, FREEZABLE_NO)
try:
    @when(acct)
    def leak(c):
        return len(secret)
except NotFreezableError as e:
    print("NotFreezableError:", "'secret'" in str(e))
limit = 5
@when(acct)
def check(c):
    return c.value > limit
limit = 100
print("snapshot:", wait(check))

# A region still referenced when the hold ends cannot move: returning the held region
# while the cown keeps it leaves two owners. IsolationError; nothing is lost.
box = Cown(new_log())
@when(box)
def fill(c):
    c.value.items.append("kept")
@when(box)
def give_away(c):
    return c.value
try:
    wait(give_away)
except IsolationError as e:
    print("IsolationError:", "open" in str(e))
@when(box)
def look(c):
    return len(c.value.items)
print("intact:", wait(look), wait(box).items)

# A region that became a subregion is not a cown's to hold any more: RegionError, and it
# stays where the behaviour put it, intact.
outer = Cown(new_log())
inner = Cown(new_log())
@when(outer, inner)
def nest(o, i):
    i.value.items.append("inner data")
    o.value.child = i.value          # inner's region becomes a subregion of outer's
try:
    wait(nest)
except RegionError as e:
    print("RegionError:", "no parent" in str(e))
print("intact inside outer:", wait(outer).child.items, wait(inner))
