# Semantics §6, RFC-0005 §6: what a behaviour leaves behind — nothing but its cowns'
# contents and its result; a failure loses nothing; a wait that could never end raises.
from floe import Cown, when, wait, Region, RegionError, IsolationError
from floe import freeze, merge, dissolve

def new_log(*items):
    r = Region("log")
    r.items = list(items)
    return r

# def, lambda and classes work inside a behaviour.
nums = Cown((3, 1, 2))
@when(nums)
def ordered(c):
    def neg(x):
        return -x
    class Box:
        def __init__(self, v):
            self.v = v
    boxes = [Box(v) for v in sorted(c.value, key=lambda x: neg(x))]
    return tuple(b.v for b in boxes)
print("sorted in a behaviour:", wait(ordered))

# The `floe` module is immutable (RFC-0006 §9), so nothing can be stashed in it for a
# later behaviour.
log = Cown(new_log(1, 2))
other = Cown(0)
@when(log)
def stash(c):
    import floe
    try:
        floe.stash = c.value.items
    except TypeError:
        return "TypeError"
print("stashed:", wait(stash))
@when(other)
def peek(c):
    import floe
    return hasattr(floe, "stash")
print("a later behaviour sees it:", wait(peek))
# Nor can anything be stashed on the worker's builtins.
@when(other)
def on_builtin(c):
    try:
        len.stash = [1]
    except TypeError:
        return "TypeError"
print("stash on a builtin:", wait(on_builtin))

# An exception inside a behaviour: wait re-raises it; the cown keeps what the behaviour
# stored before raising; a later behaviour on another cown cannot read the first cown.
acct = Cown(new_log("a"))
@when(acct)
def fails(c):
    c.value.items.append("b")
    raise ValueError("half-way")
try:
    wait(fails)
except ValueError as e:
    print("ValueError:", e)
@when(other)
def reads_acct(c):
    return acct.value
try:
    wait(reads_acct)
except RegionError as e:
    print("RegionError:", "outside a behaviour that holds it" in str(e))
print("kept:", wait(acct).items)

# A value that cannot go into a cown: the behaviour fails, the cown keeps its content.
box = Cown(new_log("x"))
@when(box)
def replace_with_list(c):
    c.value = [c.value.items]
try:
    wait(replace_with_list)
except RegionError as e:
    print("RegionError:", "a cown cannot hold" in str(e))
print("kept:", wait(box).items)

# Waiting for a behaviour that needs a cown still waiting for its region raises, on
# every path to it; the behaviour runs once the references are gone.
kept = new_log(1)
alias = kept.items
pending = Cown(kept)
@when(pending, other)
def both(p, o):
    return len(p.value.items)
for c in (both, other, pending):
    try:
        wait(c)
    except IsolationError as e:
        print("IsolationError:", "still waiting for its region" in str(e))
del alias, kept
print("after del:", wait(both))

# A pending cown whose region is then frozen, merged or dissolved raises, never hangs.
for end in ("freeze", "merge", "dissolve"):
    r = new_log(1)
    alias = r.items
    c = Cown(r)
    if end == "freeze":
        freeze(r)
    elif end == "merge":
        outer = new_log()
        outer.child = r                  # now a subregion: merged into its parent
        merge(r, outer)
    else:
        dissolve(r)
    @when(c)
    def use(c):
        return 1
    try:
        wait(use)
    except IsolationError as e:
        print(end, "-> IsolationError:", "never received its region" in str(e))
    del r, alias
