# B11: dict and list churn — inserts, lookups, deletes, appends, pops, comprehensions.
N = 200000

d = {}
stack = []
hits = 0
for i in range(N):
    k = i % 5000
    if k in d:
        hits += d[k]
        del d[k]
    else:
        d[k] = i
    stack.append(i)
    if len(stack) > 100:
        stack.pop()
        stack.pop()
squares = [x * x for x in range(N // 10) if x % 3]
index = {x: str(x) for x in range(N // 20)}
print(hits, len(d), len(stack), len(squares), len(index))
