# oracle: python3
# random.Random (issue #16): each instance is a generator of its own, drawing exactly what
# CPython's Random(seed) draws, independent of the other instances and of the module's
# functions.
import random


def draws(r):
    """Every method once or more, in a fixed order."""
    out = [r.random() for _ in range(5)]
    out.append([r.randrange(10) for _ in range(8)])
    out.append([r.randrange(5, 500, 7), r.randrange(-20, 20), r.randrange(100, -100, -9)])
    out.append([r.randint(1, 6) for _ in range(12)])
    out.append([r.randint(-(10**30), 10**30), r.randrange(2**70)])
    out.append([r.getrandbits(k) for k in (0, 1, 7, 32, 33, 64, 65, 130)])
    out.append([r.choice("floe"), r.choice([10, 20, 30]), r.choice(range(1000))])
    deck = list(range(20))
    r.shuffle(deck)
    out.append(deck)
    out.append([r.sample(range(100), 6), r.sample("abcdefgh", 3), r.sample(range(10**6), 4)])
    out.append([r.uniform(-1, 1), r.uniform(2, 5.5), r.uniform(3, 3)])
    out.append([r.gauss(), r.gauss(), r.gauss(10, 2), r.gauss(mu=1, sigma=0.5)])
    out.append([r.choices("abc", k=4), r.choices(range(3), [5, 1, 1], k=4), r.choices("xy", cum_weights=[1, 3])])
    out.append(r.expovariate(0.5))
    return out


for seed in [0, 1, 5, 42, -7, 2**40 + 3, 10**25, 3.25, -0.5]:
    print("seed", seed)
    print(draws(random.Random(seed)))

# Two instances and the module's functions, interleaved: three independent streams.
a = random.Random(123)
b = random.Random(456)
random.seed(789)
mixed = []
for i in range(700):  # past the twist of every stream
    mixed.append((a.random(), b.getrandbits(16), random.random()))
print(mixed[0], mixed[623], mixed[624], mixed[699])
print(a.random() == random.Random(123).random(), b.randrange(1000), random.randrange(1000))
alone_a = random.Random(123)
alone_a_draws = [alone_a.random() for _ in range(701)]
a2 = random.Random(123)
a2_draws = []
for i in range(701):
    a2_draws.append(a2.random())
    random.random()
print(alone_a_draws == a2_draws, alone_a_draws[700])

# Reseeding an instance restarts its stream and forgets gauss's cached value.
c = random.Random(9)
first = [c.random(), c.gauss()]
c.seed(9)
print(first == [c.random(), c.gauss()])
c.gauss()
c.seed(9)
print(c.random(), c.gauss())
c.seed(a=11)
print(c.random())

# getstate / setstate: the same tuple as CPython's, and the stream resumes from it.
d = random.Random(2024)
d.gauss()
state = d.getstate()
print(state[0], len(state[1]), state[1][:3], state[1][-1], state[2])
after = [d.random() for _ in range(1000)]
d.setstate(state)
print(after == [d.random() for _ in range(1000)])
e = random.Random(1)
e.setstate(state)
print(e.gauss() == random.Random(2024).getstate()[2], e.getstate() != state)
random.setstate(state)
print(random.random() == after[0], random.getstate()[0])
old = (2, tuple(w - 2**32 if w >= 2**31 else w for w in state[1]), None)
random.setstate(old)
print(random.random() == after[0])
for bad in [(3, (-1,) + state[1][1:], None), (4, state[1], None), (3, state[1][:10], None), (3, list(state[1]), None), (3, state[1][:-1] + (625,), None)]:
    try:
        random.Random().setstate(bad)
    except (TypeError, ValueError, OverflowError) as exc:
        print(type(exc).__name__, exc)

# A copy is a generator of its own, from the same state.
import copy
f = random.Random(77)
f.random()
g = copy.deepcopy(f)
print([f.random() for _ in range(3)] == [g.random() for _ in range(3)], f.getstate() == g.getstate())

# A subclass keeps the generator, adds methods and may override them (__init__ calls
# the overriding seed, which reaches Random's through super()).
class Dice(random.Random):
    def seed(self, a=None, version=2):
        super().seed(None if a is None else a + 100)

    def roll(self):
        return self.randint(1, 6)


dice = Dice(3)
print([dice.roll() for _ in range(10)], Dice(3).random() == random.Random(103).random(), isinstance(dice, random.Random))

# Argument errors as CPython reports them.
r = random.Random(0)
for call in [lambda: r.randrange(0), lambda: r.randrange(5, 5), lambda: r.choice([]),
             lambda: r.sample(range(3), 4), lambda: r.getrandbits(-1), lambda: r.randrange(1, 5, 0)]:
    try:
        call()
    except (ValueError, IndexError) as exc:
        print(type(exc).__name__, exc)
print(type(random.Random().random()), 0 <= random.Random().randrange(10) < 10)
