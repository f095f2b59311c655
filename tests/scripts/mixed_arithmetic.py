# oracle: python3
# Int and float arithmetic done inline (issue #13) gives CPython's exact answers: an int
# meets a float exactly, true division rounds once, ** stays in ints or goes to C's pow,
# and what the inline path declines (overflow, zero division, big ints) still raises or
# answers as CPython does.
import math

big = 2**53 + 1
vals = [0, 1, -3, 7, 2**53, big, -big, 2**62, 0.0, -0.0, 0.5, -2.25, 1e300, math.inf]
ops = [
    ("+", lambda a, b: a + b),
    ("-", lambda a, b: a - b),
    ("*", lambda a, b: a * b),
    ("/", lambda a, b: a / b),
    ("**", lambda a, b: "skip" if abs(b) >= 64 or abs(a) >= 2**20 or (a < 0 and b != int(b)) else a ** b),
    ("<", lambda a, b: a < b),
    ("==", lambda a, b: a == b),
    (">=", lambda a, b: a >= b),
]
for name, f in ops:
    row = []
    for a in vals:
        for b in vals:
            try:
                r = f(a, b)
                row.append(repr(r))
            except (ZeroDivisionError, OverflowError) as e:
                row.append(type(e).__name__)
    print(name, " ".join(row))
print(1 / 3, 2 / 4, big / 3, 10**20 / 3, 7 / -2, -7 // 2, -7 % 3, 7.5 // 2, -7.5 % 2)
print(2 ** 10, 2 ** -1, (-2) ** 3, 2.0 ** 0.5, 0.5 ** 2, 1.5 ** 2, 2 ** 0.5, (-2.0) ** 2)
print(10.0 ** -400, 3 ** 0, 0 ** 0, 0.0 ** 0, 1.0 ** math.nan, math.nan ** 0)
for a, b in ((10.0, 400.0), (2, 10**5 // 1000), (0.0, -1.0)):
    try:
        print(a ** b)
    except (OverflowError, ZeroDivisionError) as e:
        print(type(e).__name__, e)
x = 1
x += 0.5
x *= 2
x /= 4
print(x, type(x).__name__, 3 < 3.5 < 4, 2**53 == 2.0**53, big == 2.0**53, big > 2.0**53)
# True division far from 1: huge and subnormal quotients, and one too large for a float.
print(1 / 10**320, 3 / 10**310, 10**400 / 10**100, -(10**30) / 7, (2**1100 + 1) / 2**1090)
try:
    print(10**400 / 3)
except OverflowError as e:
    print("OverflowError", e)
