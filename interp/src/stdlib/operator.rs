//! `operator`: Python's operators as functions (through the interpreter's own `+`, `<`,
//! `[]`, … so user classes' special methods apply), and `itemgetter`, `attrgetter`,
//! `methodcaller`.

use floe_core::{Instance, Tuple, Value};
use rustpython_parser::ast::{CmpOp, Operator, UnaryOp};

use super::{positional, Spec};
use crate::interp::{Args, Interp};
use crate::runtime::{builtin, types};
use crate::Res;

pub(super) const SPEC: Spec = Spec {
    name: "operator",
    fns: &[
        ("add", |me, a| binary(me, a, "add", Operator::Add)),
        ("sub", |me, a| binary(me, a, "sub", Operator::Sub)),
        ("mul", |me, a| binary(me, a, "mul", Operator::Mult)),
        ("truediv", |me, a| binary(me, a, "truediv", Operator::Div)),
        ("floordiv", |me, a| {
            binary(me, a, "floordiv", Operator::FloorDiv)
        }),
        ("mod", |me, a| binary(me, a, "mod", Operator::Mod)),
        ("pow", |me, a| binary(me, a, "pow", Operator::Pow)),
        ("and_", |me, a| binary(me, a, "and_", Operator::BitAnd)),
        ("or_", |me, a| binary(me, a, "or_", Operator::BitOr)),
        ("xor", |me, a| binary(me, a, "xor", Operator::BitXor)),
        ("lshift", |me, a| binary(me, a, "lshift", Operator::LShift)),
        ("rshift", |me, a| binary(me, a, "rshift", Operator::RShift)),
        ("concat", |me, a| binary(me, a, "concat", Operator::Add)),
        ("neg", |me, a| unary(me, a, "neg", UnaryOp::USub)),
        ("pos", |me, a| unary(me, a, "pos", UnaryOp::UAdd)),
        ("invert", |me, a| unary(me, a, "invert", UnaryOp::Invert)),
        ("inv", |me, a| unary(me, a, "inv", UnaryOp::Invert)),
        ("not_", |me, a| unary(me, a, "not_", UnaryOp::Not)),
        ("truth", |me, a| {
            let [x] = args::<1>(me, a, "truth")?;
            Ok(Value::Bool(me.truthy(&x)?))
        }),
        ("eq", |me, a| compare(me, a, "eq", CmpOp::Eq)),
        ("ne", |me, a| compare(me, a, "ne", CmpOp::NotEq)),
        ("lt", |me, a| compare(me, a, "lt", CmpOp::Lt)),
        ("le", |me, a| compare(me, a, "le", CmpOp::LtE)),
        ("gt", |me, a| compare(me, a, "gt", CmpOp::Gt)),
        ("ge", |me, a| compare(me, a, "ge", CmpOp::GtE)),
        ("is_", |me, a| compare(me, a, "is_", CmpOp::Is)),
        ("is_not", |me, a| compare(me, a, "is_not", CmpOp::IsNot)),
        ("contains", |me, a| {
            let [c, x] = args::<2>(me, a, "contains")?;
            Ok(Value::Bool(me.contains(&c, &x)?))
        }),
        ("getitem", |me, a| {
            let [c, i] = args::<2>(me, a, "getitem")?;
            me.getitem(&c, &i)
        }),
        ("index", |me, a| {
            let [x] = args::<1>(me, a, "index")?;
            super::math::integer(me, &x).map(crate::ops::int_value)
        }),
        ("itemgetter", itemgetter),
        ("attrgetter", attrgetter),
        ("methodcaller", methodcaller),
    ],
    consts: super::no_consts,
};

fn args<const N: usize>(me: &mut Interp, a: Args, name: &str) -> Res<[Value; N]> {
    let pos = positional(me, name, a, N, N)?;
    Ok(pos.try_into().expect("checked count"))
}

fn binary(me: &mut Interp, a: Args, name: &str, op: Operator) -> Res<Value> {
    let [x, y] = args::<2>(me, a, name)?;
    me.binary(op, &x, &y)
}

fn unary(me: &mut Interp, a: Args, name: &str, op: UnaryOp) -> Res<Value> {
    let [x] = args::<1>(me, a, name)?;
    me.unary(op, &x)
}

fn compare(me: &mut Interp, a: Args, name: &str, op: CmpOp) -> Res<Value> {
    let [x, y] = args::<2>(me, a, name)?;
    Ok(Value::Bool(me.compare(op, &x, &y)?))
}

/// A callable that calls the built-in `f` with `state` first: a bound method of a tuple,
/// frozen-able like any other value the script holds.
pub(super) fn bound(state: Vec<Value>, name: &'static str, f: crate::runtime::BuiltinFn) -> Value {
    let m = Instance::new(&types().class("method"));
    m.set_attr("__self__", Tuple::new(state).into())
        .expect("a new instance accepts attributes");
    m.set_attr("__func__", builtin(name, f))
        .expect("a new instance accepts attributes");
    m.into()
}

/// The state tuple and the one object a getter is called with.
pub(super) fn state_and_object(me: &mut Interp, a: Args, name: &str) -> Res<(Vec<Value>, Value)> {
    let [state, obj] = args::<2>(me, a, name)?;
    let state = state
        .as_obj()
        .and_then(|o| Tuple::try_from(o.clone()).ok())
        .map(|t| t.to_vec())
        .unwrap_or_default();
    Ok((state, obj))
}

/// One value, or a tuple of several.
fn one_or_tuple(mut values: Vec<Value>) -> Value {
    if values.len() == 1 {
        values.pop().expect("one")
    } else {
        Tuple::new(values).into()
    }
}

/// `itemgetter(*items)`: `f(obj)` is `obj[item]`, or a tuple of them.
fn itemgetter(me: &mut Interp, a: Args) -> Res<Value> {
    let items = positional(me, "itemgetter", a, 1, usize::MAX)?;
    Ok(bound(items, "itemgetter", |me, a| {
        let (items, obj) = state_and_object(me, a, "itemgetter")?;
        let mut out = Vec::with_capacity(items.len());
        for i in &items {
            out.push(me.getitem(&obj, i)?);
        }
        Ok(one_or_tuple(out))
    }))
}

/// `attrgetter(*names)`: `f(obj)` is `obj.name` (dotted names followed), or a tuple.
fn attrgetter(me: &mut Interp, a: Args) -> Res<Value> {
    let names = positional(me, "attrgetter", a, 1, usize::MAX)?;
    for n in &names {
        if !matches!(n, Value::Str(_)) {
            return Err(me.exc("TypeError", "attribute name must be a string"));
        }
    }
    Ok(bound(names, "attrgetter", |me, a| {
        let (names, obj) = state_and_object(me, a, "attrgetter")?;
        let mut out = Vec::with_capacity(names.len());
        for n in &names {
            let path = me.str_arg(n)?;
            let mut v = obj.clone();
            for part in path.split('.') {
                v = me.getattr(&v, part)?;
            }
            out.push(v);
        }
        Ok(one_or_tuple(out))
    }))
}

/// `methodcaller(name, *args, **kwargs)`: `f(obj)` is `obj.name(*args, **kwargs)`.
fn methodcaller(me: &mut Interp, a: Args) -> Res<Value> {
    let Args { pos, kw } = a;
    let Some(Value::Str(name)) = pos.first() else {
        return Err(me.exc(
            "TypeError",
            "methodcaller() needs a method name (a str) first",
        ));
    };
    let name = Value::Str(name.clone());
    let args = Tuple::new(pos[1..].to_vec()).into();
    let kwargs = kw
        .into_iter()
        .map(|(k, v)| Tuple::new([Value::str(&k), v]).into());
    let kwargs = Tuple::new(kwargs.collect::<Vec<Value>>()).into();
    Ok(bound(vec![name, args, kwargs], "methodcaller", |me, a| {
        let (state, obj) = state_and_object(me, a, "methodcaller")?;
        let [name, args, kwargs]: [Value; 3] = state
            .try_into()
            .map_err(|_| me.exc("TypeError", "a methodcaller's state was changed"))?;
        let name = me.str_arg(&name)?;
        let pos = me.collect(&args)?;
        let mut kw = Vec::new();
        for pair in me.collect(&kwargs)? {
            let [k, v]: [Value; 2] = me
                .collect(&pair)?
                .try_into()
                .map_err(|_| me.exc("TypeError", "a methodcaller's state was changed"))?;
            kw.push((me.str_arg(&k)?, v));
        }
        me.call_method(&obj, &name, Args { pos, kw })
    }))
}
