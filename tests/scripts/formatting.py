# oracle: python3
# Float formatting, rounding and slicing details the classic-program suite found (checked against
# CPython): the sign of -0.0, the general format `g`, the format with no type letter,
# non-finite values, and slices of strings, lists and tuples.
nan = float("nan")
inf = float("inf")
print("%.3f" % -0.0, "%e" % -0.0, f"{-0.0:.2f}", f"{-0.0}")
print("%g" % 1234567.0, "%.3g" % 3.14159, f"{1234567.0:.4g}", f"{0.0001234:g}")
print(f"{3.0:.3}", f"{1234567.0:.4}", f"{2.5:g}", "%g" % 100000.0, "%g" % 1e-5)
print("%10.4g|" % 3.14159, "%-8g|" % 0.5, "%g" % 0.0, f"{-1.5:.2}")
print("%f|%F|%e|%g" % (inf, -inf, nan, inf), f"{inf:.2f}", f"{nan:g}")
words = ["ab", "cd"] * 4
print(words[1:4], words[::3], words[-2:], words[5:1:-2], (1, 2, 3, 4)[1::2])
print("héllo"[1:3], "hello"[::-2], "hello"[10:], "hello"[-3:-1])
# round() and int() of floats: correctly rounded digits (ties to even), large floats
# unchanged and exact, integers rounded as integers.
print(round(-9.75769734941423e+17, 3), round(2.675, 2), round(0.5), round(1.5), round(-2.5), round(1e20))
print(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(7, 1), round(123.456, -1), round(0.125, 2), round(3.14159, 0))
print(int(1e20), int(-2.5e19), int(3.9), round(2**70, -3))
for bad in (float("inf"), float("nan")):
    try:
        round(bad)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
