# oracle: python3
# The random module (issue #16): CPython's Mersenne Twister seeded as random.seed(n)
# seeds it, and random.py's functions over it, so every sequence matches CPython's.
import random


def show(seed):
    random.seed(seed)
    print("seed", seed)
    print([random.random() for _ in range(40)])
    print([random.randint(-5, 1000) for _ in range(80)])
    print([random.randrange(7) for _ in range(40)], [random.randrange(3, 10**6, 11) for _ in range(10)])
    print([random.randrange(100, -100, -7) for _ in range(10)], random.randrange(2**64), random.randrange(-10**40, 10**40))
    print([random.getrandbits(k) for k in (0, 1, 5, 31, 32, 33, 63, 64, 65, 100, 200)])
    deck = list(range(52))
    random.shuffle(deck)
    print(deck)
    words = ["alpha", "beta", "gamma", "delta", "epsilon"]
    random.shuffle(words)
    print(words, [random.choice(words) for _ in range(10)], random.choice("xyz"), random.choice((1, 2)))
    print(random.sample(range(10), 10), random.sample(range(10**6), 8), random.sample("abcdefgh", 3))
    print(random.sample(list(range(30)), 7), random.sample(range(200), 60))
    print([random.gauss(0, 1) for _ in range(9)], random.gauss(10, 3), random.gauss())
    print([random.uniform(-1, 1) for _ in range(5)], random.uniform(1, 2.5), random.uniform(3, 3))
    print(random.choices(range(5), k=10), random.choices("ab", [1, 9], k=10), random.choices("abc", cum_weights=[1, 2, 10], k=6))
    print([random.expovariate(1.5) for _ in range(3)])


for s in [0, 1, 42, 12345, -1, -987654321, 2**32, 2**32 + 1, 2**64 - 1, 10**30, -(2**100)]:
    show(s)

# Floats seed through their hash, as in CPython.
for f in [1.5, -2.25, 0.1, 1e300, 3.0]:
    random.seed(f)
    print("seed", f, random.random(), random.randint(1, 6))

# The same seed gives the same sequence; gauss's pending value is dropped by seed.
random.seed(7)
a = [random.random() for _ in range(5)]
random.gauss()
random.seed(7)
print(a == [random.random() for _ in range(5)], random.gauss() == random.gauss())

# A long run crosses many regenerations of the 624-word state.
random.seed(2024)
total = 0
for _ in range(20000):
    total += random.getrandbits(32)
print(total, random.random())

# Errors, as CPython words them.
def attempt(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

attempt(lambda: random.choice([]))
attempt(lambda: random.randrange(0))
attempt(lambda: random.randrange(5, 5))
attempt(lambda: random.randrange(0, 10, 0))
attempt(lambda: random.randrange(10, 0, 2))
attempt(lambda: random.randint(3, 1))
attempt(lambda: random.sample(range(3), 4))
attempt(lambda: random.sample({1, 2}, 1))
attempt(lambda: random.getrandbits(-1))
attempt(lambda: random.choices("ab", [1], k=2))
