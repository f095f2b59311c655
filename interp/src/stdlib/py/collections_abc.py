"""collections.abc for floe: the abstract base classes, by the methods they stand for.

floe has no metaclasses: each class's stand-in metaclass (its __metaclass__, RFC-0006
§9) makes `Iterator[int]` the class itself (annotations) and answers
`isinstance(x, Iterable)` as Python's ABCs do for a class that does not derive from the
ABC: by whether x's type has the methods the ABC names (`Hashable` by whether `hash(x)`
works, `Callable` by `callable(x)`). Deriving from an ABC works as for any class; `register` and the mixin methods
(`Mapping.get` from `__getitem__`, ...) are not there.
"""


# The built-in types by the methods they have (floe's built-in types answer hasattr
# for every special name, so the ABCs read this table for them).
_SIZED = frozenset(["list", "tuple", "str", "dict", "set", "frozenset", "range", "bytes",
                    "bytearray", "frozenlist", "frozendict"])
_ITERATORS = frozenset(["iterator", "generator", "map", "filter", "zip", "enumerate"])
_SEQUENCES = frozenset(["list", "tuple", "str", "range", "bytes", "bytearray", "frozenlist"])
_BUILTIN_METHODS = {
    "__iter__": _SIZED | _ITERATORS,
    "__next__": _ITERATORS,
    "__len__": _SIZED,
    "__contains__": _SIZED,
    "__getitem__": _SEQUENCES | frozenset(["dict", "frozendict"]),
    "__reversed__": frozenset(["list", "range", "dict"]),
    "index": _SEQUENCES,
    "count": _SEQUENCES,
    "__setitem__": frozenset(["list", "dict", "bytearray"]),
    "__delitem__": frozenset(["list", "dict", "bytearray"]),
    "insert": frozenset(["list", "bytearray"]),
    "append": frozenset(["list", "bytearray"]),
    "isdisjoint": frozenset(["set", "frozenset"]),
    "add": frozenset(["set"]),
    "discard": frozenset(["set"]),
    "keys": frozenset(["dict", "frozendict"]),
    "items": frozenset(["dict", "frozendict"]),
    "values": frozenset(["dict", "frozendict"]),
    "get": frozenset(["dict", "frozendict"]),
    "pop": frozenset(["list", "dict", "set", "bytearray"]),
    "send": frozenset(["generator"]),
    "throw": frozenset(["generator"]),
    "close": frozenset(["generator"]),
}
_BUILTINS = frozenset(["int", "float", "bool", "NoneType", "complex", "function",
                       "builtin_function_or_method", "method", "type", "object"]).union(
    *_BUILTIN_METHODS.values())


def _has(kind, method):
    """`True` if instances of `kind` have `method` (the table for built-in types)."""
    if kind.__name__ in _BUILTINS and "__module__" not in kind.__dict__:
        return kind.__name__ in _BUILTIN_METHODS.get(method, ())
    return hasattr(kind, method)


class ABCMeta:
    """The stand-in metaclass of every class here."""

    def __getitem__(cls, params):
        return cls

    def __instancecheck__(cls, obj):
        if cls._hashing:
            try:
                hash(obj)
                return True
            except TypeError:
                return False
        if cls._methods == ("__call__",):
            return callable(obj)
        kind = type(obj)
        for m in cls._methods:
            if not _has(kind, m):
                return False
        return True


class _ABC:
    """What every class here shares: the stand-in metaclass, and the methods it checks."""

    __metaclass__ = ABCMeta
    _methods = ()
    _hashing = False


class Hashable(_ABC):
    _hashing = True


class Iterable(_ABC):
    _methods = ("__iter__",)


class Iterator(Iterable):
    _methods = ("__iter__", "__next__")


class Reversible(Iterable):
    _methods = ("__iter__", "__reversed__")


class Generator(Iterator):
    _methods = ("__iter__", "__next__", "send", "throw", "close")


class Sized(_ABC):
    _methods = ("__len__",)


class Container(_ABC):
    _methods = ("__contains__",)


class Callable(_ABC):
    _methods = ("__call__",)


class Collection(Sized, Iterable, Container):
    _methods = ("__len__", "__iter__", "__contains__")


class Sequence(Reversible, Collection):
    _methods = ("__len__", "__iter__", "__contains__", "__getitem__", "index", "count")


class MutableSequence(Sequence):
    _methods = ("__len__", "__iter__", "__getitem__", "__setitem__", "insert", "append")


class Set(Collection):
    _methods = ("__len__", "__iter__", "__contains__", "isdisjoint")


class MutableSet(Set):
    _methods = ("__len__", "__iter__", "__contains__", "add", "discard")


class Mapping(Collection):
    _methods = ("__len__", "__iter__", "__getitem__", "keys", "items", "values", "get")


class MutableMapping(Mapping):
    _methods = ("__len__", "__iter__", "__getitem__", "__setitem__", "__delitem__", "keys", "pop")


class MappingView(Sized):
    _methods = ("__len__",)


class KeysView(MappingView, Set):
    _methods = ("__len__", "__iter__", "__contains__")


class ItemsView(MappingView, Set):
    _methods = ("__len__", "__iter__", "__contains__")


class ValuesView(MappingView, Collection):
    _methods = ("__len__", "__iter__", "__contains__")
