# oracle: python3
# The array module (issue #16): typed arrays, their conversions and CPython's errors.
import array
from array import array as A

a = A('i', [1, 2, 3])
a.append(4)
a.extend([5, 6])
a.extend(A('i', [7]))
print(a, len(a), a[0], a[-1], a.typecode, a.itemsize, a.tolist())
a[0] = 10
del a[1]
a.insert(0, -1)
print(a, a.pop(), a.pop(0), a, a.index(4), a.count(4), 4 in a, 99 in a)
a.remove(4)
a.reverse()
print(a, list(a), list(reversed(a)), sum(a), max(a))
print(A('d', [1, 2.5]), A('d'), A('b', [-128, 127]), A('B', [0, 255]), A('u', 'hi'))
print(A('l', [2**63 - 1, -2**63]), A('q', [-2**63]), A('Q', [2**64 - 1]), A('I', [2**32 - 1]))
print(A('f', [0.1, 1.5, 1e300, -1e300, 1e-40, 1e-46, 3.4028235e38, -0.0]))
print(A('f', [1 / 3, 2 / 3, 123456.789, 16777217.0, 1e-45, 7e-46]))
print(A('i', range(3)) == A('l', [0, 1, 2]), A('i', [1]) == [1], A('i', [1]) < A('i', [2]))
print(A('i', [1]) + A('i', [2]), A('h', [1, 2]) * 2, 2 * A('h', [3]), A('d', A('i', [1, 2])))
b = A('i', [1])
b += A('i', [2])
print(b, bool(b), bool(A('i')), array.typecodes, array.ArrayType is A)
b.fromlist([3, 4])
print(b, A('u', 'abc').tounicode(), A('i', [True, False]), A('d', [True]))
for tc in 'bBhHiIlLqQ':
    for v in [2**70, -2**70, 2**31, -2**31 - 1, 2**63, 2**64, 256, -1, 128, -129, 65536, 32768, -32769]:
        try:
            A(tc, [v])
        except OverflowError as e:
            print(tc, v, type(e).__name__, e)
for tc in 'bdfu':
    for v in [1.5, 'x', None, True, 3, 'xy']:
        try:
            print(tc, repr(v), A(tc, [v]))
        except TypeError as e:
            print(tc, repr(v), type(e).__name__, e)
c = A('i', [1])
for bad in [lambda: A('x'), lambda: c.extend(A('d', [1.0])), lambda: c + A('d'), lambda: c[5],
            lambda: c.__setitem__(5, 1), lambda: c.pop(5), lambda: A('i').pop(),
            lambda: c.remove(9), lambda: c.index(9), lambda: c + [1], lambda: c['x'],
            lambda: A('i', 5), lambda: A('i', 'ab'), lambda: c.append(1.5), lambda: c.append(2**40),
            lambda: c.__setitem__(0, 'x'), lambda: c.tounicode()]:
    try:
        bad()
    except (TypeError, ValueError, IndexError, OverflowError) as e:
        print(type(e).__name__, e)
print(c)
