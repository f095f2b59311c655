"""dataclasses: @dataclass, field, fields, asdict, astuple, replace, written for floe.

The generated methods are made by exec from source, as CPython's are, so they run as
fast as hand-written ones (their globals are a dict of their own). A frozen=True dataclass is Floe-frozen (RFC-0006 §9): __init__ (and
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


class _HasDefaultFactory:
    def __repr__(self):
        return "<factory>"


_HAS_DEFAULT_FACTORY = _HasDefaultFactory()


def _namespace():
    """The globals of the methods made for one class: what their code names, under
    names no field can shadow."""
    return {"MISSING": MISSING, "_HAS_DEFAULT_FACTORY": _HAS_DEFAULT_FACTORY,
            "__dataclass_freeze__": floe.freeze, "__dataclass_type__": type,
            "__dataclass_qualname__": _qualname, "__dataclass_repr__": repr,
            "__dataclass_hash__": hash}


def _create_fn(name, params, lines, ns, qualname):
    """Makes method `name` from its source, as CPython's dataclasses does: the code is
    what a hand-written method would be, so it runs as fast."""
    source = "def " + name + "(" + ", ".join(params) + "):\n"
    for line in lines or ["pass"]:
        source = source + "    " + line + "\n"
    exec(source, ns)
    fn = ns[name]
    fn.__qualname__ = qualname + "." + name
    return fn


def _tuple_of(self_name, fs):
    return "(" + "".join([self_name + "." + f.name + "," for f in fs]) + ")"


def _make_init(ns, qualname, fields, init_fields, frozen, has_post_init):
    seen_default = False
    for f in init_fields:
        if f.kw_only:
            continue
        if f.default is MISSING and f.default_factory is MISSING:
            if seen_default:
                raise TypeError("non-default argument " + repr(f.name)
                                + " follows default argument")
        else:
            seen_default = True
    self_name = "__dataclass_self__" if "self" in [f.name for f in fields] else "self"
    params = [self_name]
    keyword_only = [f for f in init_fields if f.kw_only]
    first_keyword_only = keyword_only[0] if keyword_only else None
    for f in init_fields:
        if f is first_keyword_only:
            params.append("*")
        if f.default_factory is not MISSING:
            params.append(f.name + "=_HAS_DEFAULT_FACTORY")
        elif f.default is not MISSING:
            ns["_dflt_" + f.name] = f.default
            params.append(f.name + "=_dflt_" + f.name)
        else:
            params.append(f.name)
    lines = []
    for f in fields:
        if f._field_type == _FIELD_CLASSVAR:
            continue
        if f.default_factory is not MISSING:
            ns["_dflt_" + f.name] = f.default_factory
            if f.init:
                value = ("_dflt_" + f.name + "() if " + f.name
                         + " is _HAS_DEFAULT_FACTORY else " + f.name)
            else:
                value = "_dflt_" + f.name + "()"
        elif f.init:
            value = f.name
        else:
            continue
        if f._field_type == _FIELD:
            lines.append(self_name + "." + f.name + " = " + value)
    if has_post_init:
        init_vars = [f.name for f in init_fields if f._field_type == _FIELD_INITVAR]
        lines.append(self_name + ".__post_init__(" + ", ".join(init_vars) + ")")
    if frozen:
        # Floe-frozen, with its class and what its fields reach (RFC-0006 §9).
        lines.append("__dataclass_freeze__(" + self_name + ", __dataclass_type__("
                     + self_name + "))")
    return _create_fn("__init__", params, lines, ns, qualname)


def _make_repr(ns, qualname, repr_fields):
    parts = []
    for f in repr_fields:
        parts.append('"' + (", " if parts else "") + f.name + '=" + __dataclass_repr__(self.'
                     + f.name + ")")
    body = "__dataclass_qualname__(__dataclass_type__(self)) + \"(\""
    for part in parts:
        body = body + " + " + part
    return _create_fn("__repr__", ["self"], ["return " + body + " + \")\""], ns, qualname)


def _make_compare(ns, qualname, name, symbol, compare_fields):
    lines = ["if other.__class__ is self.__class__:",
             "    return " + _tuple_of("self", compare_fields) + " " + symbol + " "
             + _tuple_of("other", compare_fields),
             "return NotImplemented"]
    return _create_fn(name, ["self", "other"], lines, ns, qualname)


def _make_hash(ns, qualname, hash_fields):
    return _create_fn("__hash__", ["self"],
                      ["return __dataclass_hash__(" + _tuple_of("self", hash_fields) + ")"],
                      ns, qualname)


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
    ns = _namespace()
    all_fields = [f for f in fields.values() if f._field_type == _FIELD]
    if init:
        init_fields = [f for f in fields.values()
                       if f._field_type != _FIELD_CLASSVAR and f.init]
        init_fields = ([f for f in init_fields if not f.kw_only]
                       + [f for f in init_fields if f.kw_only])
        cls.__init__ = _make_init(ns, qualname, list(fields.values()), init_fields, frozen,
                                  hasattr(cls, "__post_init__"))
    if repr and "__repr__" not in namespace:
        cls.__repr__ = _make_repr(ns, qualname, [f for f in all_fields if f.repr])
    compare_fields = [f for f in all_fields if f.compare]
    if eq and "__eq__" not in namespace:
        cls.__eq__ = _make_compare(ns, qualname, "__eq__", "==", compare_fields)
    if order:
        if not eq:
            raise ValueError("eq must be true if order is true")
        for name, symbol in (("__lt__", "<"), ("__le__", "<="), ("__gt__", ">"),
                             ("__ge__", ">=")):
            if name in namespace:
                raise TypeError("Cannot overwrite attribute " + name + " in class "
                                + cls.__name__ + ". Consider using functools.total_ordering")
            setattr(cls, name, _make_compare(ns, qualname, name, symbol, compare_fields))
    has_own_hash = "__hash__" in namespace
    hash_fields = [f for f in all_fields
                   if (f.compare if f.hash is None else f.hash)]
    if unsafe_hash:
        if has_own_hash:
            raise TypeError("Cannot overwrite attribute __hash__ in class " + cls.__name__)
        cls.__hash__ = _make_hash(ns, qualname, hash_fields)
    elif eq and frozen:
        if not has_own_hash:
            cls.__hash__ = _make_hash(ns, qualname, hash_fields)
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
