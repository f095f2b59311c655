# oracle: python3
# Two-argument builtins are called straight from the stack (issue #13); called any other
# way they refuse in CPython's words; issubclass takes nested tuples of classes.
for f in (isinstance, issubclass, hasattr, divmod, delattr):
    for args in ((), (1,), (1, 2, 3)):
        try:
            f(*args)
        except TypeError as e:
            print(e)
    try:
        f(a=1, b=2)
    except TypeError as e:
        print(e)
class A: pass
a = A()
a.x = 1
print(isinstance(a, A), isinstance(1, (str, int)), issubclass(bool, int), hasattr(a, "x"), divmod(7, 2))
delattr(a, "x")
print(hasattr(a, "x"), len("abc"), abs(-2))
try:
    issubclass(1, int)
except TypeError as e:
    print(e)
print(issubclass(bool, (str, int)), issubclass(bool, (str, (float, int))), issubclass(int, ()), issubclass(A, (int, (str,))))
try:
    issubclass(int, (str, 1))
except TypeError as e:
    print(e)
print(issubclass(str, (str, 1)))
