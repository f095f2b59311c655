# oracle: python3
# Dunder methods of built-in values, vars, dict.fromkeys, int.bit_length, list.index
# with bounds, print(file=...), huge slice bounds, list.sort and a mutating key, bool
# as a subclass of int.
def err(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)

d = {}
d.__setitem__("k", 1)
print(d, d.__getitem__("k"), d.__len__(), d.__contains__("k"), "k" in d)
d.__delitem__("k")
print(d)
l = [3, 1, 2]
print(l.__len__(), l.__getitem__(-1), l.__contains__(2), list(l.__iter__()))
l.__setitem__(0, 9)
print(l, l.__add__([4]), l.__mul__(2), l.__eq__([9, 1, 2]), l.__lt__([10]))
l.__iadd__([5])
print(l, l.__repr__(), (5).__str__(), "ab".__len__(), "abc".__getitem__(1))
print((1).__add__(2), (7).__sub__(2), (3).__mul__(4), (2).__pow__(10), (7).__floordiv__(2))
print((5).__neg__(), (1.5).__add__(1.0), (9).__eq__(9), (1).__lt__(2), "a".__lt__("b"))
print((1).__hash__() == hash(1), (6).__and__(3), (6).__or__(1), (-3).__abs__(), (3).__bool__())
print({1}.__or__({2}), {1: 2}.__or__({3: 4}), (1, 2).__add__((3,)), "x".__mul__(3))
print("a".__contains__("a"), range(5).__len__(), range(5).__getitem__(2), (2.5).__int__())
err(lambda: [].__getitem__(1))
err(lambda: {}.__getitem__("missing"))
err(lambda: (1).__len__())
err(lambda: [].__len__(1))

class Rec:
    cls_attr = 1
    def __init__(self):
        self.a = 1
        self.b = "two"
r = Rec()
print(vars(r), sorted(vars(r)))
err(lambda: vars(1))
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0), dict.fromkeys([]))
print((0).bit_length(), (1).bit_length(), (255).bit_length(), (-256).bit_length(), (10**30).bit_length(), True.bit_length())
print([1, 2, 3, 2, 1].index(2), [1, 2, 3, 2, 1].index(2, 2), [1, 2, 3, 2, 1].index(1, -2, 5), (1, 2, 1).index(1, 1))
err(lambda: [1, 2, 3].index(1, 1, 3))
err(lambda: [1, 2, 3].index(3, 0, 2))

class Sink:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
    def flush(self):
        self.parts.append("<flush>")
out = Sink()
print("a", 1, [2], file=out)
print("x", "y", sep="-", end="!", file=out, flush=True)
print(file=out)
print(out.parts)
print("a", "b", sep=None, end=None)
print("c", "d", sep="", end="\n\n")
err(lambda: print("x", file=5))
err(lambda: print("x", sep=3))
err(lambda: print("x", end=[]))

s = list(range(10))
print(s[:10**30], s[-10**30:3], s[10**30:], s[::10**30], s[3:-10**30:-1])
t = tuple(s)
print(t[2:10**20], "hello"[-10**40:10**40], "hello"[1:10**25:2])
big = 10**30
del s[big:]
s[big:] = [99]
print(s, s[-big:-big])

def mutating_key(x):
    data.append(x)
    return x
data = [3, 1, 2]
err(lambda: data.sort(key=mutating_key))
print(sorted(data)[:3])
data2 = [3, 1, 2]
def read_key(x):
    return len(data2)
data2.sort(key=read_key)
print(data2)
data3 = [5, 4, 3]
def raising_key(x):
    raise KeyError("key")
err(lambda: data3.sort(key=raising_key))
print(data3)
print(issubclass(bool, int), issubclass(int, bool), issubclass(bool, object), isinstance(True, int))
print("ABC".casefold(), "aBc".swapcase(), "prefix-x".removeprefix("prefix-"), "x.py".removesuffix(".py"), "x".removesuffix("y"))
print("abc".isascii(), "é".isascii(), "123".isdecimal(), "12a".isnumeric(), "_a1".isidentifier(), "1a".isidentifier(), "".isidentifier())
print("a\tb".isprintable(), "ab".isprintable(), "Hello World".istitle(), "Hello world".istitle(), "".istitle(), "A1 B".istitle())
print("a\tbc\td".expandtabs(), "a\tb".expandtabs(4), "x\ty\n\tz".expandtabs(2), "abcabc".rindex("b"))
print((5).real, True.real, (7).numerator, (7).denominator, (3).imag, (2.5).real, (2.5).imag)
try:
    "abc".rindex("z")
except ValueError as e:
    print(e)
print(hash((1, 2)) == hash((1, 2)))
# Methods read from the built-in types.
acc = []
list.append(acc, 1)
d0 = {}
dict.__setitem__(d0, "k", 2)
print(acc, d0, int.__add__(1, 2), str.upper("a"), list(map(str.strip, [" a ", "b "])))
print(sorted(["b", "A", "c"], key=str.lower), str.join("-", ["x", "y"]), callable(str.lower))
print(object.__eq__(acc, acc), object.__eq__(1, 2), object.__ne__(acc, acc), repr(str.lower))
class Slotted:
    pass
sl = Slotted()
object.__setattr__(sl, "x", 21)
print(sl.x)
try:
    str.lower(5)
except TypeError as e:
    print("TypeError:", e)
