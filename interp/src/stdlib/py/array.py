"""array: typed arrays of numbers (and 'u' characters), written for floe.

An array keeps its items in a list after checking and converting each one as CPython's
C types would (the same TypeError and OverflowError messages; 'f' rounds to the nearest
32-bit float). It is an ordinary mutable object in the caller's region, like a list.
"""

import math

typecodes = "bBuhHiIlLqQfd"

_ITEMSIZE = {"b": 1, "B": 1, "u": 4, "h": 2, "H": 2, "i": 4, "I": 4, "l": 8, "L": 8,
             "q": 8, "Q": 8, "f": 4, "d": 8}

_LONG_MIN = -2 ** 63
_LONG_MAX = 2 ** 63 - 1
_ULONG_MAX = 2 ** 64 - 1


def _range_check(v, low, high, what):
    if v > high:
        raise OverflowError(what + " is greater than maximum")
    if v < low:
        raise OverflowError(what + " is less than minimum")


def _as_long(v):
    if not isinstance(v, int):
        raise TypeError("'" + type(v).__name__ + "' object cannot be interpreted as an integer")
    if v < _LONG_MIN or v > _LONG_MAX:
        raise OverflowError("Python int too large to convert to C long")
    return int(v)


def _as_unsigned(v, negative):
    if not isinstance(v, int):
        raise TypeError("'" + type(v).__name__ + "' object cannot be interpreted as an integer")
    if v < 0:
        raise OverflowError(negative)
    if v > _ULONG_MAX:
        raise OverflowError("Python int too large to convert to C unsigned long")
    return int(v)


def _float32(x):
    """x rounded to the nearest 32-bit float (ties to even), as C's (float) cast."""
    if x != x or x == 0.0 or x == math.inf or x == -math.inf:
        return x
    m, e = math.frexp(x)
    # 24 significant bits for normal floats (|x| >= 2**-126), fewer below.
    bits = 24 if e >= -125 else 24 - (-125 - e)
    if bits < 0:
        return math.copysign(0.0, x)
    y = round(m * 2.0 ** bits) * 2.0 ** (e - bits)
    if y == 0.0:
        return math.copysign(0.0, x)
    if abs(y) >= 2.0 ** 128:
        return math.copysign(math.inf, x)
    return y


def _convert(typecode, v):
    """v as an item of an array of typecode, or CPython's error."""
    if typecode == "d" or typecode == "f":
        if not isinstance(v, (int, float)):
            raise TypeError("must be real number, not " + type(v).__name__)
        v = float(v)
        return v if typecode == "d" else _float32(v)
    if typecode == "u":
        if not isinstance(v, str) or len(v) != 1:
            raise TypeError("array item must be unicode character")
        return v
    if typecode == "q" or typecode == "Q":
        if not isinstance(v, int):
            raise TypeError("'" + type(v).__name__
                            + "' object cannot be interpreted as an integer")
        if typecode == "Q" and v < 0:
            raise OverflowError("can't convert negative int to unsigned")
        if v < (_LONG_MIN if typecode == "q" else 0) or v > (
                _LONG_MAX if typecode == "q" else _ULONG_MAX):
            raise OverflowError("int too big to convert")
        return int(v)
    if typecode == "I" or typecode == "L":
        v = _as_unsigned(v, "can't convert negative value to unsigned int")
        if typecode == "I":
            _range_check(v, 0, 2 ** 32 - 1, "unsigned int")
        return v
    v = _as_long(v)
    if typecode == "b":
        _range_check(v, -32768, 32767, "signed short integer")
        _range_check(v, -128, 127, "signed char")
    elif typecode == "B":
        _range_check(v, 0, 255, "unsigned byte integer")
    elif typecode == "h":
        _range_check(v, -32768, 32767, "signed short integer")
    elif typecode == "H":
        _range_check(v, -2 ** 31, 2 ** 31 - 1, "signed integer")
        _range_check(v, 0, 65535, "unsigned short")
    elif typecode == "i":
        _range_check(v, -2 ** 31, 2 ** 31 - 1, "signed integer")
    return v


class array:
    """array(typecode[, initializer]): a list of items of one C type."""

    def __init__(self, typecode, initializer=None):
        if not isinstance(typecode, str) or len(typecode) != 1:
            raise TypeError("array() argument 1 must be a unicode character, not "
                            + type(typecode).__name__)
        if typecode not in _ITEMSIZE:
            raise ValueError("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)")
        self._typecode = typecode
        self._items = []
        if initializer is None:
            return
        if isinstance(initializer, str):
            if typecode != "u":
                raise TypeError("cannot use a str to initialize an array with typecode '"
                                + typecode + "'")
            self._items = list(initializer)
        elif isinstance(initializer, array):
            if initializer._typecode == "u" and typecode != "u":
                raise TypeError("cannot use a unicode array to initialize an array with typecode '"
                                + typecode + "'")
            self.extend(initializer._items)
        else:
            self.extend(initializer)

    @property
    def typecode(self):
        return self._typecode

    @property
    def itemsize(self):
        return _ITEMSIZE[self._typecode]

    def append(self, v):
        self._items.append(_convert(self._typecode, v))

    def extend(self, iterable):
        if isinstance(iterable, array):
            if iterable._typecode != self._typecode:
                raise TypeError("can only extend with array of same kind")
            self._items.extend(iterable._items)
            return
        items = [_convert(self._typecode, v) for v in iterable]
        self._items.extend(items)

    def fromlist(self, items):
        if not isinstance(items, list):
            raise TypeError("arg must be list")
        self.extend(items)

    def fromunicode(self, s):
        if self._typecode != "u":
            raise ValueError("fromunicode() may only be called on unicode type arrays")
        self._items.extend(list(s))

    def insert(self, i, v):
        self._items.insert(i, _convert(self._typecode, v))

    def pop(self, i=-1):
        if not self._items:
            raise IndexError("pop from empty array")
        size = len(self._items)
        if i < -size or i >= size:
            raise IndexError("pop index out of range")
        return self._items.pop(i)

    def remove(self, v):
        for i in range(len(self._items)):
            if self._items[i] == v:
                del self._items[i]
                return
        raise ValueError("array.remove(x): x not in array")

    def index(self, v):
        for i in range(len(self._items)):
            if self._items[i] == v:
                return i
        raise ValueError("array.index(x): x not in array")

    def count(self, v):
        return self._items.count(v)

    def reverse(self):
        self._items.reverse()

    def tolist(self):
        return list(self._items)

    def tounicode(self):
        if self._typecode != "u":
            raise ValueError("tounicode() may only be called on unicode type arrays")
        return "".join(self._items)

    def _index(self, i, what):
        if not isinstance(i, int):
            raise TypeError("array indices must be integers")
        size = len(self._items)
        if i < -size or i >= size:
            raise IndexError(what)
        return i

    def __getitem__(self, i):
        if isinstance(i, slice):
            copy = array(self._typecode)
            copy._items = self._items[i]
            return copy
        return self._items[self._index(i, "array index out of range")]

    def __setitem__(self, i, v):
        if isinstance(i, slice):
            if not isinstance(v, array):
                raise TypeError("can only assign array (not \"" + type(v).__name__
                                + "\") to array slice")
            if v._typecode != self._typecode:
                raise TypeError("bad argument type for built-in operation")
            self._items[i] = list(v._items)
            return
        self._items[self._index(i, "array assignment index out of range")] = _convert(
            self._typecode, v)

    def __delitem__(self, i):
        if isinstance(i, slice):
            del self._items[i]
            return
        del self._items[self._index(i, "array assignment index out of range")]

    def __len__(self):
        return len(self._items)

    def __bool__(self):
        return len(self._items) > 0

    def __iter__(self):
        return iter(list(self._items))

    def __reversed__(self):
        return iter(list(reversed(self._items)))

    def __contains__(self, v):
        return v in self._items

    def __eq__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._items == other._items

    def __lt__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._items < other._items

    def __le__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._items <= other._items

    def __gt__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._items > other._items

    def __ge__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._items >= other._items

    def __add__(self, other):
        if not isinstance(other, array):
            raise TypeError('can only append array (not "' + type(other).__name__
                            + '") to array')
        if other._typecode != self._typecode:
            raise TypeError("bad argument type for built-in operation")
        new = array(self._typecode)
        new._items = self._items + other._items
        return new

    def __iadd__(self, other):
        if not isinstance(other, array):
            raise TypeError('can only extend array with array (not "'
                            + type(other).__name__ + '")')
        self.extend(other)
        return self

    def __mul__(self, n):
        new = array(self._typecode)
        new._items = self._items * n
        return new

    def __rmul__(self, n):
        return self.__mul__(n)

    def __copy__(self):
        return array(self._typecode, self)

    def __repr__(self):
        if not self._items:
            return "array('" + self._typecode + "')"
        if self._typecode == "u":
            return "array('u', " + repr("".join(self._items)) + ")"
        return "array('" + self._typecode + "', " + repr(self._items) + ")"


ArrayType = array
