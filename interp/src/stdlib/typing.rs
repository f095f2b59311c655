//! `typing`: the names annotations use, as placeholders. Floe checks no types, so
//! `List[int]` only has to evaluate (to another placeholder, printed as CPython prints
//! it); `Generic[T]` gives a class to derive from, `Protocol` is a class, `TypeVar`
//! and `NewType` make placeholders, and `cast`, `overload`, `final`, … give back their
//! argument.

use std::sync::OnceLock;

use floe_core::{Class, Frozen, Instance, Kind, ObjRef, Tuple, Value};

use super::args::{params, Style};
use super::classes::native_class;
use super::Spec;
use crate::interp::{Args, Interp};
use crate::runtime::types;
use crate::Res;

/// The placeholders `typing` exports.
const FORMS: &[&str] = &[
    "Any",
    "List",
    "Dict",
    "Tuple",
    "Set",
    "FrozenSet",
    "Optional",
    "Union",
    "Callable",
    "Iterable",
    "Iterator",
    "Generator",
    "Sequence",
    "MutableSequence",
    "Mapping",
    "MutableMapping",
    "AbstractSet",
    "MutableSet",
    "Collection",
    "Container",
    "Hashable",
    "Sized",
    "Reversible",
    "Type",
    "ClassVar",
    "Final",
    "Literal",
    "NoReturn",
    "Deque",
    "DefaultDict",
    "OrderedDict",
    "Counter",
    "ChainMap",
    "Awaitable",
    "Coroutine",
    "AsyncIterator",
    "AsyncIterable",
    "SupportsInt",
    "SupportsFloat",
    "SupportsAbs",
    "SupportsIndex",
    "Text",
    "AnyStr",
];

pub(super) const SPEC: Spec = Spec {
    name: "typing",
    fns: &[
        ("TypeVar", |me, a| {
            let Some(Value::Str(name)) = a.pos.first() else {
                return Err(me.exc("TypeError", "TypeVar() needs a name (a str) first"));
            };
            Ok(form(&format!("~{name}"), None))
        }),
        ("NewType", |me, a| {
            let [name, _tp] = params(me, Style::Clinic, "NewType", a, ["name", "tp"], (2, 2))?;
            let name = name.expect("required");
            let name = me.str_arg(&name)?;
            Ok(form(&name, None))
        }),
        ("cast", |me, a| {
            let [_typ, val] = params(me, Style::Clinic, "cast", a, ["typ", "val"], (2, 2))?;
            Ok(val.expect("required"))
        }),
        ("overload", identity),
        ("final", identity),
        ("no_type_check", identity),
        ("runtime_checkable", identity),
    ],
    consts: || {
        let mut out: Vec<(&'static str, Value)> = FORMS
            .iter()
            .map(|&n| (n, form(&format!("typing.{n}"), None)))
            .collect();
        out.push(("Generic", generic_form()));
        out.push(("Protocol", protocol_class().into()));
        out.push(("TYPE_CHECKING", Value::Bool(false)));
        out
    },
};

/// A decorator that gives back what it decorates.
fn identity(me: &mut Interp, a: Args) -> Res<Value> {
    let [f] = me.exact::<1>("decorator", a)?;
    Ok(f)
}

/// The class of the placeholders.
fn form_class() -> Class {
    static CLASS: OnceLock<Frozen> = OnceLock::new();
    native_class(
        &CLASS,
        "typing._SpecialForm",
        "object",
        &[("__getitem__", subscript), ("__repr__", form_repr)],
    )
}

/// A placeholder printed as `name`, or `name[args]`.
fn form(name: &str, args: Option<Vec<Value>>) -> Value {
    let f = Instance::new(&form_class());
    f.set_attr("_name", Value::str(name))
        .expect("a new instance accepts attributes");
    let args = args.map_or(Value::None, |a| Tuple::new(a).into());
    f.set_attr("__args__", args)
        .expect("a new instance accepts attributes");
    f.into()
}

/// `Form[args]`: a placeholder (`Optional[X]` printed as CPython prints it).
fn subscript(me: &mut Interp, a: Args) -> Res<Value> {
    let [this, index] = me.exact::<2>("__getitem__", a)?;
    let name = attr(me, &this, "_name")?;
    let name = me.str_arg(&name)?;
    let args = match &index {
        Value::Obj(o) if o.kind() == Kind::Tuple => me.collect(&index)?,
        _ => vec![index],
    };
    Ok(form(&name, Some(args)))
}

fn attr(me: &mut Interp, o: &Value, name: &str) -> Res<Value> {
    match o.as_obj().and_then(|o| o.own_attr(name)) {
        Some(v) => Ok(v),
        None => Err(me.exc(
            "TypeError",
            format!("a typing placeholder lost its '{name}'"),
        )),
    }
}

/// `repr(form)`: `typing.Dict[str, typing.List[int]]`.
fn form_repr(me: &mut Interp, a: Args) -> Res<Value> {
    let [this] = me.exact::<1>("__repr__", a)?;
    let name = attr(me, &this, "_name")?;
    let mut text = me.str_arg(&name)?;
    let args = attr(me, &this, "__args__")?;
    if !matches!(args, Value::None) {
        let args = me.collect(&args)?;
        let mut parts = Vec::with_capacity(args.len());
        for x in &args {
            parts.push(arg_repr(me, x)?);
        }
        // `Union[X, None]` is `Optional[X]`, as CPython prints it.
        if text == "typing.Union" && parts.len() == 2 && parts[1] == "None" {
            text = "typing.Optional".to_string();
            parts.pop();
        }
        text = format!("{text}[{}]", parts.join(", "));
    }
    Ok(Value::str(&text))
}

/// How a placeholder prints one of its arguments: classes by name, lists in brackets.
fn arg_repr(me: &mut Interp, v: &Value) -> Res<String> {
    match v {
        Value::None => Ok("None".to_string()),
        Value::Str(s) => Ok(format!("ForwardRef({})", crate::text::str_repr(s))),
        Value::Obj(o) if o.kind() == Kind::List => {
            let mut parts = Vec::new();
            for x in me.collect(v)? {
                parts.push(arg_repr(me, &x)?);
            }
            Ok(format!("[{}]", parts.join(", ")))
        }
        Value::Obj(o) if o.kind() == Kind::Class => {
            let c = Class::try_from(o.clone()).expect("a class");
            let builtin = types().builtin_name(c.as_obj()).is_some();
            let prefix = if builtin { "" } else { "__main__." };
            Ok(format!("{prefix}{}", c.name()))
        }
        _ => me.repr(v),
    }
}

/// `Generic`: subscripted (`Generic[T]`), a class to derive from.
fn generic_form() -> Value {
    static CLASS: OnceLock<Frozen> = OnceLock::new();
    let f = Instance::new(&native_class(
        &CLASS,
        "typing._GenericForm",
        "object",
        &[
            ("__getitem__", |me, a| {
                me.exact::<2>("__getitem__", a)?;
                Ok(generic_class().into())
            }),
            ("__repr__", |me, a| {
                me.exact::<1>("__repr__", a)?;
                Ok(Value::str("<class 'typing.Generic'>"))
            }),
        ],
    ));
    f.into()
}

/// The class `Generic[...]` gives.
fn generic_class() -> ObjRef {
    static CLASS: OnceLock<Frozen> = OnceLock::new();
    native_class(&CLASS, "Generic", "object", &[]).into()
}

/// `Protocol`: a class to derive from.
fn protocol_class() -> Class {
    static CLASS: OnceLock<Frozen> = OnceLock::new();
    native_class(&CLASS, "Protocol", "object", &[])
}
