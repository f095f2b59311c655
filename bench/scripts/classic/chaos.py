# Classic B11: a chaos game — the idiom of pyperformance's `chaos` benchmark: random
# affine maps (an iterated function system) applied to a point, with the points binned
# into a grid. Exercises: `random` with a fixed seed (CPython's Mersenne Twister
# sequence), `math` (sqrt, cos, sin, pi, hypot, floor), `dataclasses` (frozen points,
# defaults, order), floats, tuple unpacking, lists of lists.
# N is the number of points plotted, in thousands.
import math
import random
from dataclasses import dataclass, field

N = 30


@dataclass(frozen=True)
class Point:
    x: float
    y: float

    def dist(self, other):
        return math.hypot(self.x - other.x, self.y - other.y)


@dataclass
class Map:
    scale: float
    angle: float
    shift: Point
    weight: float = 1.0
    used: int = 0

    def apply(self, p):
        c, s = math.cos(self.angle), math.sin(self.angle)
        x = self.scale * (c * p.x - s * p.y) + self.shift.x
        y = self.scale * (s * p.x + c * p.y) + self.shift.y
        self.used += 1
        return Point(x, y)


@dataclass
class Grid:
    size: int
    cells: list = field(default_factory=list)

    def __post_init__(self):
        self.cells = [[0] * self.size for _ in range(self.size)]

    def add(self, p):
        i = min(self.size - 1, max(0, math.floor((p.x + 1.0) / 2.0 * self.size)))
        j = min(self.size - 1, max(0, math.floor((p.y + 1.0) / 2.0 * self.size)))
        self.cells[j][i] += 1


def choose(maps, total):
    r = random.random() * total
    for m in maps:
        r -= m.weight
        if r <= 0:
            return m
    return maps[-1]


def run(points):
    random.seed(1234)
    corners = [Point(math.cos(2 * math.pi * k / 3), math.sin(2 * math.pi * k / 3)) for k in range(3)]
    maps = [Map(0.5, 0.0, Point(c.x / 2, c.y / 2), weight=1.0 + k / 10) for k, c in enumerate(corners)]
    maps.append(Map(0.3, math.pi / 7, Point(0.0, 0.0), weight=0.4))
    total = sum(m.weight for m in maps)
    grid = Grid(24)
    p = Point(random.uniform(-0.1, 0.1), random.uniform(-0.1, 0.1))
    far = 0.0
    for step in range(points):
        p = choose(maps, total).apply(p)
        if step > 20:
            grid.add(p)
            far = max(far, p.dist(Point(0.0, 0.0)))
    filled = sum(1 for row in grid.cells for c in row if c)
    densest = max(max(row) for row in grid.cells)
    print("maps used:", [m.used for m in maps])
    print("filled cells:", filled, "densest:", densest, "farthest:", round(far, 6))
    print("last point:", round(p.x, 9), round(p.y, 9), p == Point(p.x, p.y))


run(N * 1000)
