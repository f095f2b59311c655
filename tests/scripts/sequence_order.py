# oracle: python3
# Ordering sequences: the first unequal items decide, by the full comparison (a user
# class's __lt__ included, as dataclass(order=True) keys in heap tuples need).
print((1, 2) < (1, 3), (1, 3) <= (1, 2), [1, "a"] > [1, "b"], (2,) >= (1, 9), sorted([(2, "b"), (1, "z"), (2, "a")]))
class K:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
    def __gt__(self, o): return self.v > o.v
    def __repr__(self): return f"K({self.v})"
print(sorted([(K(3), 1), (K(1), 2)]), (K(1), 0) > (K(2), 0), max([(K(5),), (K(7),)]))
try:
    (1, "a") < (1, 2)
except TypeError as e:
    print(e)
