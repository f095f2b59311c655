# oracle: python3
# Set algebra on the keys the sets keep (issue #13): `|`, `&`, `-`, `^` of sets whose
# elements compare by value are done without hashing anything again; a set holding an
# element whose class defines __hash__/__eq__ still goes through them. Equal elements of
# different types (1, 1.0, True) keep the first one seen, as in CPython.


def show(s):
    return sorted(s, key=repr)


a = {1, 2.0, "x", (1, 2), None}
b = {1.0, True, "x", (1, 2), 3}
for r in (a | b, a & b, a - b, a ^ b, b | a, b & a, b - a, b ^ a):
    print(type(r).__name__, show(r))
print(show({1} | {1.0}), show({1.0} | {1}), show({True} & {1}), show({1} & {True}))
print([type(x).__name__ for x in {1} | {1.0, True}])
print(show(set() | set()), show(set() - {1}), show({1} - set()), show({1, 2} ^ {1, 2}))
print(show({1, 2} | frozenset({3})), type({1} | frozenset({2})).__name__)
print(type(frozenset({1}) | {2}).__name__, show(frozenset({1, 2}) - {1}))


class Word:
    """Equal regardless of case: a class's own hash and equality."""

    def __init__(self, w):
        self.w = w

    def __hash__(self):
        return hash(self.w.lower())

    def __eq__(self, other):
        return isinstance(other, Word) and self.w.lower() == other.w.lower()

    def __repr__(self):
        return "Word(%r)" % self.w


u = {Word("Apple"), Word("pear"), 1}
v = {Word("APPLE"), Word("fig"), 1.0}
print(show(u | v), show(u & v), show(u - v), show(u ^ v))
print(show({(Word("a"), 1)} & {(Word("A"), 1)}))

# A comprehension's set grows past its first slots.
big = {i * 7 % 101 for i in range(300)}
print(len(big), min(big), max(big), len(big - set(range(50))), len(big & set(range(50))))
