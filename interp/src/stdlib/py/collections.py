"""collections: deque, defaultdict, OrderedDict, Counter and namedtuple, written for floe.

defaultdict, OrderedDict and Counter derive from dict. Every object made here is an
ordinary mutable object in the caller's region, like a list.
"""


class deque:
    """A double-ended queue: a list whose live items start at index _head, so that
    popleft and appendleft are amortised O(1)."""

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError("an integer is required")
            if maxlen < 0:
                raise ValueError("maxlen must be non-negative")
        self._items = []
        self._head = 0
        self._maxlen = maxlen
        self.extend(iterable)

    @property
    def maxlen(self):
        return self._maxlen

    def _live(self):
        return self._items[self._head:]

    def append(self, x):
        if self._maxlen is None:
            self._items.append(x)
            return
        if len(self._items) - self._head >= self._maxlen:
            if self._maxlen == 0:
                return
            self.popleft()
        self._items.append(x)

    def appendleft(self, x):
        if self._maxlen is not None and len(self._items) - self._head >= self._maxlen:
            if self._maxlen == 0:
                return
            self._items.pop()
        if self._head == 0:
            room = max(8, len(self._items))
            self._items = [None] * room + self._items
            self._head = room
        self._head -= 1
        self._items[self._head] = x

    def pop(self):
        if len(self._items) == self._head:
            raise IndexError("pop from an empty deque")
        x = self._items.pop()
        if len(self._items) == self._head:
            self._items = []
            self._head = 0
        return x

    def popleft(self):
        items = self._items
        head = self._head
        if head == len(items):
            raise IndexError("pop from an empty deque")
        x = items[head]
        items[head] = None
        head += 1
        if head > 16 and head * 2 >= len(items):
            # Drop the dead prefix once it is at least half the list (amortised O(1)).
            del items[:head]
            head = 0
        self._head = head
        return x

    def extend(self, iterable):
        if iterable is self:
            iterable = self._live()
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        if iterable is self:
            iterable = self._live()
        for x in iterable:
            self.appendleft(x)

    def clear(self):
        self._items = []
        self._head = 0

    def copy(self):
        return deque(self._live(), self._maxlen)

    def __copy__(self):
        return self.copy()

    def count(self, x):
        return self._live().count(x)

    def index(self, x, start=0, stop=None):
        live = self._live()
        if stop is None:
            stop = len(live)
        for i in range(len(live))[start:stop]:
            if live[i] == x:
                return i
        raise ValueError(repr(x) + " is not in deque")

    def insert(self, i, x):
        if self._maxlen is not None and len(self) >= self._maxlen:
            raise IndexError("deque already at its maximum size")
        live = self._live()
        live.insert(i, x)
        self._items = live
        self._head = 0

    def remove(self, x):
        live = self._live()
        for i in range(len(live)):
            if live[i] == x:
                del self[i]
                return
        raise ValueError(repr(x) + " is not in deque")

    def reverse(self):
        live = self._live()
        live.reverse()
        self._items = live
        self._head = 0

    def rotate(self, n=1):
        size = len(self)
        if size <= 1:
            return
        n = n % size
        if n:
            live = self._live()
            self._items = live[size - n:] + live[:size - n]
            self._head = 0

    def _index(self, i):
        if not isinstance(i, int):
            raise TypeError("sequence index must be integer, not '" + type(i).__name__ + "'")
        size = len(self._items) - self._head
        if i < 0:
            i += size
        if i < 0 or i >= size:
            raise IndexError("deque index out of range")
        return self._head + i

    def __getitem__(self, i):
        return self._items[self._index(i)]

    def __setitem__(self, i, x):
        self._items[self._index(i)] = x

    def __delitem__(self, i):
        del self._items[self._index(i)]

    def __len__(self):
        return len(self._items) - self._head

    def __bool__(self):
        return len(self._items) > self._head

    def __iter__(self):
        return iter(self._live())

    def __reversed__(self):
        live = self._live()
        live.reverse()
        return iter(live)

    def __contains__(self, x):
        return x in self._live()

    def __eq__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._live() == other._live()

    def __lt__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._live() < other._live()

    def __le__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._live() <= other._live()

    def __gt__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._live() > other._live()

    def __ge__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._live() >= other._live()

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError('can only concatenate deque (not "' + type(other).__name__ + '") to deque')
        return deque(self._live() + other._live(), self._maxlen)

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, n):
        return deque(self._live() * n, self._maxlen)

    def __repr__(self):
        if self._maxlen is None:
            return "deque(" + repr(self._live()) + ")"
        return "deque(" + repr(self._live()) + ", maxlen=" + str(self._maxlen) + ")"


class defaultdict(dict):
    """A dict that calls default_factory() for a missing key and keeps the result."""

    def __init__(self, default_factory=None, *args, **kwds):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        super().__init__(*args, **kwds)
        self.default_factory = default_factory

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self[key] = value
        return value

    def copy(self):
        return defaultdict(self.default_factory, self)

    def __copy__(self):
        return self.copy()

    def __repr__(self):
        return "defaultdict(" + repr(self.default_factory) + ", " + dict.__repr__(self) + ")"


class OrderedDict(dict):
    """A dict that remembers insertion order, with move_to_end and popitem(last=)."""

    def move_to_end(self, key, last=True):
        value = self.pop(key)
        if last:
            self[key] = value
            return
        rest = list(self.items())
        self.clear()
        self[key] = value
        for k, v in rest:
            self[k] = v

    def popitem(self, last=True):
        if not self:
            raise KeyError("dictionary is empty")
        if last:
            return super().popitem()
        key = next(iter(self))
        return (key, self.pop(key))

    def copy(self):
        return OrderedDict(self)

    def __copy__(self):
        return self.copy()

    @classmethod
    def fromkeys(cls, iterable, value=None):
        new = cls()
        for key in iterable:
            new[key] = value
        return new

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return dict.__eq__(self, other) and list(self) == list(other)
        return dict.__eq__(self, other)

    def __ne__(self, other):
        return not self == other

    def __repr__(self):
        if not self:
            return "OrderedDict()"
        return "OrderedDict(" + repr(list(self.items())) + ")"


class Counter(dict):
    """A dict of counts: a missing key counts 0."""

    def __init__(self, iterable=None, **kwds):
        super().__init__()
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def total(self):
        return sum(self.values())

    def most_common(self, n=None):
        ranked = sorted(self.items(), key=_count_of, reverse=True)
        if n is None:
            return ranked
        return ranked[:max(n, 0)]

    def elements(self):
        out = []
        for elem, count in self.items():
            out.extend([elem] * count)
        return iter(out)

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError(
            "Counter.fromkeys() is undefined.  Use Counter(iterable) instead.")

    def _add_counts(self, iterable, sign):
        if isinstance(iterable, dict):
            for elem, count in iterable.items():
                self[elem] = self.get(elem, 0) + sign * count
        else:
            for elem in iterable:
                self[elem] = self.get(elem, 0) + sign

    def update(self, iterable=None, **kwds):
        if iterable is not None:
            self._add_counts(iterable, 1)
        if kwds:
            self._add_counts(kwds, 1)

    def subtract(self, iterable=None, **kwds):
        if iterable is not None:
            self._add_counts(iterable, -1)
        if kwds:
            self._add_counts(kwds, -1)

    def copy(self):
        return Counter(self)

    def __copy__(self):
        return self.copy()

    def __delitem__(self, elem):
        if elem in self:
            super().__delitem__(elem)

    def __eq__(self, other):
        if not isinstance(other, Counter):
            return dict.__eq__(self, other)
        for c in (self, other):
            for e in c:
                if self[e] != other[e]:
                    return False
        return True

    def __ne__(self, other):
        return not self == other

    def __repr__(self):
        if not self:
            return "Counter()"
        parts = []
        for elem, count in self.most_common():
            parts.append(repr(elem) + ": " + repr(count))
        return "Counter({" + ", ".join(parts) + "})"

    def _combine(self, other, op):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        if op == "+" or op == "-":
            sign = 1 if op == "+" else -1
            for elem, count in self.items():
                count = count + sign * other[elem]
                if count > 0:
                    result[elem] = count
            for elem, count in other.items():
                if elem not in self and sign * count > 0:
                    result[elem] = sign * count
        elif op == "|":
            for elem, count in self.items():
                count = max(count, other[elem])
                if count > 0:
                    result[elem] = count
            for elem, count in other.items():
                if elem not in self and count > 0:
                    result[elem] = count
        else:
            for elem, count in self.items():
                count = min(count, other[elem])
                if count > 0:
                    result[elem] = count
        return result

    def __add__(self, other):
        return self._combine(other, "+")

    def __sub__(self, other):
        return self._combine(other, "-")

    def __or__(self, other):
        return self._combine(other, "|")

    def __and__(self, other):
        return self._combine(other, "&")

    def _keep_positive(self):
        for elem in [e for e, count in self.items() if not count > 0]:
            del self[elem]
        return self

    def __iadd__(self, other):
        for elem, count in other.items():
            self[elem] = self[elem] + count
        return self._keep_positive()

    def __isub__(self, other):
        for elem, count in other.items():
            self[elem] = self[elem] - count
        return self._keep_positive()

    def __ior__(self, other):
        for elem, count in other.items():
            if count > self[elem]:
                self[elem] = count
        return self._keep_positive()

    def __iand__(self, other):
        for elem, count in self.items():
            if other[elem] < count:
                self[elem] = other[elem]
        return self._keep_positive()

    def __neg__(self):
        result = Counter()
        for elem, count in self.items():
            if count < 0:
                result[elem] = -count
        return result


def _count_of(item):
    return item[1]


class _TupleBase:
    """What every namedtuple class shares: a tuple of values in self._values."""

    def __len__(self):
        return len(self._values)

    def __iter__(self):
        return iter(self._values)

    def __getitem__(self, i):
        return self._values[i]

    def __contains__(self, x):
        return x in self._values

    def __hash__(self):
        return hash(self._values)

    def __eq__(self, other):
        return self._values == _tuple_of(other)

    def __ne__(self, other):
        return self._values != _tuple_of(other)

    def __lt__(self, other):
        return self._values < _tuple_of(other)

    def __le__(self, other):
        return self._values <= _tuple_of(other)

    def __gt__(self, other):
        return self._values > _tuple_of(other)

    def __ge__(self, other):
        return self._values >= _tuple_of(other)

    def __add__(self, other):
        return self._values + _tuple_of(other)

    def count(self, x):
        return self._values.count(x)

    def index(self, x):
        return self._values.index(x)

    def _asdict(self):
        return dict(zip(self._fields, self._values))

    def _replace(self, **kwds):
        values = []
        for name in self._fields:
            if name in kwds:
                values.append(kwds.pop(name))
            else:
                values.append(getattr(self, name))
        if kwds:
            raise ValueError("Got unexpected field names: " + repr(list(kwds)))
        return self._make(values)

    def __repr__(self):
        parts = []
        for name, value in zip(self._fields, self._values):
            parts.append(name + "=" + repr(value))
        return type(self).__name__ + "(" + ", ".join(parts) + ")"


def _tuple_of(v):
    if isinstance(v, _TupleBase):
        return v._values
    return v


def _field_getter(i):
    return property(lambda self: self._values[i])


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    """A new class of tuples whose items are also attributes named by field_names."""
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    field_names = [str(name) for name in field_names]
    typename = str(typename)
    if rename:
        seen = set()
        for index, name in enumerate(field_names):
            if (not _isidentifier(name) or _iskeyword(name)
                    or name.startswith("_") or name in seen):
                field_names[index] = "_" + str(index)
            seen.add(name)
    for name in [typename] + field_names:
        if not isinstance(name, str):
            raise TypeError("Type names and field names must be strings")
        if not _isidentifier(name):
            raise ValueError("Type names and field names must be valid identifiers: " + repr(name))
        if _iskeyword(name):
            raise ValueError("Type names and field names cannot be a keyword: " + repr(name))
    seen = set()
    for name in field_names:
        if name.startswith("_") and not rename:
            raise ValueError("Field names cannot start with an underscore: " + repr(name))
        if name in seen:
            raise ValueError("Encountered duplicate field name: " + repr(name))
        seen.add(name)
    fields = tuple(field_names)
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(fields):
            raise TypeError("Got more default values than field names")
        field_defaults = dict(zip(fields[len(fields) - len(defaults):], defaults))
    count = len(fields)

    class _Tuple(_TupleBase):
        @classmethod
        def _make(cls, iterable):
            values = tuple(iterable)
            if len(values) != count:
                raise TypeError("Expected " + str(count) + " arguments, got " + str(len(values)))
            return cls(*values)

    # __init__ is made from source, as CPython makes __new__: its signature is the
    # fields', so a wrong call gets the interpreter's (CPython's) argument errors.
    ns = {}
    params = ["_self"]
    for name in fields:
        if name in field_defaults:
            ns["_dflt_" + name] = field_defaults[name]
            params.append(name + "=_dflt_" + name)
        else:
            params.append(name)
    values = "".join([name + ", " for name in fields])
    exec("def __init__(" + ", ".join(params) + "):\n    _self._values = (" + values + ")\n",
         ns)
    init = ns["__init__"]
    init.__qualname__ = typename + ".__new__"
    _Tuple.__init__ = init

    _Tuple.__name__ = typename
    _Tuple.__qualname__ = typename
    _Tuple._fields = fields
    _Tuple._field_defaults = field_defaults
    for index, name in enumerate(fields):
        setattr(_Tuple, name, _field_getter(index))
    return _Tuple


_KEYWORDS = (
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield",
)


def _isidentifier(name):
    # str.isidentifier, for the letters, digits and underscores of ASCII and beyond.
    if not name or not (name[0].isalpha() or name[0] == "_"):
        return False
    for ch in name:
        if not (ch.isalnum() or ch == "_"):
            return False
    return True


def _iskeyword(name):
    return name in _KEYWORDS


# `collections.abc` is a submodule: bound here, before the module freezes.
from . import abc
