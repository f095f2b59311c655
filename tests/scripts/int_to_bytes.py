# oracle: python3
# int.to_bytes (lengths, byte orders, signed, overflow) and random's randbytes.
print((258).to_bytes(3, "little"), (0).to_bytes(0, "little"), (255).to_bytes(), (1024).to_bytes(2))
print((-1).to_bytes(2, "big", signed=True), (-128).to_bytes(1, "big", signed=True), (127).to_bytes(1, "little", signed=True))
print((2**70).to_bytes(9, "little"), (-2**70).to_bytes(10, "big", signed=True), (0).to_bytes(1, "big", signed=True))
for args in [(256, 1), (-1, 1), (128, 1, True), (-129, 1, True)]:
    try:
        n, l = args[0], args[1]
        print(n.to_bytes(l, "big", signed=len(args) > 2))
    except OverflowError as e:
        print("OverflowError:", e)
try:
    (1).to_bytes(1, "middle")
except ValueError as e:
    print(e)
import random
r = random.Random(5)
print(r.getrandbits(16), r.getrandbits(40).to_bytes(5, "little"))
print(r.randbytes(7), r.randbytes(0))
random.seed(3)
print(random.randbytes(5), random.random())
