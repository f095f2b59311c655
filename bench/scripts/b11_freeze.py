# B11: build an object graph and freeze it (CPython's peer makes a deep copy instead:
# the immutable snapshot it can offer).
N = 100000
try:
    from floe import freeze
except ImportError:
    import copy
    freeze = copy.deepcopy

records = []
for i in range(N // 10):
    records.append({"id": i, "tags": ["t" + str(i % 7), "u"], "pos": [i, i + 1]})
snapshot = freeze(records)
print(len(snapshot))
