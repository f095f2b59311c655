# oracle: python3
# The collections module (issue #16): deque, defaultdict, OrderedDict, Counter and
# namedtuple, as CPython 3.11 prints them.
from collections import deque, defaultdict, OrderedDict, Counter, namedtuple
import collections

# deque
d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1], d[2])
print(d.pop(), d.popleft(), d)
d.extend([7, 8])
d.extendleft([-1, -2])
print(d, list(d), list(reversed(d)))
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
d[1] = 99
del d[0]
print(d, 99 in d, 100 in d, d.count(99), d.index(99))
d.remove(99)
d.insert(1, 'x')
print(d, bool(d), bool(deque()))
d.reverse()
print(d, d == deque(list(d)), d == list(d), deque([1, 2]) < deque([1, 3]))
d.clear()
print(d, len(d))
m = deque(range(10), maxlen=3)
print(m, m.maxlen, deque().maxlen)
m.append(10)
print(m)
m.appendleft(-1)
print(m)
m.extend(range(5))
print(m, deque([], maxlen=0), deque('abc'))
z = deque(maxlen=0)
z.append(1)
print(z, len(z))
print(deque([1]) + deque([2]), deque([1, 2]) * 2)
for exc_case in [lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([1])[5],
                 lambda: deque([1]).remove(2), lambda: deque(maxlen=-1)]:
    try:
        exc_case()
    except (IndexError, ValueError) as e:
        print(type(e).__name__, e)
q = deque()
total = 0
for i in range(1000):
    q.append(i)
    q.append(i + 1)
    total += q.popleft()
print(len(q), total, q[0], q[-1])
q = deque()
for i in range(100):
    q.appendleft(i)
print(len(q), q[0], q[-1], q.popleft(), q.pop())

# defaultdict
dd = defaultdict(list)
for k, v in [('a', 1), ('b', 2), ('a', 3)]:
    dd[k].append(v)
print(dd, dd['a'], len(dd), 'c' in dd, dd.get('c'), 'c' in dd)
counts = defaultdict(int)
for ch in "mississippi":
    counts[ch] += 1
print(counts, sorted(counts.items()), dict(counts.items()) == {'m': 1, 'i': 4, 's': 4, 'p': 2})
print(counts == {'m': 1, 'i': 4, 's': 4, 'p': 2}, list(counts.keys()), list(counts.values()))
nd = defaultdict(None, {'x': 1})
print(nd)
try:
    nd['y']
except KeyError as e:
    print('KeyError', e)
print(defaultdict(int, a=1), defaultdict(int).default_factory is int)
s = defaultdict(set)
s['k'].add(1)
print(s.setdefault('j', {2}), s.pop('j'), s)
del s['k']
print(s, len(s))

# OrderedDict
od = OrderedDict()
od['b'] = 1
od['a'] = 2
od['c'] = 3
print(od, list(od), od['a'])
od.move_to_end('b')
print(od)
od.move_to_end('b', last=False)
print(od)
print(od.popitem(), od.popitem(last=False), od)
print(OrderedDict(), OrderedDict([('x', 1), ('y', 2)]), OrderedDict(x=1))
o1 = OrderedDict([('x', 1), ('y', 2)])
o2 = OrderedDict([('y', 2), ('x', 1)])
print(o1 == o2, o1 == {'y': 2, 'x': 1}, o1 == o1.copy(), OrderedDict.fromkeys('ab', 0))
try:
    OrderedDict().popitem()
except KeyError as e:
    print('KeyError', e)
o1.update({'z': 3})
print(o1, o1.get('z'), o1.get('w', 0), list(o1.items()), list(reversed(o1)))

# Counter
c = Counter('abracadabra')
print(c, c['a'], c['z'], len(c))
print(c.most_common(), c.most_common(2), c.most_common(0))
print(sorted(c.elements()), c.total())
c.update('aaz')
print(c)
c.update({'b': 5})
c.subtract('abc')
print(c)
c.subtract({'z': 4})
print(c)
print(Counter(), Counter(a=2, b=1), Counter({'x': 3}))
a = Counter(a=3, b=1, c=0)
b = Counter(a=1, b=2, d=4)
print(a + b, a - b, a | b, a & b, -Counter(a=-2, b=1))
print(Counter(a=1) == Counter(a=1, b=0), Counter(a=1) == Counter(a=2), Counter(a=1) == {'a': 1})
words = "the quick brown fox jumps over the lazy dog the end".split()
wc = Counter(words)
print(wc.most_common(3), wc['the'], 'fox' in wc, 'cat' in wc)
del wc['the']
del wc['missing']
print(wc.most_common(2))
a += b
print(a)
a -= Counter(a=10)
print(a)

# namedtuple
Point = namedtuple('Point', ['x', 'y'])
p = Point(1, 2)
print(p, p.x, p.y, p[0], p[-1], len(p), list(p), Point._fields)
x, y = p
print(x, y, p == Point(1, 2), p == (1, 2), p != Point(2, 1), p < Point(1, 3), hash(p) == hash((1, 2)))
print(p._replace(x=10), p._asdict(), Point._make([5, 6]), Point(y=4, x=3))
P3 = namedtuple('P3', 'a b c', defaults=[0, 9])
print(P3(1), P3(1, 2), P3(1, 2, 3), P3._field_defaults, P3.__name__)
Pair = namedtuple('Pair', 'left, right')
print(Pair('l', 'r'), {Pair(1, 2): 'v'}[Pair(1, 2)], Pair(1, 2) in {Pair(1, 2)}, sorted([Pair(2, 1), Pair(1, 2)]))
R = namedtuple('R', ['ok', 'def', 'ok', '_x'], rename=True)
print(R._fields, R(1, 2, 3, 4))
print(collections.namedtuple('E', [])())
for bad in [lambda: Point(1), lambda: Point(1, 2, 3), lambda: Point(1, 2, z=3),
            lambda: Point(1, x=2), lambda: p._replace(z=1), lambda: Point._make([1]),
            lambda: namedtuple('B', ['x', 'x']), lambda: namedtuple('B', ['_x']),
            lambda: namedtuple('B', ['class']), lambda: namedtuple('B', ['1x']),
            lambda: namedtuple('P', 'a b', defaults=[1, 2, 3]),
            lambda: namedtuple('P', 'a b c')(1)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# The mappings are dicts.
cc = Counter("aab")
print(isinstance(cc, dict), isinstance(defaultdict(int), dict), isinstance(OrderedDict(), dict))
print(dict(cc), sorted(cc), {**cc}, cc.get('a'), cc.get('z'), list(reversed(OrderedDict(a=1, b=2))))
