# Classic B11: float-heavy objects — make many 3-D points, normalise each to unit
# length, then reduce them to their component-wise maximum and their mean (the shape of
# pyperformance's `float` benchmark; its points come from sin/cos, these from a seeded
# linear congruential generator, since floe has no `math` or `random` module).
# Exercises: instance creation, float attributes, method calls, `** 0.5`.
# N is the number of points.
N = 100000


class Rng:
    """A linear congruential generator (the constants of glibc's `rand`)."""

    def __init__(self, seed):
        self.state = seed

    def uniform(self):
        self.state = (self.state * 1103515245 + 12345) % 2147483648
        return self.state / 2147483648.0


class Point:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def normalize(self):
        norm = (self.x * self.x + self.y * self.y + self.z * self.z) ** 0.5
        self.x /= norm
        self.y /= norm
        self.z /= norm

    def maximize(self, other):
        self.x = self.x if self.x > other.x else other.x
        self.y = self.y if self.y > other.y else other.y
        self.z = self.z if self.z > other.z else other.z
        return self


def make_points(n, rng):
    points = []
    for _ in range(n):
        x = rng.uniform() * 2.0 - 1.0
        y = rng.uniform() * 6.0 - 3.0
        z = x * x / 2.0 + 0.01
        points.append(Point(x, y, z))
    return points


points = make_points(N, Rng(42))
for p in points:
    p.normalize()
best = points[0]
for p in points[1:]:
    best = best.maximize(p)
mean_x = mean_y = mean_z = 0.0
for p in points:
    mean_x += p.x
    mean_y += p.y
    mean_z += p.z
print("%.9f %.9f %.9f" % (best.x, best.y, best.z))
print("%.9f %.9f %.9f" % (mean_x / N, mean_y / N, mean_z / N))
