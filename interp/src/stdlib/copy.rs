//! `copy`: `copy` and `deepcopy`, honouring `__copy__` and `__deepcopy__(memo)`.
//!
//! Immutable values (numbers, strings, `None`, ranges, functions, classes, built-in
//! functions, `frozenlist`/`frozendict`) are their own copies, as in CPython; a tuple is
//! its own deep copy when its elements are. A list, dict, set or instance is copied into
//! a new mutable local object even when it is frozen: a copy is how a script gets a
//! mutable version of a frozen value. Generators, lazy iterators, modules, regions and
//! cowns cannot be copied (CPython's "cannot pickle" `TypeError`).

use floe_core::{Class, Dict, Instance, Kind, List, Tuple, Value};

use super::args::{params, Style};
use super::Spec;
use crate::interp::{Args, Interp};
use crate::runtime::types;
use crate::Res;

pub(super) const SPEC: Spec = Spec {
    name: "copy",
    fns: &[("copy", copy), ("deepcopy", deepcopy)],
    consts: super::no_consts,
};

/// What copying a value means.
enum Shape {
    /// Immutable: the value is its own copy.
    Atomic,
    List,
    Tuple,
    Dict,
    Set,
    /// An instance of a user (or module-made) class.
    Instance(Class),
}

/// How `v` is copied, or CPython's `TypeError` when it cannot be.
fn shape(me: &mut Interp, v: &Value) -> Res<Shape> {
    let Value::Obj(o) = v else {
        return Ok(Shape::Atomic);
    };
    let refuse =
        |me: &mut Interp, what: &str| me.exc("TypeError", format!("cannot pickle '{what}' object"));
    Ok(match o.kind() {
        Kind::List => Shape::List,
        Kind::Tuple => Shape::Tuple,
        Kind::Dict => Shape::Dict,
        Kind::Set => Shape::Set,
        Kind::Class => Shape::Atomic,
        Kind::Function if crate::vm::is_suspendable(o) => {
            return Err(refuse(me, &o.type_name()));
        }
        Kind::Function => Shape::Atomic,
        Kind::Instance => {
            let class = o.class_of().expect("an instance has a class");
            match types().builtin_name(class.as_obj()) {
                None => Shape::Instance(class),
                Some("module") => return Err(refuse(me, "module")),
                // Bound methods, properties, … : immutable in effect.
                Some(_) => Shape::Atomic,
            }
        }
        Kind::Native if o.type_name().as_str() == "Cown" => return Err(refuse(me, "Cown")),
        Kind::Native => Shape::Atomic,
        _ => return Err(refuse(me, &o.type_name())),
    })
}

/// The argument `x` (and `memo`) of `copy(x)` or `deepcopy(x, memo=None, _nil=[])`.
fn argument(me: &mut Interp, a: Args, name: &str, with_memo: bool) -> Res<(Value, Value)> {
    let [x, memo, _nil] = if with_memo {
        params(me, Style::Python, name, a, ["x", "memo", "_nil"], (1, 3))?
    } else {
        let [x] = params(me, Style::Python, name, a, ["x"], (1, 1))?;
        [x, None, None]
    };
    Ok((x.expect("required"), memo.unwrap_or(Value::None)))
}

/// A new instance of `class` (no `__init__` run) with `attrs`.
fn instance_with(me: &mut Interp, class: &Class, attrs: Vec<(String, Value)>) -> Res<Value> {
    let new = Instance::new(class);
    let v: Value = new.into();
    for (k, a) in attrs {
        me.object_setattr(&v, &k, a)?;
    }
    Ok(v)
}

/// An instance's own attributes.
fn attrs_of(v: &Value) -> Vec<(String, Value)> {
    let Some(o) = v.as_obj() else {
        return Vec::new();
    };
    o.attr_names()
        .unwrap_or_default()
        .iter()
        .filter_map(|n| o.get_attr(n).ok().map(|a| (n.to_string(), a)))
        .collect()
}

/// `copy(x)`: a shallow copy.
fn copy(me: &mut Interp, a: Args) -> Res<Value> {
    let (x, _) = argument(me, a, "copy", false)?;
    if let Some(f) = me.special(&x, "__copy__") {
        return me.call(&f, Args::of(vec![x]));
    }
    match shape(me, &x)? {
        Shape::Atomic | Shape::Tuple => Ok(x),
        Shape::List | Shape::Dict | Shape::Set => me.call_method(&x, "copy", Args::default()),
        Shape::Instance(class) => {
            let attrs = attrs_of(&x);
            instance_with(me, &class, attrs)
        }
    }
}

/// `deepcopy(x, memo=None)`: `memo` maps `id(original)` to its copy.
fn deepcopy(me: &mut Interp, a: Args) -> Res<Value> {
    let (x, memo) = argument(me, a, "deepcopy", true)?;
    let memo = match memo {
        Value::None => Dict::new().into(),
        m => m,
    };
    deep(me, &x, &memo)
}

/// The memo's key for `x`: its `id`.
fn memo_key(x: &Value) -> Option<Value> {
    x.as_obj().map(|o| Value::Int(o.id() as i64))
}

fn remember(me: &mut Interp, memo: &Value, x: &Value, copy: &Value) -> Res<()> {
    match memo_key(x) {
        Some(k) => me.setitem(memo, k, copy.clone()),
        None => Ok(()),
    }
}

fn deep(me: &mut Interp, x: &Value, memo: &Value) -> Res<Value> {
    let key = memo_key(x);
    if let Some(k) = &key {
        if let Some(done) = me.mapping_get(memo, k)? {
            return Ok(done);
        }
    }
    if let Some(f) = me.special(x, "__deepcopy__") {
        let y = me.call(&f, Args::of(vec![x.clone(), memo.clone()]))?;
        remember(me, memo, x, &y)?;
        return Ok(y);
    }
    me.nesting += 1;
    let result = deep_shape(me, x, memo);
    me.nesting -= 1;
    result
}

fn deep_shape(me: &mut Interp, x: &Value, memo: &Value) -> Res<Value> {
    if super::too_deep(me, me.nesting) {
        return Err(me.exc(
            "RecursionError",
            "maximum recursion depth exceeded while calling a Python object",
        ));
    }
    match shape(me, x)? {
        Shape::Atomic => Ok(x.clone()),
        Shape::Tuple => {
            let items = me.collect(x)?;
            let mut copies = Vec::with_capacity(items.len());
            for i in &items {
                copies.push(deep(me, i, memo)?);
            }
            // A cycle through the tuple may have copied it meanwhile.
            if let Some(done) = me.mapping_get(memo, &memo_key(x).expect("an object"))? {
                return Ok(done);
            }
            let same = items.iter().zip(&copies).all(|(a, b)| same_value(a, b));
            let y = if same {
                x.clone()
            } else {
                Tuple::new(copies).into()
            };
            remember(me, memo, x, &y)?;
            Ok(y)
        }
        Shape::List => {
            let new = List::new(Vec::<Value>::new());
            let y: Value = new.clone().into();
            remember(me, memo, x, &y)?;
            for i in me.collect(x)? {
                let c = deep(me, &i, memo)?;
                me.call_method(&y, "append", Args::of(vec![c]))?;
            }
            Ok(y)
        }
        Shape::Dict => {
            let y: Value = Dict::new().into();
            remember(me, memo, x, &y)?;
            for (k, v) in me.mapping_items(x)? {
                let (k, v) = (deep(me, &k, memo)?, deep(me, &v, memo)?);
                me.setitem(&y, k, v)?;
            }
            Ok(y)
        }
        Shape::Set => {
            let mut items = Vec::new();
            for i in me.collect(x)? {
                items.push(deep(me, &i, memo)?);
            }
            let set = me.builtins.get_text("set").cloned().expect("a built-in");
            let y = me.call(&set, Args::of(vec![List::new(items).into()]))?;
            remember(me, memo, x, &y)?;
            Ok(y)
        }
        Shape::Instance(class) => {
            let y = instance_with(me, &class, Vec::new())?;
            remember(me, memo, x, &y)?;
            for (k, a) in attrs_of(x) {
                let c = deep(me, &a, memo)?;
                me.object_setattr(&y, &k, c)?;
            }
            Ok(y)
        }
    }
}

/// `a is b`.
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Obj(x), Value::Obj(y)) => x.ptr_eq(y),
        (Value::Obj(_), _) | (_, Value::Obj(_)) => false,
        _ => true,
    }
}
