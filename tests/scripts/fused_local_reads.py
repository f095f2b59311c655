# oracle: python3
# A local's read fused with the attribute read or indexing after it (issue #13): the
# fused instruction does the common case in place and otherwise exactly what the
# separate instructions do — errors, descriptors, __getattr__, other containers — and a
# jump may land on the second instruction of the pair.


class P:
    kind = "class attribute"

    def __init__(self, x):
        self.x = x

    @property
    def double(self):
        return self.x * 2

    def __getattr__(self, name):
        return "missing " + name


class Seq:
    def __getitem__(self, i):
        return ("item", i)


def reads(p, q, flag, xs, i, d, s):
    out = [p.x, p.kind, p.double, p.nothing, (p if flag else q).x, (q if flag else p).x]
    out += [xs[i], xs[-1], xs[i - 2], d[i], s[i], "abc"[1], (xs if flag else (9, 8, 7))[i]]
    t = (4, 5, 6)
    out += [t[i], t[-i]]
    return out


print(reads(P(1), P(2), True, [10, 20, 30], 1, {1: "one"}, Seq()))
print(reads(P(3), P(4), False, [7, 8, 9], 2, {2: "two"}, Seq()))


def errors(xs, i, obj):
    for f in (lambda: xs[i], lambda: obj.missing_attr):
        try:
            print(f())
        except (IndexError, AttributeError, TypeError) as e:
            print(type(e).__name__, e)
    try:
        print(xs[i])
    except IndexError as e:
        print("IndexError", e)
    try:
        print(obj.missing_attr)
    except AttributeError as e:
        print("AttributeError", e)


errors([1, 2], 5, object())
errors((1, 2), -3, 5)


def unbound(flag):
    if flag:
        v = P(7)
    return v.x


print(unbound(True))
try:
    unbound(False)
except UnboundLocalError as e:
    print("UnboundLocalError", e)


def big(xs, i):
    return xs[i]


print(big(list(range(10)), 2**62), "never") if False else None
try:
    big([1], 2**70)
except IndexError as e:
    print("IndexError", e)


class Lazy:
    """__getattr__ answers only what lookup finds nowhere else, and may refuse."""

    cls_attr = "from the class"

    def __init__(self):
        self.own = "own"

    def __getattr__(self, name):
        if name.startswith("no_"):
            raise AttributeError("refused " + name)
        return name.upper()


z = Lazy()
print(z.own, z.cls_attr, z.made_up, getattr(z, "other"), hasattr(z, "no_x"))
print(getattr(z, "no_y", "default"), hasattr(z, "yes"))
try:
    z.no_z
except AttributeError as e:
    print("AttributeError", e)
