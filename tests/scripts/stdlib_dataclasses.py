# oracle: python3
# The dataclasses module (issue #16): generated __init__, __repr__, __eq__, ordering and
# hashing, field(), fields(), asdict(), astuple(), replace(), as CPython 3.11 has them.
# (frozen=True makes a Floe-frozen instance: tests/scripts/dataclasses_frozen.py.)
import dataclasses
import typing
from typing import ClassVar, List, Optional
from dataclasses import dataclass, field, fields, asdict, astuple, replace, InitVar, KW_ONLY


@dataclass
class Point:
    x: int
    y: int = 0


p = Point(1, 2)
print(p, Point(3), Point(y=5, x=4), p == Point(1, 2), p == Point(2, 1), p != Point(1, 2), p == (1, 2))
p.x = 10
print(p, p.x, p.y, [f.name for f in fields(p)], [f.name for f in fields(Point)])
print(asdict(p), astuple(p), replace(p, y=7), p, dataclasses.is_dataclass(p), dataclasses.is_dataclass(3))


@dataclass()
class Inventory:
    name: str
    items: list = field(default_factory=list)
    count: int = field(default=3, repr=False)
    tags: dict = field(default_factory=dict, compare=False)


a = Inventory("a")
b = Inventory("b")
a.items.append(1)
print(a, b, a.count, Inventory.count, a.items is not b.items)
print(Inventory("a", [1], 3, {'t': 1}) == a, asdict(a))


@dataclass(order=True)
class Version:
    major: int
    minor: int = 0
    label: str = field(default="", compare=False)


vs = [Version(1, 2, "x"), Version(0, 9), Version(1, 0), Version(1, 2, "a")]
print(sorted(vs))
print(Version(1) < Version(2), Version(1, 1) <= Version(1, 1), Version(2) > Version(1, 5), Version(1) >= Version(1, 0, "z"))
print(max(vs), min(vs), Version(1, 2, "x") == Version(1, 2, "y"))


@dataclass
class Node:
    value: int
    children: list = field(default_factory=list)


tree = Node(1, [Node(2), Node(3, [Node(4)])])
print(tree)
print(asdict(tree))
print(astuple(tree))


@dataclass
class WithPost:
    a: int
    b: int = field(init=False)

    def __post_init__(self):
        self.b = self.a * 2


w = WithPost(5)
print(w, replace(w, a=6))


@dataclass
class Base:
    x: int
    y: str = "y"


@dataclass
class Derived(Base):
    z: float = 1.5


print(Derived(1), Derived(1, "a", 2.5), [f.name for f in fields(Derived)], Derived(1) == Base(1))


@dataclass
class Custom:
    v: int

    def __repr__(self):
        return "Custom<" + str(self.v) + ">"


print(Custom(1), Custom(1) == Custom(1))


@dataclass(repr=False, eq=False)
class Plain:
    v: int


print(Plain(1) == Plain(1), Plain(1).v)


@dataclass(unsafe_hash=True)
class Hashed:
    a: int
    b: int


print(hash(Hashed(1, 2)) == hash((1, 2)))


@dataclass
class KW:
    a: int
    b: int = field(default=0, kw_only=True)
    c: int = 5


print(KW(1), KW(1, 2), KW(1, b=3, c=4))


@dataclass(kw_only=True)
class AllKW:
    a: int
    b: int = 2


print(AllKW(a=1), AllKW(b=1, a=0))


@dataclass
class Scaled:
    a: int
    scale: InitVar[int] = 2
    b: int = field(init=False, default=0)
    def __post_init__(self, scale):
        self.b = self.a * scale
c = Scaled(3)
print(c, Scaled(3, 10), [f.name for f in fields(Scaled)], replace(c, scale=5))
@dataclass
class K:
    a: int
    _: KW_ONLY
    b: int = 1
    c: int = 2
print(K(1, b=5), K(0, c=9))
try: K(1, 2)
except TypeError as e: print(e)
@dataclass
class N:
    x: int
    y: InitVar[int]
    def __post_init__(self, y): self.x += y
n = N(1, 2)
print(n)
try: replace(n)
except ValueError as e: print(e)
print(replace(n, y=10))
print(dataclasses.MISSING is not None, Scaled.__match_args__, K.__match_args__)


@dataclass
class WithClassVar:
    x: int
    registry: ClassVar[list] = []
    also: typing.ClassVar[int] = 3
    items: List[int] = field(default_factory=list)
    parent: Optional["WithClassVar"] = None


print(WithClassVar(1), [f.name for f in fields(WithClassVar)], WithClassVar.registry, WithClassVar.also)

for bad in [lambda: Point(), lambda: Point(1, 2, 3), lambda: Point(1, z=2), lambda: Point(1, x=2),
            lambda: Version(), lambda: KW(), lambda: AllKW(), lambda: AllKW(1),
            lambda: Inventory(), lambda: Version(1) < 3, lambda: replace(w, b=1),
            lambda: fields(3), lambda: asdict(Point), lambda: field(default=1, default_factory=list),
            lambda: hash(Point(1)), lambda: Point(1, 2, 3, 4)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

try:
    @dataclass
    class Bad:
        a: int = 0
        b: int
except TypeError as e:
    print(type(e).__name__, e)
try:
    @dataclass
    class BadDefault:
        a: list = []
except ValueError as e:
    print(type(e).__name__, e)
try:
    @dataclass(eq=False, order=True)
    class BadOrder:
        a: int
except ValueError as e:
    print(type(e).__name__, e)
