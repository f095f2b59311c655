"""enum: Enum, IntEnum, StrEnum, auto and unique, written for floe.

floe has no metaclasses: an enum class is an ordinary class whose members are made by
Enum.__init_subclass__ when the class statement ends, and whose class-level protocol
(for m in Color, len(Color), m in Color, Color['RED']) comes from the special methods of
the class its __metaclass__ attribute names (RFC-0006 §9). Color(1) finds a member
through Enum.__new__. The members are ordinary mutable objects in the caller's region,
like the class.
"""


class auto:
    """A member value to be filled in: one more than the largest value so far (1 first)."""

    def __init__(self, value=None):
        self.value = value


class EnumType:
    """The stand-in metaclass: these special methods apply to an enum class itself."""

    def __iter__(cls):
        return iter([cls._member_map_[name] for name in cls._member_names_])

    def __len__(cls):
        return len(cls._member_names_)

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError("unsupported operand type(s) for 'in': '" + type(member).__name__
                            + "' and 'EnumType'")
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __getitem__(cls, name):
        return cls._member_map_[name]


EnumMeta = EnumType

# The special and internal names an enum class body may define without making members.
_NOT_MEMBERS = ("function", "classmethod", "staticmethod", "property", "builtin_function_or_method",
                "method")


def _is_member_name(name):
    if len(name) > 4 and name[:2] == "__" and name[-2:] == "__":
        return False
    if len(name) > 2 and name[0] == "_" and name[-1] == "_":
        return False
    return True


def _enum_repr(cls):
    return "<enum '" + cls.__name__ + "'>"


# Whether object.__new__ makes a bare instance (with subclassing of built-in types);
# without it, Enum.__new__ is not consulted and calling the class makes one.
_OBJECT_NEW = hasattr(object, "__new__")


def _make_member(cls):
    """A new instance of cls that is not yet a member (no __init__ runs)."""
    if _OBJECT_NEW:
        return object.__new__(cls)
    cls._creating_ = True
    try:
        return cls()
    finally:
        cls._creating_ = False


def _user_init(cls):
    init = getattr(cls, "__init__", None)
    if init is None or type(init).__name__ != "function":
        return None
    return init


def _setup(cls):
    if getattr(cls, "_member_names_", None):
        raise TypeError(_enum_repr(cls) + " cannot extend " + _enum_repr(_enum_base(cls)))
    namespace = cls.__dict__
    names = []
    members = {}
    by_value = {}
    last_values = []
    cls._member_names_ = names
    cls._member_map_ = members
    cls._value2member_map_ = by_value
    init = _user_init(cls)
    for name in namespace:
        value = namespace[name]
        if not _is_member_name(name) or type(value).__name__ in _NOT_MEMBERS:
            continue
        if isinstance(value, auto):
            if value.value is None:
                value.value = cls._generate_next_value_(name, 1, len(names), list(last_values))
            value = value.value
        last_values.append(value)
        alias = _lookup(cls, value)
        if alias is not None:
            members[name] = alias
            setattr(cls, name, alias)
            continue
        member = _make_member(cls)
        member._name_ = name
        member._value_ = cls._member_value_(value)
        if init is not None:
            init(member, *(value if isinstance(value, tuple) else (value,)))
        names.append(name)
        members[name] = member
        by_value[_key(member._value_)] = member
        setattr(cls, name, member)
    cls.__members__ = dict(members)


def _enum_base(cls):
    for name in cls._member_names_:
        return type(cls._member_map_[name])
    return cls


def _key(value):
    # Values that cannot be dict keys are found by a scan instead.
    try:
        hash(value)
    except TypeError:
        return _Unhashable(value)
    return value


class _Unhashable:
    def __init__(self, value):
        self.value = value


def _lookup(cls, value):
    try:
        hash(value)
    except TypeError:
        for member in cls._value2member_map_.values():
            if member._value_ == value:
                return member
        return None
    return cls._value2member_map_.get(value)


class Enum:
    """Members are the class attributes of a subclass; each has a name and a value."""

    __metaclass__ = EnumType

    def __init_subclass__(cls, **kwds):
        _setup(cls)

    def __new__(cls, *args):
        if cls.__dict__.get("_creating_"):
            return object.__new__(cls)
        if len(args) != 1:
            raise TypeError("EnumType.__call__() missing 1 required positional argument: 'value'")
        value = args[0]
        if isinstance(value, cls):
            return value
        member = _lookup(cls, value)
        if member is None:
            raise ValueError(repr(value) + " is not a valid " + cls.__name__)
        return member

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not last_values:
            return start
        try:
            last = sorted(last_values)[-1]
        except TypeError:
            raise TypeError("unable to sort non-numeric values")
        try:
            return last + 1
        except TypeError:
            raise TypeError("unable to increment " + repr(last))

    @classmethod
    def _member_value_(cls, value):
        return value

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

    def __repr__(self):
        return "<" + type(self).__name__ + "." + self._name_ + ": " + repr(self._value_) + ">"

    def __str__(self):
        return type(self).__name__ + "." + self._name_

    def __format__(self, spec):
        return format(str(self), spec)

    def __hash__(self):
        return hash(self._name_)


class IntEnum(Enum):
    """An Enum whose members are ints: they compare, hash and compute as their values."""

    @classmethod
    def _member_value_(cls, value):
        if not isinstance(value, int):
            raise TypeError("int() argument must be a string, a bytes-like object or a "
                            "real number, not '" + type(value).__name__ + "'")
        return int(value)

    def __str__(self):
        return str(self._value_)

    def __format__(self, spec):
        return format(self._value_, spec)

    def __int__(self):
        return self._value_

    def __index__(self):
        return self._value_

    def __hash__(self):
        return hash(self._value_)

    def __eq__(self, other):
        return self._value_ == _int_of(other)

    def __ne__(self, other):
        return self._value_ != _int_of(other)

    def __lt__(self, other):
        return self._value_ < _int_of(other)

    def __le__(self, other):
        return self._value_ <= _int_of(other)

    def __gt__(self, other):
        return self._value_ > _int_of(other)

    def __ge__(self, other):
        return self._value_ >= _int_of(other)

    def __add__(self, other):
        return self._value_ + _int_of(other)

    def __radd__(self, other):
        return other + self._value_

    def __sub__(self, other):
        return self._value_ - _int_of(other)

    def __rsub__(self, other):
        return other - self._value_

    def __mul__(self, other):
        return self._value_ * _int_of(other)

    def __rmul__(self, other):
        return other * self._value_

    def __floordiv__(self, other):
        return self._value_ // _int_of(other)

    def __truediv__(self, other):
        return self._value_ / _int_of(other)

    def __mod__(self, other):
        return self._value_ % _int_of(other)

    def __neg__(self):
        return -self._value_

    def __and__(self, other):
        return self._value_ & _int_of(other)

    def __or__(self, other):
        return self._value_ | _int_of(other)


def _int_of(v):
    if isinstance(v, IntEnum):
        return v._value_
    return v


class StrEnum(Enum):
    """An Enum whose members are strs; str() of a member is its value."""

    @classmethod
    def _member_value_(cls, value):
        if not isinstance(value, str):
            raise TypeError(repr(value) + " is not a string")
        return value

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()

    def __str__(self):
        return self._value_

    def __format__(self, spec):
        return format(self._value_, spec)

    def __hash__(self):
        return hash(self._value_)

    def __eq__(self, other):
        if isinstance(other, StrEnum):
            other = other._value_
        return self._value_ == other


def unique(enumeration):
    """A class decorator refusing an enum with aliases (two names for one value)."""
    duplicates = []
    for name in enumeration.__members__:
        member = enumeration.__members__[name]
        if member._name_ != name:
            duplicates.append(name + " -> " + member._name_)
    if duplicates:
        raise ValueError("duplicate values found in " + _enum_repr(enumeration) + ": "
                         + ", ".join(duplicates))
    return enumeration
