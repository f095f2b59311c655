# oracle: python3
# Review fixes: NaN is unordered (also inside sequences, which compare items by identity
# first), an augmented operator's error names +=, ranges longer than 2**63 index and slice.
nan = float("nan")
print(nan <= 1, nan >= 1, nan < 1, 1 <= nan, [nan] <= [1], (1, nan) >= (1, 2), nan == nan, [nan] == [nan])
x = 5
try:
    x += "a"
except TypeError as e:
    print(e)
s = "a"
try:
    s += 1
except TypeError as e:
    print(e)
r = range(-2**63, 2**63 - 1)
print(r[::2**62], r[-1])
print(len(range(0, 10**18, 3)))
n = float("nan")
print(n is n, [n] == [n], n in [n], {n: 1}.get(n))
