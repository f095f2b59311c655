# Classic B11: generator pipelines — the idioms of pyperformance's `generators` and
# `coroutines` benchmarks, written as one toy log analysis: a source generator of
# records, stages that filter, map and window them, a recursive `yield from` tree walk,
# and a coroutine fed with `send`.
# Exercises: generator functions, generator expressions, `yield from` (with return
# values), `send`, lazy consumption by sum/max/any/zip/enumerate, early `break`.
# N is the number of times the whole analysis runs; each pushes ~a million items
# through the stages at N = 5.
N = 5


def records(n, seed):
    x = seed
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        yield i, x % 7, x % 1000


def only(kind, rows):
    for row in rows:
        if row[1] == kind:
            yield row


def values(rows):
    return (row[2] for row in rows)


def windows(xs, size):
    window = []
    for x in xs:
        window.append(x)
        if len(window) == size:
            yield sum(window) / size
            window = window[1:]


class Node:
    def __init__(self, value, left=None, right=None):
        self.value = value
        self.left = left
        self.right = right


def build(depth, value):
    if depth == 0:
        return Node(value)
    return Node(value, build(depth - 1, 2 * value), build(depth - 1, 2 * value + 1))


def walk(node):
    if node is None:
        return 0
    count = yield from walk(node.left)
    yield node.value
    count += yield from walk(node.right)
    return count + 1


def running_mean():
    total = 0.0
    n = 0
    mean = None
    while True:
        x = yield mean
        if x is None:
            return n
        total += x
        n += 1
        mean = total / n


def analyse(seed):
    n = 40000
    kinds = [sum(1 for _ in only(k, records(n, seed))) for k in range(7)]
    biggest = max(values(only(3, records(n, seed))))
    smooth = max(windows(values(records(n, seed)), 8))
    pairs = sum(a * b for a, b in zip(values(records(5000, seed)), values(records(5000, seed + 1))))
    first_big = next(i for i, kind, v in records(n, seed) if v > 995)
    has_zero = any(v == 0 for _, _, v in records(n, seed))
    tree = build(10, 1)
    total = 0
    walker = walk(tree)
    try:
        while True:
            total += next(walker)
    except StopIteration as stop:
        nodes = stop.value
    mean = running_mean()
    next(mean)
    for v in values(records(20000, seed)):
        m = mean.send(v)
    try:
        mean.send(None)
    except StopIteration as stop:
        fed = stop.value
    labelled = [(i, v) for i, v in enumerate(values(only(0, records(2000, seed)))) if i % 50 == 0]
    for i, v in enumerate(records(n, seed)):
        if i > 100 and v[2] < 3:
            break
    return kinds, biggest, round(smooth, 3), pairs, first_big, has_zero, total, nodes, round(m, 6), fed, labelled[:3], i


for seed in range(N):
    result = analyse(seed)
print(result)
