# oracle: python3
# The copy module (issue #16): shallow and deep copies of the built-in containers and
# of instances, cycles and shared references kept by deepcopy's memo, __copy__ and
# __deepcopy__ honoured.
import copy


def show(name, f):
    try:
        print(name, f())
    except Exception as e:
        print(name, type(e).__name__, e)


inner = [1, 2]
data = {"a": inner, "b": (inner, 3), "c": {4, 5}, "d": "text"}
shallow = copy.copy(data)
deep = copy.deepcopy(data)
print(shallow == data, shallow is data, shallow["a"] is inner, deep == data, deep["a"] is inner)
print(deep["b"][0] is deep["a"], deep["b"] is data["b"], shallow["b"] is data["b"])
inner.append(3)
print(shallow["a"], deep["a"], deep)

for x in [1, 2.5, "s", None, True, (1, 2), (), range(3), 10**30, len, print]:
    print(repr(x), copy.copy(x) is x, copy.deepcopy(x) is x)
t = (1, [2])
print(copy.copy(t) is t, copy.deepcopy(t) is t, copy.deepcopy(t) == t, copy.deepcopy(((1, 2), "x")) == ((1, 2), "x"))
lst = [1, [2, [3]]]
c = copy.copy(lst)
d = copy.deepcopy(lst)
print(c is lst, c[1] is lst[1], d[1] is lst[1], d[1][1] is lst[1][1], d)
s = {1, 2, (3, 4)}
print(copy.copy(s) == s, copy.copy(s) is s, copy.deepcopy(s) == s)

cycle = [1]
cycle.append(cycle)
dc = copy.deepcopy(cycle)
print(dc[1] is dc, dc[1] is cycle, len(dc))
node = {"name": "n"}
node["self"] = node
dn = copy.deepcopy(node)
print(dn["self"] is dn, dn["name"])
shared = [0]
pair = [shared, shared]
dp = copy.deepcopy(pair)
print(dp[0] is dp[1], dp[0] is shared)


def f():
    return 1


print(copy.copy(f) is f, copy.deepcopy(f) is f, copy.deepcopy([f])[0] is f)


class Point:
    def __init__(self, x, y):
        print("init", x, y)
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


p = Point([1], 2)
q = copy.copy(p)
r = copy.deepcopy(p)
print(q, r, type(q).__name__, q is p, q.x is p.x, r.x is p.x, r.x == p.x)
tree = {"points": [p, p]}
dt = copy.deepcopy(tree)
print(dt["points"][0] is dt["points"][1], dt["points"][0] is p)


class Custom:
    def __init__(self, v):
        self.v = v

    def __copy__(self):
        print("__copy__ called")
        return Custom(self.v + ["copied"])

    def __deepcopy__(self, memo):
        print("__deepcopy__ called", type(memo).__name__)
        return Custom(copy.deepcopy(self.v, memo) + ["deep"])


cu = Custom(["x"])
print(copy.copy(cu).v, copy.deepcopy(cu).v, copy.deepcopy([cu, cu])[0].v)
memo = {}
m1 = copy.deepcopy([1, [2]], memo)
print(m1, len(memo) > 0)


def gen():
    yield 1


show("copy(generator)", lambda: copy.copy(gen()))
show("deepcopy(generator)", lambda: copy.deepcopy([gen()]))
show("copy(module)", lambda: copy.copy(copy))
show("copy()", lambda: copy.copy())
show("deepcopy()", lambda: copy.deepcopy())
show("copy(1, 2)", lambda: copy.copy(1, 2))
show("deepcopy(4 args)", lambda: copy.deepcopy(1, None, None, 4))
show("copy(y=1)", lambda: copy.copy(y=1))
print(copy.copy(x=[5]), copy.deepcopy(x=(6,)))
