"""random: CPython 3.11's Mersenne Twister and random.py's algorithms, written for floe.

The module's functions draw from the interpreter's own generator (they are the Rust
module _random's: module state lives in the interpreter, never in an object; RFC-0006
section 9). A Random instance is an ordinary mutable object like a list: its generator
is its attributes _mt (a list of the 624 words), _index and gauss_next, which the
_random functions ending in _of read and write through the write barrier. So a frozen
Random refuses to draw, and a Random stored into a region moves there with its state.
"""

from _random import (
    seed,
    random,
    getrandbits,
    randrange,
    randint,
    choice,
    choices,
    shuffle,
    sample,
    uniform,
    gauss,
    expovariate,
    getstate,
    setstate,
)
import _random


def randbytes(n):
    """n random bytes from the interpreter's generator."""
    return getrandbits(n * 8).to_bytes(n, "little")


class Random:
    """A random number generator of its own: seeded with x, or from the OS when x is
    None. Each method draws what the module function of the same name draws after
    random.seed(x)."""

    VERSION = 3

    def __init__(self, x=None):
        self.seed(x)

    def seed(self, a=None, version=2):
        _random.seed_of(self, a, version)

    def getstate(self):
        return _random.getstate_of(self)

    def setstate(self, state):
        _random.setstate_of(self, state)

    def random(self):
        return _random.random_of(self)

    def getrandbits(self, k):
        return _random.getrandbits_of(self, k)

    def randbytes(self, n):
        """n random bytes (random.py's: getrandbits(n * 8), little-endian)."""
        return self.getrandbits(n * 8).to_bytes(n, "little")

    def randrange(self, start, stop=None, step=1):
        return _random.randrange_of(self, start, stop, step)

    def randint(self, a, b):
        return _random.randint_of(self, a, b)

    def choice(self, seq):
        return _random.choice_of(self, seq)

    def choices(self, population, weights=None, *, cum_weights=None, k=1):
        return _random.choices_of(self, population, weights, cum_weights=cum_weights, k=k)

    def shuffle(self, x):
        _random.shuffle_of(self, x)

    def sample(self, population, k, *, counts=None):
        return _random.sample_of(self, population, k, counts=counts)

    def uniform(self, a, b):
        return _random.uniform_of(self, a, b)

    def gauss(self, mu=0.0, sigma=1.0):
        return _random.gauss_of(self, mu, sigma)

    def expovariate(self, lambd):
        return _random.expovariate_of(self, lambd)
