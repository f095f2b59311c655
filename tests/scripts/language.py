# oracle: python3
# The script language of semantics §7, checked against CPython's output.

# Numbers: arbitrary-precision ints, floats, the usual operators.
print(2 ** 64, -(2 ** 64) // 3, (2 ** 64) % 7, 10 / 4, 10 // 4, -10 // 4, -10 % 4)
print(7.5 // 2, 7.5 % 2, abs(-3), abs(-2.5), round(2.5), round(3.5), round(1.2345, 2))
print(1 < 2 <= 2 < 3, 1 == 1.0, True + 1, 3 & 5, 3 | 5, 3 ^ 5, ~5, 1 << 10, 1024 >> 3)
print(int("42"), int(3.9), float("1.5"), str(12), bool(0), bool([1]), int("ff", 16))
print(divmod(17, 5), pow(2, 10), min(3, 1, 2), max([4, 9, 2]), sum([1, 2, 3], 10))
print(10 ** 20 + 1 - 10 ** 20, 3 * 10 ** 30 // 10 ** 29, hash(5) == hash(5.0))

# Strings.
s = "Hello, World"
print(s.upper(), s.lower(), s.split(", "), s.replace("l", "L"), s[0], s[-1], s[2:5], s[::-1])
print(s.startswith("He"), s.endswith("x"), s.find("o"), s.count("l"), len(s), "o" in s)
print("  pad  ".strip() + "|", "a,b,,c".split(","), " ".join(["x", "y", "z"]), "ab" * 3)
print(f"{3.14159:.3f}|{42:>6}|{'left':<6}|{7:03d}|{1234567:,}|{0.25:.1%}|{'c':^5}|")
print("{} and {}".format("a", "b"), "{1}{0}".format("x", "y"), "{name}!".format(name="hi"))
print(repr("it's"), repr('say "hi"'), str(None), repr([1, "a", None, 2.0]))

# Containers.
l = [3, 1, 2]
l.append(5)
l.extend([9, 0])
l.insert(1, 7)
print(l, l.pop(), l.pop(0), l.index(2), l.count(1), sorted(l), l)
l.sort()
l.reverse()
l.remove(7)
print(l, l[1:3], l[::2], len(l), 2 in l, l + [1], l * 2)
l[0:2] = [10, 20, 30]
del l[-1]
print(l)
t = (1, 2, 3)
a, b, c = t
first, *rest = [1, 2, 3, 4]
print(t, a + b + c, first, rest, t[1:], t.index(3), (1,) + (2,), tuple([4, 5]))
d = {"a": 1, "b": 2}
d["c"] = 3
d.update({"d": 4}, e=5)
print(d, d.get("a"), d.get("z", 0), "b" in d, list(d.keys()), list(d.values()))
print(d.pop("a"), d.setdefault("f", 6), len(d), sorted(d.items()))
del d["b"]
print(d, dict(x=1), dict([("y", 2)]), {**d, "z": 0})
st = {3, 1, 2}
st.add(4)
st.discard(1)
print(sorted(st), 2 in st, sorted(st | {9}), sorted(st & {2, 3}), sorted(st - {2}), set())
print([x * x for x in range(5) if x % 2 == 0], {x: x * 2 for x in range(3)}, sorted({x % 3 for x in range(9)}))
print([(i, j) for i in range(3) for j in range(i)], list(range(10, 0, -3)), range(5)[2])

# Control flow.
total = 0
for i in range(10):
    if i == 7:
        break
    if i % 2:
        continue
    total += i
else:
    total = -1
print(total)
n = 0
while n < 5:
    n += 1
else:
    print("while done", n)
for k, v in enumerate(["a", "b"], start=1):
    print(k, v)
for x, y in zip([1, 2, 3], "abc"):
    print(x, y, end=" ")
print()
print(list(map(lambda x: x + 1, [1, 2])), list(filter(None, [0, 1, 2])), any([0, 1]), all([]))
print(list(reversed([1, 2, 3])), sorted(["bb", "a", "ccc"], key=len), isinstance(True, int))

# Functions: defaults, keywords, *args, **kwargs, closures, nonlocal, global.
def f(a, b=2, *args, c=3, **kw):
    return (a, b, args, c, sorted(kw.items()))

print(f(1), f(1, 5, 6, 7, c=8, z=9), f(*[1, 2], **{"c": 0}))
counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump()
bump()
print(counter)
def make_adder(n):
    def add(x):
        return x + n
    return add
def make_counter():
    count = 0
    def step():
        nonlocal count
        count += 1
        return count
    return step
step = make_counter()
step()
print(make_adder(10)(5), step(), (lambda x, y=1: x * y)(4))

# Classes: __init__, methods, inheritance, super, special methods.
class Animal:
    kind = "animal"
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + " makes a sound"
    def __repr__(self):
        return "Animal(" + repr(self.name) + ")"

class Dog(Animal):
    def __init__(self, name, tricks=()):
        super().__init__(name)
        self.tricks = list(tricks)
    def speak(self):
        return super().speak() + ": woof"

class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)
    def __eq__(self, other):
        return isinstance(other, Vec) and (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)
    def __len__(self):
        return 2
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"

dog = Dog("Rex", ["sit"])
print(dog.speak(), dog.kind, dog.tricks, isinstance(dog, Animal), type(dog).__name__, Animal("cat"))
print(Vec(1, 2) + Vec(3, 4), Vec(1, 1) == Vec(1, 1), Vec(1, 1) != Vec(2, 2), sorted([Vec(2, 0), Vec(1, 5)]))
print(len(Vec(0, 0)), hash(Vec(1, 2)) == hash(Vec(1, 2)), getattr(dog, "name"), hasattr(dog, "nope"))
setattr(dog, "age", 3)
print(dog.age, getattr(dog, "missing", "default"), issubclass(Dog, Animal), callable(len))

# Exceptions.
def risky(x):
    if x < 0:
        raise ValueError("negative: " + str(x))
    return x

for arg in [1, -1]:
    try:
        print("ok", risky(arg))
    except ValueError as e:
        print("caught", e, type(e).__name__, e.args)
    finally:
        print("finally", arg)

class MyError(Exception):
    pass

try:
    try:
        raise MyError("inner")
    except KeyError:
        print("not here")
except Exception as e:
    print("outer caught", repr(e), isinstance(e, MyError))

try:
    [][1]
except IndexError as e:
    print("IndexError:", e)
try:
    {}["k"]
except KeyError as e:
    print("KeyError:", e)
try:
    undefined_name
except NameError as e:
    print("NameError:", e)
try:
    1 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    assert 1 == 2, "math"
except AssertionError as e:
    print("AssertionError:", e)
try:
    try:
        raise TypeError("first")
    except TypeError:
        raise
except TypeError as e:
    print("re-raised", e)
x = [1, 2, 3]
del x[0]
print(x, (y := 5) + 1, y)

# printf-style formatting.
print("%d items, %s, %r, %5.2f|%-4d|%04d|%x|%%" % (3, "a", "b", 3.14159, 7, 42, 255))
print("%(name)s is %(age)d" % {"name": "ada", "age": 36}, "%s" % [1, 2], "%+d %e" % (5, 12345.678))
try:
    print("%d %d" % (1,))
except TypeError as e:
    print("TypeError:", e)

# staticmethod, classmethod, property.
class Temp:
    scale = "C"
    def __init__(self, c):
        self.c = c
    @property
    def f(self):
        return self.c * 9 / 5 + 32
    @staticmethod
    def zero():
        return Temp(0)
    @classmethod
    def boiling(cls):
        return cls(100)
    @classmethod
    def unit(cls):
        return cls.scale
class Kelvin(Temp):
    scale = "K"
t = Temp(10)
print(t.f, Temp.zero().c, Temp.boiling().f, t.unit(), Kelvin.unit(), type(Kelvin.boiling()).__name__)
