"""dataclasses: @dataclass, field, fields, asdict, astuple, replace, written for floe.

The generated methods are closures over the class's fields rather than code made by
exec. A frozen=True dataclass is Floe-frozen (RFC-0006 §9): __init__ (and
__post_init__) run on a mutable instance, which is then frozen together with its class
and everything its fields reach; a later store raises TypeError, and the instance may be
shared by every behaviour.
"""

import floe


class FrozenInstanceError(AttributeError):
    pass


class _MissingType:
    def __repr__(self):
        return "MISSING"


MISSING = _MissingType()


class _KwOnlyType:
    def __repr__(self):
        return "KW_ONLY"


KW_ONLY = _KwOnlyType()

# What a field is: an ordinary field, a class variable, or an init-only variable.
_FIELD = "_FIELD"
_FIELD_CLASSVAR = "_FIELD_CLASSVAR"
_FIELD_INITVAR = "_FIELD_INITVAR"


class InitVar:
    def __init__(self, type):
        self.type = type

    def __repr__(self):
        return "dataclasses.InitVar[" + repr(self.type) + "]"


class Field:
    def __init__(self, default, default_factory, init, repr, hash, compare, metadata,
                 kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only
        self._field_type = None

    def __repr__(self):
        return ("Field(name=" + repr(self.name) + ",type=" + repr(self.type)
                + ",default=" + repr(self.default)
                + ",default_factory=" + repr(self.default_factory)
                + ",init=" + repr(self.init) + ",repr=" + repr(self.repr)
                + ",hash=" + repr(self.hash) + ",compare=" + repr(self.compare)
                + ",metadata=" + repr(self.metadata) + ",kw_only=" + repr(self.kw_only)
                + ",_field_type=" + str(self._field_type) + ")")


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None,
          compare=True, metadata=None, kw_only=MISSING):
    """A field's options, as the default value of a class attribute."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


class _Params:
    def __init__(self, init, repr, eq, order, unsafe_hash, frozen):
        self.init = init
        self.repr = repr
        self.eq = eq
        self.order = order
        self.unsafe_hash = unsafe_hash
        self.frozen = frozen

    def __repr__(self):
        return ("_DataclassParams(init=" + repr(self.init) + ",repr=" + repr(self.repr)
                + ",eq=" + repr(self.eq) + ",order=" + repr(self.order)
                + ",unsafe_hash=" + repr(self.unsafe_hash)
                + ",frozen=" + repr(self.frozen) + ")")


def _kind_of(annotation):
    """What an annotation makes of its name. Class bodies record annotations as source
    text (PEP 563), so the text is read as CPython's dataclasses reads string ones."""
    if isinstance(annotation, InitVar) or annotation is InitVar:
        return _FIELD_INITVAR
    if isinstance(annotation, str):
        text = annotation.strip()
        for prefix in ("ClassVar", "typing.ClassVar"):
            if text == prefix or text.startswith(prefix + "["):
                return _FIELD_CLASSVAR
        for prefix in ("InitVar", "dataclasses.InitVar"):
            if text == prefix or text.startswith(prefix + "["):
                return _FIELD_INITVAR
        if text == "KW_ONLY" or text == "dataclasses.KW_ONLY":
            return "KW_ONLY"
    if annotation is KW_ONLY:
        return "KW_ONLY"
    return _FIELD


def _get_field(cls, name, annotation, kw_only):
    namespace = cls.__dict__
    default = namespace.get(name, MISSING)
    if isinstance(default, Field):
        f = default
    else:
        f = field(default=default)
    f.name = name
    f.type = annotation
    f._field_type = _kind_of(annotation)
    if f._field_type == _FIELD_CLASSVAR or f._field_type == _FIELD_INITVAR:
        if f.default_factory is not MISSING:
            raise TypeError("field " + name + " cannot have a default factory")
    if f._field_type == _FIELD or f._field_type == _FIELD_INITVAR:
        if f.kw_only is MISSING:
            f.kw_only = kw_only
    else:
        f.kw_only = False
    if f._field_type == _FIELD and isinstance(f.default, (list, dict, set)):
        raise ValueError("mutable default " + repr(type(f.default))
                         + " for field " + name
                         + " is not allowed: use default_factory")
    return f


def _missing_message(qualname, names, what):
    quoted = [repr(n) for n in names]
    if len(quoted) == 1:
        joined = quoted[0]
    elif len(quoted) == 2:
        joined = quoted[0] + " and " + quoted[1]
    else:
        joined = ", ".join(quoted[:-1]) + ", and " + quoted[-1]
    return (qualname + ".__init__() missing " + str(len(names)) + " required " + what
            + " argument" + ("s" if len(names) > 1 else "") + ": " + joined)


def _make_init(cls, qualname, init_fields, frozen, has_post_init):
    positional = [f for f in init_fields if not f.kw_only]
    keyword_only = [f for f in init_fields if f.kw_only]
    names = [f.name for f in init_fields]
    seen_default = False
    for f in positional:
        if f.default is MISSING and f.default_factory is MISSING:
            if seen_default:
                raise TypeError("non-default argument " + repr(f.name)
                                + " follows default argument")
        else:
            seen_default = True
    most = len(positional)
    least = len([f for f in positional
                 if f.default is MISSING and f.default_factory is MISSING])

    def __init__(self, *args, **kwargs):
        if len(args) > most:
            if least == most:
                takes = str(most + 1) + " positional argument" + ("s" if most else "")
            else:
                takes = "from " + str(least + 1) + " to " + str(most + 1) + " positional arguments"
            raise TypeError(qualname + ".__init__() takes " + takes + " but "
                            + str(len(args) + 1) + (" was" if not args else " were")
                            + " given")
        for key in kwargs:
            if key not in names:
                raise TypeError(qualname + ".__init__() got an unexpected keyword argument '"
                                + key + "'")
            for f in positional[:len(args)]:
                if f.name == key:
                    raise TypeError(qualname + ".__init__() got multiple values for argument '"
                                    + key + "'")
        values = {}
        missing = []
        for i in range(len(positional)):
            f = positional[i]
            if i < len(args):
                values[f.name] = args[i]
            elif f.name in kwargs:
                values[f.name] = kwargs[f.name]
            elif f.default is MISSING and f.default_factory is MISSING:
                missing.append(f.name)
        if missing:
            raise TypeError(_missing_message(qualname, missing, "positional"))
        for f in keyword_only:
            if f.name in kwargs:
                values[f.name] = kwargs[f.name]
            elif f.default is MISSING and f.default_factory is MISSING:
                missing.append(f.name)
        if missing:
            raise TypeError(_missing_message(qualname, missing, "keyword-only"))
        init_vars = []
        for f in init_fields:
            if f.name in values:
                value = values[f.name]
            elif f.default_factory is not MISSING:
                value = f.default_factory()
            else:
                value = f.default
            if f._field_type == _FIELD_INITVAR:
                init_vars.append(value)
            else:
                setattr(self, f.name, value)
        for f in _fields_of(self):
            if not f.init and f.default_factory is not MISSING:
                setattr(self, f.name, f.default_factory())
        if has_post_init:
            self.__post_init__(*init_vars)
        if frozen:
            # The argument tuple and dicts die here: they must not stay as mutable
            # holders of what the freeze reaches.
            args = kwargs = values = init_vars = None
            floe.freeze(self, type(self))

    return __init__


def _fields_of(obj):
    return [f for f in obj.__dataclass_fields__.values() if f._field_type == _FIELD]


def _values(obj, fs):
    return tuple([getattr(obj, f.name) for f in fs])


def _make_repr(repr_fields):
    def __repr__(self):
        parts = [f.name + "=" + repr(getattr(self, f.name)) for f in repr_fields]
        return _qualname(type(self)) + "(" + ", ".join(parts) + ")"

    return __repr__


def _make_eq(compare_fields):
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _values(self, compare_fields) == _values(other, compare_fields)

    return __eq__


def _make_order(symbol, compare_fields):
    def compare(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        a = _values(self, compare_fields)
        b = _values(other, compare_fields)
        if symbol == "<":
            return a < b
        if symbol == "<=":
            return a <= b
        if symbol == ">":
            return a > b
        return a >= b

    return compare


def _make_hash(hash_fields):
    def __hash__(self):
        return hash(_values(self, hash_fields))

    return __hash__


def _unhashable(self):
    raise TypeError("unhashable type: '" + type(self).__name__ + "'")


def _qualname(cls):
    return getattr(cls, "__qualname__", cls.__name__)


def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only):
    fields = {}
    base_fields = getattr(cls, "__dataclass_fields__", None)
    if base_fields is not None:
        for f in base_fields.values():
            fields[f.name] = f
    base_params = getattr(cls, "__dataclass_params__", None)
    if base_params is not None:
        if base_params.frozen and not frozen:
            raise TypeError("cannot inherit non-frozen dataclass from a frozen one")
        if not base_params.frozen and frozen:
            raise TypeError("cannot inherit frozen dataclass from a non-frozen one")
    namespace = cls.__dict__
    annotations = namespace.get("__annotations__", {})
    own = []
    seen_kw_only = False
    for name in annotations:
        kind = _kind_of(annotations[name])
        if kind == "KW_ONLY":
            if seen_kw_only:
                raise TypeError(repr(name) + " is KW_ONLY, but KW_ONLY has already been specified")
            seen_kw_only = True
            kw_only = True
            continue
        own.append(_get_field(cls, name, annotations[name], kw_only))
    for f in own:
        fields[f.name] = f
        # A field(default=v) leaves v as the class attribute. (CPython also deletes the
        # class attribute of a field without a default; floe has no delattr yet, so
        # that Field stays.)
        if isinstance(namespace.get(f.name), Field) and f.default is not MISSING:
            setattr(cls, f.name, f.default)
    for name in namespace:
        value = namespace[name]
        if isinstance(value, Field) and name not in annotations:
            raise TypeError(repr(name) + " is a field but has no type annotation")
    cls.__dataclass_fields__ = fields
    cls.__dataclass_params__ = _Params(init, repr, eq, order, unsafe_hash, frozen)
    qualname = _qualname(cls)
    all_fields = [f for f in fields.values() if f._field_type == _FIELD]
    if init:
        init_fields = [f for f in fields.values()
                       if f._field_type != _FIELD_CLASSVAR and f.init]
        init_fields = ([f for f in init_fields if not f.kw_only]
                       + [f for f in init_fields if f.kw_only])
        cls.__init__ = _make_init(cls, qualname, init_fields, frozen,
                                  hasattr(cls, "__post_init__"))
    if repr and "__repr__" not in namespace:
        cls.__repr__ = _make_repr([f for f in all_fields if f.repr])
    compare_fields = [f for f in all_fields if f.compare]
    if eq and "__eq__" not in namespace:
        cls.__eq__ = _make_eq(compare_fields)
    if order:
        if not eq:
            raise ValueError("eq must be true if order is true")
        for name, symbol in (("__lt__", "<"), ("__le__", "<="), ("__gt__", ">"),
                             ("__ge__", ">=")):
            if name in namespace:
                raise TypeError("Cannot overwrite attribute " + name + " in class "
                                + cls.__name__ + ". Consider using functools.total_ordering")
            setattr(cls, name, _make_order(symbol, compare_fields))
    has_own_hash = "__hash__" in namespace
    hash_fields = [f for f in all_fields
                   if (f.compare if f.hash is None else f.hash)]
    if unsafe_hash:
        if has_own_hash:
            raise TypeError("Cannot overwrite attribute __hash__ in class " + cls.__name__)
        cls.__hash__ = _make_hash(hash_fields)
    elif eq and frozen:
        if not has_own_hash:
            cls.__hash__ = _make_hash(hash_fields)
    elif eq and not has_own_hash:
        cls.__hash__ = _unhashable
    if match_args and "__match_args__" not in namespace:
        cls.__match_args__ = tuple([f.name for f in fields.values()
                                    if f._field_type != _FIELD_CLASSVAR and f.init
                                    and not f.kw_only])
    return cls


def dataclass(cls=None, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False,
              frozen=False, match_args=True, kw_only=False, slots=False):
    """Adds __init__, __repr__, __eq__ (and, as asked, ordering and __hash__) to a class
    from its annotated fields."""

    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args,
                              kw_only)

    if cls is None:
        return wrap
    return wrap(cls)


def fields(class_or_instance):
    """The fields of a dataclass or of its instance, as a tuple of Field objects."""
    try:
        found = class_or_instance.__dataclass_fields__
    except AttributeError:
        raise TypeError("must be called with a dataclass type or instance")
    return tuple([f for f in found.values() if f._field_type == _FIELD])


def is_dataclass(obj):
    return hasattr(obj, "__dataclass_fields__")


def _is_dataclass_instance(obj):
    return hasattr(type(obj), "__dataclass_fields__") and not isinstance(obj, type)


def asdict(obj, *, dict_factory=dict):
    """A dataclass instance as a dict of its fields, recursively."""
    if not _is_dataclass_instance(obj):
        raise TypeError("asdict() should be called on dataclass instances")
    return _deep(obj, lambda pairs: dict_factory(pairs))


def astuple(obj, *, tuple_factory=tuple):
    """A dataclass instance as a tuple of its fields, recursively."""
    if not _is_dataclass_instance(obj):
        raise TypeError("astuple() should be called on dataclass instances")
    return _deep(obj, lambda pairs: tuple_factory([value for _, value in pairs]))


def _deep(obj, make):
    """obj with every dataclass instance in it (through lists, tuples and dicts) made
    into make([(field name, converted value), ...])."""
    if _is_dataclass_instance(obj):
        return make([(f.name, _deep(getattr(obj, f.name), make)) for f in fields(obj)])
    if isinstance(obj, list):
        return [_deep(v, make) for v in obj]
    if isinstance(obj, tuple):
        return tuple([_deep(v, make) for v in obj])
    if isinstance(obj, dict):
        return {_deep(k, make): _deep(v, make) for k, v in obj.items()}
    return obj


def replace(obj, **changes):
    """A new instance of obj's dataclass with the fields in changes replaced."""
    if not _is_dataclass_instance(obj):
        raise TypeError("replace() should be called on dataclass instances")
    for f in obj.__dataclass_fields__.values():
        if f._field_type == _FIELD_CLASSVAR:
            continue
        if not f.init:
            if f.name in changes:
                raise ValueError("field " + f.name + " is declared with init=False, "
                                 "it cannot be specified with replace()")
            continue
        if f.name not in changes:
            if f._field_type == _FIELD_INITVAR and f.default is MISSING:
                raise ValueError("InitVar " + repr(f.name)
                                 + " must be specified with replace()")
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)
