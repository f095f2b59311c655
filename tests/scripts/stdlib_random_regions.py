# random.Random meets the model (RFC-0006 §9): an instance is an ordinary mutable object
# whose generator is its attributes. Drawing writes them through the write barrier, so a
# frozen Random refuses to draw, having changed nothing, and a Random stored into a
# region moves there with its state and draws on in place.
import random
from floe import Region, RegionError, Cown, when, wait, freeze, is_frozen

# Frozen: every draw (and seed, setstate) is a TypeError naming the object.
r = random.Random(8)
r.random()
before = r.getstate()
freeze(r)
print(is_frozen(r), is_frozen(r._mt))
for name, call in [("random", r.random), ("randint", lambda: r.randint(1, 6)),
                   ("shuffle", lambda: r.shuffle([1, 2, 3])), ("gauss", r.gauss),
                   ("seed", lambda: r.seed(1)), ("setstate", lambda: r.setstate(before))]:
    try:
        call()
    except TypeError as e:
        print(name, "TypeError:", e)
# Also when the refused draw is the one that regenerates the words (the twist).
spent = random.Random(3)
for _ in range(312):
    spent.random()
freeze(spent)
try:
    spent.random()
except TypeError as e:
    print("twist TypeError:", e)
# Reading is allowed, and nothing changed: the frozen state draws, in a copy, what an
# unfrozen twin draws next.
import copy
twin = random.Random(8)
twin.random()
print(r.getstate() == before, copy.deepcopy(r).random() == twin.random())

# In a region: the instance and its list of words are members; draws go on in place.
dice = Region("dice")
dice.rng = random.Random(5)
print(dice.owns(dice.rng), dice.owns(dice.rng._mt))
alone = random.Random(5)
print([dice.rng.randint(1, 6) for _ in range(700)] == [alone.randint(1, 6) for _ in range(700)])
print(dice.owns(dice.rng._mt), dice.rng.random() == alone.random())
# It belongs to that region: another region cannot take it.
other = Region("other")
try:
    other.rng = dice.rng
except RegionError as e:
    print("RegionError:", e)

# Handed to a behaviour in its region: the behaviour draws from it (its own stream,
# unaffected by the module's generator of the worker it runs on).
cown = Cown(dice)
del dice


@when(cown)
def roll(c):
    random.seed(1)
    return tuple(c.value.rng.randint(1, 6) for _ in range(5))


print(wait(roll) == tuple(alone.randint(1, 6) for _ in range(5)))
