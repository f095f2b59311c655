# oracle: python3
# The enum module (issue #16): Enum, IntEnum, StrEnum, auto and unique, as CPython 3.11
# prints them.
import enum
from enum import Enum, IntEnum, StrEnum, auto, unique


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1

    def describe(self):
        return self.name.lower() + " (" + str(self.value) + ")"

    @classmethod
    def default(cls):
        return cls.GREEN


print(Color.RED, repr(Color.RED), Color.RED.name, Color.RED.value, str(Color.BLUE))
print(list(Color), len(Color), [c.name for c in Color], Color.CRIMSON is Color.RED)
print(Color(2), Color['BLUE'], Color(Color.RED), Color.RED.describe(), Color.default())
print(Color.RED == Color.RED, Color.RED == Color.GREEN, Color.RED == 1, Color.RED is Color(1))
print(Color.RED in Color, type(Color.RED) is Color, isinstance(Color.GREEN, Color), isinstance(Color.GREEN, Enum))
print(list(Color.__members__), [m.name for m in Color.__members__.values()])
print(f"{Color.RED}", format(Color.GREEN), "%s" % Color.BLUE, hash(Color.RED) == hash("RED"))
print({Color.RED: "r", Color.GREEN: "g"}[Color.GREEN], sorted(Color, key=lambda c: c.value))


class Auto(Enum):
    X = auto()
    Y = auto()
    Z = 10
    W = auto()


print(list(Auto), Auto.W.value)


class Number(IntEnum):
    ONE = 1
    TWO = auto()
    TEN = 10


print(Number.ONE, repr(Number.TWO), Number.ONE + 1, Number.TWO * 3, 10 - Number.ONE, Number.TEN // 3)
print(Number.ONE == 1, Number.TWO < 3, Number.TEN > Number.TWO, f"{Number.TEN}", Number(10))
print({Number.ONE: "one"}[Number.ONE], {Color.RED: "r"}[Color.CRIMSON])
print(sorted([Number.TEN, Number.ONE, Number.TWO]), [n.value for n in Number], Number.TWO.name)


class Mode(StrEnum):
    READ = "r"
    WRITE = auto()


print(Mode.READ, repr(Mode.WRITE), Mode.READ == "r", f"{Mode.WRITE}", Mode("r"), list(Mode))


class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius

    def gravity(self):
        return 6.673e-11 * self.mass / (self.radius * self.radius)


print(Planet.EARTH, Planet.EARTH.value, Planet.EARTH.mass, round(Planet.EARTH.gravity(), 3))
print(Planet.MERCURY, list(Planet))

for bad in [lambda: Color(7), lambda: Color['PINK'], lambda: Color.RED < Color.GREEN, lambda: Color(),
            lambda: Number(5)]:
    try:
        bad()
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__, e)
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
        C = 2
        D = 2
except ValueError as e:
    print(type(e).__name__, e)


@unique
class Fine(Enum):
    A = 1
    B = 2


print(list(Fine))
try:
    class More(Color):
        PINK = 4
except TypeError as e:
    print(type(e).__name__, e)


class Empty(Enum):
    pass


class Extended(Empty):
    ONE = 1


print(list(Extended), len(Empty), enum.Enum is Enum)
