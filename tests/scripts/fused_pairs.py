# oracle: python3
# The most frequent instruction pairs fused into one (issue #13): two local reads, a
# local read and a constant, a store and the next read, a loop's jump back with its
# next value. Each does exactly what the two instructions do — an unbound local is the
# same error at the same line — and a jump may land on the second of the pair.


def pairs(a, b):
    c = a + b  # store, then the next statement's read
    d = c * 2
    e = (a, b, c, d)
    big = 10**30 + a  # a constant that is not an immediate
    t = a, (1, 2)  # a tuple constant
    return e, big, t, a - 1, b - 1.5, c == 3


def unbound_second(flag):
    if flag:
        y = 1
    x = 2
    return x + y  # `y` is the second read of a fused pair


def unbound_after_store(flag):
    if flag:
        y = 1
    x = 2
    print(y)  # the store of x is fused with this read
    return x


def loops(xs):
    total = 0
    for x in xs:  # list iteration: the jump back runs the next step itself
        if x % 3 == 0:
            continue  # a jump back too
        total += x
    for k, v in {"a": 1, "b": 2}.items():  # a loop that unpacks
        total += v
    for g in (i * i for i in range(5)):  # a generator: Python code per step
        total += g
    i = 0
    while i < 4:  # a jump lands on the read after the store
        i = i + 1
        total = total + i
    return total


def gen_in_loop():
    for x in range(3):
        yield x
        yield x * 10


def nested(n):
    out = []
    for i in range(n):
        for j in range(i):
            out.append((i, j))
        else:
            out.append(i)
    return out


print(pairs(1, 2))
print(loops(list(range(10))))
print(list(gen_in_loop()))
print(nested(4))
for f in (unbound_second, unbound_after_store):
    try:
        f(False)
    except UnboundLocalError as e:
        print(type(e).__name__, e)
    print(f(True))
