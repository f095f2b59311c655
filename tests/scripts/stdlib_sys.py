# oracle: python3
# The sys module's additions (issue #16): maxsize, version_info, platform, byteorder,
# stdout and stderr objects with write, and exit raising SystemExit (whose status, when
# uncaught, ends the run).
import sys

print(sys.maxsize, sys.maxsize == 2**63 - 1, sys.version_info >= (3, 8), sys.version_info[:2])
print(sys.platform, sys.byteorder, isinstance(sys.version, str), sys.getrecursionlimit())
n = sys.stdout.write("written directly\n")
print(n, sys.stdout.flush(), sys.stderr.write(""), sys.intern("abc"))
for code in [None, 0, 3, "message", True]:
    try:
        if code is None:
            sys.exit()
        sys.exit(code)
    except SystemExit as e:
        print("SystemExit", repr(e.code), e.args, isinstance(e, BaseException), isinstance(e, Exception))
try:
    sys.exit(1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    sys.stdout.write(5)
except TypeError as e:
    print("TypeError", e)
try:
    try:
        sys.exit(4)
    finally:
        print("finally runs")
except SystemExit as e:
    print("caught", e.code)
print("before exit")
sys.exit(7)
print("never")
