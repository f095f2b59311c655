# oracle: python3
# Float formatting and slicing details the classic-program suite found (checked against
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
