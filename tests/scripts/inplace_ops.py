# oracle: python3
# In-place operators: lists, sets and dicts update in place (the name still points at
# the same object); immutables rebind; user classes through __iadd__ and friends.
l = [1, 2]
alias = l
l += [3]
l += (4, 5)
l += range(6, 8)
print(l is alias, alias)
l *= 2
print(l is alias, alias)
l *= 0
print(l is alias, alias)

s = {1, 2, 3}
alias = s
s |= {4}
s &= {1, 2, 4, 9}
s -= {1}
s ^= {2, 10}
print(s is alias, sorted(alias))

d = {"a": 1}
alias = d
d |= {"b": 2}
d |= {"a": 3}
print(d is alias, alias)

t = (1,)
other = t
t += (2,)
print(t is other, t, other)
x = "ab"
x *= 3
print(x)
n = 5
n **= 2
n //= 3
n <<= 2
n %= 7
n ^= 3
print(n)

class Acc:
    def __init__(self):
        self.items = []
    def __iadd__(self, other):
        self.items.append(other)
        return self
    def __isub__(self, other):
        return NotImplemented
    def __sub__(self, other):
        return "sub " + str(other)

a = Acc()
b = a
a += 1
a += 2
print(a is b, b.items)
a -= 5
print(a)

class OnlyAdd:
    def __init__(self, v):
        self.v = v
    def __add__(self, other):
        return OnlyAdd(self.v + other)

o = OnlyAdd(1)
p = o
o += 10
print(o is p, o.v, p.v)

def err(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ":", e)

def bad_list():
    l = [1]
    l += 5
err(bad_list)
def bad_set():
    s = {1}
    s |= [2]
err(bad_set)
def bad_dict():
    d = {}
    d |= [(1, 2)]
err(bad_dict)
def bad_obj():
    o = OnlyAdd(1)
    o -= 1
err(bad_obj)
def bad_mul():
    l = [1]
    l *= 2.5
err(bad_mul)
# Repetition counts beyond 64 bits.
def err_len(f):
    try:
        r = f()
        print(len(r) if hasattr(r, "__len__") else r)
    except Exception as e:
        print(type(e).__name__ + ":", e)
err_len(lambda: [] * 10**20)
err_len(lambda: [1] * -10**20)
err_len(lambda: [1] * 10**20)
err_len(lambda: "ab" * 3)
err_len(lambda: 3 * (1, 2))
def imul(n):
    l = [1, 2]
    l *= n
    return l
err_len(lambda: imul(10**20))
err_len(lambda: imul(-10**20))
err_len(lambda: imul(3))
def imul_empty():
    l = []
    l *= 10**20
    return l
err_len(imul_empty)
