# oracle: python3
# hex, oct and bin of ints of any size and sign, bools, and what is not an int.
for n in [0, 1, -1, 255, -255, 2**63, -(2**63) - 1, 2**100 + 7, True, False]:
    # (The test transcript masks anything shaped like an address, so hex's prefix is
    # spelled out.)
    print(hex(n).replace("0x", "0x:"), oct(n), bin(n))
for bad in [1.5, "7", None, [1]]:
    try:
        hex(bad)
    except TypeError as e:
        print("TypeError", e)
print(int(hex(2**70), 16) == 2**70, int(bin(-5), 2), int(oct(64), 0))
# A negated numeric literal is one constant (folded as CPython folds it); a negation or
# inversion of an int at run time stays exact at the ends of the 64-bit range.
x = 5
print(-x, ~x, -(-9223372036854775807 - 1), ~(-9223372036854775808), -9223372036854775808)
print(-0.0, -(2**70), -(5), -(-5), -True, ~True, ~False, type(-9223372036854775808).__name__)
m = -9223372036854775807 - 1
print(-m, ~m, -(-m), ~~m == m)
