# A frozen dataclass is a Floe-frozen instance (issue #16, RFC-0006 §9): __init__ and
# __post_init__ run on a mutable instance, then the instance, its class and what its
# fields reach are frozen; it hashes by its fields and any behaviour may share it.
from dataclasses import dataclass, field, replace
from floe import is_frozen, Cown, when, wait


@dataclass(frozen=True)
class Config:
    name: str
    sizes: list = field(default_factory=list)
    scale: float = 1.0
    total: int = field(init=False, default=0)

    def __post_init__(self):
        self.total = sum(self.sizes)


c = Config("demo", [1, 2])
print(c, is_frozen(c), is_frozen(c.sizes), is_frozen(Config))
try:
    c.name = "other"
except TypeError as e:
    print("TypeError:", e)
try:
    c.sizes.append(3)
except TypeError as e:
    print("TypeError:", e)


@dataclass(frozen=True)
class Pt:
    x: int
    y: int


print(hash(Pt(1, 2)) == hash((1, 2)), Pt(1, 2) == Pt(1, 2))
kept = [5]
e = Config("kept", kept)
print(e, is_frozen(kept))
d = replace(c, scale=2.0)
print(d, is_frozen(d), d == c, d.sizes)


@dataclass
class Mutable:
    v: int


m = Mutable(1)
m.v = 2
print(m, is_frozen(m))
box = Cown(0)


@when(box)
def use(b):
    return c.name + ":" + str(sum(c.sizes))


print(wait(use))
