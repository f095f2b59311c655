# Standard-library modules meet the model (RFC-0006 "Modules and the model"): a module
# object is frozen at import, so a behaviour whose function names it shares it; random's
# generator belongs to each interpreter, never to an object two behaviours reach.
import math
import random
from floe import Cown, when, wait, is_frozen

import math as again
print(is_frozen(math), is_frozen(random), again is math)
try:
    math.pi = 3
except TypeError:
    print("TypeError: a module is frozen")

c = Cown(16)


@when(c)
def root(c):
    return math.sqrt(c.value) + math.floor(2.5) + math.pi


print(wait(root) == 4.0 + 2 + math.pi)


# A behaviour imports on its worker's own interpreter, too.
@when(c)
def smallest(c):
    import heapq
    h = [5, 3, 8, 1]
    heapq.heapify(h)
    return heapq.heappop(h) + c.value


print(wait(smallest))


# Seeding inside a behaviour seeds that worker's generator only: its draws are the ones
# random.seed(5) gives anywhere, and the main program's sequence goes on undisturbed.
def draws(n):
    return ",".join(str(random.random()) for _ in range(n))


random.seed(1)
first = random.random()


@when(c)
def seeded(c):
    random.seed(5)
    return draws(4)


in_behaviour = wait(seeded)
second = random.random()
random.seed(5)
print(in_behaviour == draws(4))
random.seed(1)
print([first, second] == [random.random(), random.random()])
