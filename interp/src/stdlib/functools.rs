//! `functools`: `reduce`, `partial`, `lru_cache` and `cache`, `wraps` and
//! `update_wrapper`, `cmp_to_key`, `total_ordering` (RFC-0006 §9).
//!
//! `partial`, the cache wrappers and `cmp_to_key`'s keys are instances of classes made
//! in Rust ([`super::classes`]) whose special methods are built-in functions. A cache
//! wrapper keeps its cache in a dict of its own (an attribute), so the cache lives where
//! the wrapper lives: frozen with it, a wrapper still answers from what it had cached,
//! computes the rest, and stores nothing more (see RFC-0006 §9).

use std::sync::OnceLock;

use floe_core::{Class, Dict, Frozen, Instance, Kind, ObjRef, Tuple, Value};
use rustpython_parser::ast::CmpOp;

use super::args::{only_positional, params, Style};
use super::classes::native_class;
use super::operator::{bound, state_and_object};
use super::Spec;
use crate::interp::{Args, Interp};
use crate::runtime::types;
use crate::Res;

pub(super) const SPEC: Spec = Spec {
    name: "functools",
    fns: &[
        ("reduce", reduce),
        ("lru_cache", lru_cache),
        ("cache", |me, a| {
            let [f] = params(me, Style::Clinic, "cache", a, ["user_function"], (1, 1))?;
            make_cache(me, f.expect("required"), Value::None, false)
        }),
        ("update_wrapper", update_wrapper),
        ("wraps", wraps),
        ("cmp_to_key", |me, a| {
            let [cmp] = params(me, Style::Clinic, "cmp_to_key", a, ["mycmp"], (1, 1))?;
            Ok(bound(vec![cmp.expect("required")], "K", |me, a| {
                let (state, obj) = state_and_object(me, a, "K")?;
                let k = Instance::new(&key_class());
                set(&k, "obj", obj);
                set(
                    &k,
                    "__cmp__",
                    state.into_iter().next().unwrap_or(Value::None),
                );
                Ok(k.into())
            }))
        }),
        ("total_ordering", total_ordering),
    ],
    consts: || vec![("partial", partial_class().into())],
};

/// Sets an attribute of an instance this module just made.
fn set(o: &Instance, name: &str, v: Value) {
    o.set_attr(name, v)
        .expect("a new instance accepts attributes");
}

/// An attribute this module set on one of its objects; a `TypeError` naming it if a
/// script deleted it.
fn own(me: &mut Interp, o: &Value, name: &str) -> Res<Value> {
    match o.as_obj().and_then(|o| o.own_attr(name)) {
        Some(v) => Ok(v),
        None => Err(me.exc(
            "TypeError",
            format!("a functools object lost its '{name}' attribute"),
        )),
    }
}

/// The instance a special method of `class` was called on (the first argument): a
/// `TypeError` when it is missing or of another class (`partial.__call__(5)`).
fn this_of(me: &mut Interp, first: Option<Value>, class: &Class) -> Res<Value> {
    match first {
        Some(v) if is_instance(&v, class) => Ok(v),
        other => {
            let got = other.map_or("nothing".to_string(), |v| {
                format!("a '{}' object", v.type_name())
            });
            Err(me.exc(
                "TypeError",
                format!("a '{}' method was called on {got}", class.name()),
            ))
        }
    }
}

/// `v` is an instance of exactly `class`.
fn is_instance(v: &Value, class: &Class) -> bool {
    v.as_obj()
        .filter(|o| o.kind() == Kind::Instance)
        .and_then(ObjRef::class_of)
        .is_some_and(|c| c.as_obj().ptr_eq(class.as_obj()))
}

/// `callable(v)`, as the built-in answers it.
fn callable(me: &mut Interp, v: &Value) -> Res<bool> {
    let f = me
        .builtins
        .get_text("callable")
        .cloned()
        .expect("a built-in");
    let r = me.call(&f, Args::of(vec![v.clone()]))?;
    me.truthy(&r)
}

// ----- reduce -----

/// `reduce(function, iterable[, initial])`.
fn reduce(me: &mut Interp, a: Args) -> Res<Value> {
    let mut pos = only_positional(me, "reduce", a, 2, 3)?.into_iter();
    let (f, it, initial) = (
        pos.next().expect("two"),
        pos.next().expect("two"),
        pos.next(),
    );
    let Ok(mut source) = me.iter(&it) else {
        return Err(me.exc("TypeError", "reduce() arg 2 must support iteration"));
    };
    let mut acc = match initial {
        Some(v) => v,
        None => match me.next(&mut source)? {
            Some(v) => v,
            None => {
                return Err(me.exc(
                    "TypeError",
                    "reduce() of empty iterable with no initial value",
                ))
            }
        },
    };
    while let Some(x) = me.next(&mut source)? {
        acc = me.call(&f, Args::of(vec![acc, x]))?;
    }
    Ok(acc)
}

// ----- partial -----

/// The class `functools.partial`.
fn partial_class() -> Class {
    static CLASS: OnceLock<Frozen> = OnceLock::new();
    native_class(
        &CLASS,
        "functools.partial",
        "object",
        &[
            ("__init__", partial_init),
            ("__call__", partial_call),
            ("__repr__", partial_repr),
        ],
    )
}

/// `partial(func, *args, **keywords)`: a partial of a partial is flattened, as in
/// CPython.
fn partial_init(me: &mut Interp, a: Args) -> Res<Value> {
    let Args { pos, kw } = a;
    let mut pos = pos.into_iter();
    let this = this_of(me, pos.next(), &partial_class())?;
    let Some(mut func) = pos.next() else {
        return Err(me.exc("TypeError", "type 'partial' takes at least one argument"));
    };
    if !callable(me, &func)? {
        return Err(me.exc("TypeError", "the first argument must be callable"));
    }
    let mut args: Vec<Value> = Vec::new();
    let keywords = Dict::new();
    if is_instance(&func, &partial_class()) {
        let (inner, inner_args, inner_keywords) = partial_parts(me, &func)?;
        args = inner_args;
        for (k, v) in inner_keywords {
            me.setitem(&keywords.clone().into(), k, v)?;
        }
        func = inner;
    }
    args.extend(pos);
    for (k, v) in kw {
        me.setitem(&keywords.clone().into(), Value::str(&k), v)?;
    }
    for (name, v) in [
        ("func", func),
        ("args", Tuple::new(args).into()),
        ("keywords", keywords.into()),
    ] {
        me.setattr(&this, name, v)?;
    }
    Ok(Value::None)
}

/// What a partial holds.
type Parts = (Value, Vec<Value>, Vec<(Value, Value)>);

/// A partial's function, arguments and keywords.
fn partial_parts(me: &mut Interp, p: &Value) -> Res<Parts> {
    let func = own(me, p, "func")?;
    let args = own(me, p, "args")?;
    let keywords = own(me, p, "keywords")?;
    Ok((func, me.collect(&args)?, me.mapping_items(&keywords)?))
}

/// `p(*args, **keywords)`: `func(*p.args, *args, **{**p.keywords, **keywords})`.
fn partial_call(me: &mut Interp, a: Args) -> Res<Value> {
    let Args { pos, kw } = a;
    let mut pos = pos.into_iter();
    let this = this_of(me, pos.next(), &partial_class())?;
    let (func, mut args, keywords) = partial_parts(me, &this)?;
    args.extend(pos);
    let mut kws: Vec<(String, Value)> = Vec::new();
    for (k, v) in keywords {
        let k = me.str_arg(&k)?;
        if !kw.iter().any(|(n, _)| *n == k) {
            kws.push((k, v));
        }
    }
    kws.extend(kw);
    me.call(&func, Args { pos: args, kw: kws })
}

/// `repr(p)`: `functools.partial(func, *args, **keywords)`.
fn partial_repr(me: &mut Interp, a: Args) -> Res<Value> {
    let [this] = me.exact::<1>("__repr__", a)?;
    let (func, args, keywords) = partial_parts(me, &this)?;
    let mut parts = vec![me.repr(&func)?];
    for x in args {
        parts.push(me.repr(&x)?);
    }
    for (k, v) in keywords {
        let k = me.str_of(&k)?;
        parts.push(format!("{k}={}", me.repr(&v)?));
    }
    Ok(Value::str(&format!(
        "functools.partial({})",
        parts.join(", ")
    )))
}

// ----- update_wrapper and wraps -----

/// `functools.WRAPPER_ASSIGNMENTS` in CPython 3.11.
const ASSIGNED: [&str; 5] = [
    "__module__",
    "__name__",
    "__qualname__",
    "__doc__",
    "__annotations__",
];

/// `update_wrapper(wrapper, wrapped, assigned=..., updated=('__dict__',))`.
fn update_wrapper(me: &mut Interp, a: Args) -> Res<Value> {
    let [wrapper, wrapped, assigned, updated] = params(
        me,
        Style::Clinic,
        "update_wrapper",
        a,
        ["wrapper", "wrapped", "assigned", "updated"],
        (2, 4),
    )?;
    let (wrapper, wrapped) = (wrapper.expect("required"), wrapped.expect("required"));
    let names = match assigned {
        Some(v) => {
            let mut names = Vec::new();
            for n in me.collect(&v)? {
                names.push(me.str_arg(&n)?);
            }
            names
        }
        None => ASSIGNED.iter().map(|s| s.to_string()).collect(),
    };
    for name in names {
        // An attribute the wrapped object lacks is skipped, as in CPython.
        if let Ok(v) = me.getattr(&wrapped, &name) {
            me.setattr(&wrapper, &name, v)?;
        }
    }
    let updated = match updated {
        Some(v) => me.collect(&v)?,
        None => vec![Value::str("__dict__")],
    };
    for name in updated {
        let name = me.str_arg(&name)?;
        if name == "__dict__" {
            // The script's own attributes: not the interpreter's (`__code__`, …).
            let own: Vec<(String, Value)> = match wrapped.as_obj() {
                Some(o) if matches!(o.kind(), Kind::Function | Kind::Instance) => o
                    .attr_names()
                    .unwrap_or_default()
                    .iter()
                    .filter(|n| !n.starts_with("__"))
                    .filter_map(|n| o.get_attr(n).ok().map(|v| (n.to_string(), v)))
                    .collect(),
                _ => Vec::new(),
            };
            for (n, v) in own {
                me.setattr(&wrapper, &n, v)?;
            }
        } else {
            let from = me.getattr(&wrapped, &name).ok();
            if let Some(from) = from {
                let into = me.getattr(&wrapper, &name)?;
                me.call_method(&into, "update", Args::of(vec![from]))?;
            }
        }
    }
    me.setattr(&wrapper, "__wrapped__", wrapped)?;
    Ok(wrapper)
}

/// `wraps(wrapped, assigned=..., updated=...)`: `partial(update_wrapper, wrapped=...)`.
fn wraps(me: &mut Interp, a: Args) -> Res<Value> {
    let [wrapped, assigned, updated] = params(
        me,
        Style::Clinic,
        "wraps",
        a,
        ["wrapped", "assigned", "updated"],
        (1, 3),
    )?;
    let mut kw = vec![("wrapped".to_string(), wrapped.expect("required"))];
    kw.extend(assigned.map(|v| ("assigned".to_string(), v)));
    kw.extend(updated.map(|v| ("updated".to_string(), v)));
    let f = crate::runtime::builtin("update_wrapper", update_wrapper);
    me.call(&partial_class().into(), Args { pos: vec![f], kw })
}

// ----- lru_cache and cache -----

/// The class of the callables `lru_cache` makes.
fn cache_class() -> Class {
    static CLASS: OnceLock<Frozen> = OnceLock::new();
    native_class(
        &CLASS,
        "functools._lru_cache_wrapper",
        "object",
        &[("__call__", cache_call)],
    )
}

/// The class of `cache_info()`'s results (a named tuple in CPython).
fn info_class() -> Class {
    static CLASS: OnceLock<Frozen> = OnceLock::new();
    native_class(
        &CLASS,
        "functools.CacheInfo",
        "object",
        &[("__repr__", info_repr), ("__eq__", info_eq)],
    )
}

/// The four fields of a `CacheInfo`.
const INFO_FIELDS: [&str; 4] = ["hits", "misses", "maxsize", "currsize"];

/// `lru_cache(maxsize=128, typed=False)`, or `@lru_cache` straight on a function.
fn lru_cache(me: &mut Interp, a: Args) -> Res<Value> {
    if a.pos.len() > 2 {
        let n = a.pos.len();
        return Err(me.exc(
            "TypeError",
            format!("lru_cache() takes from 0 to 2 positional arguments but {n} were given"),
        ));
    }
    let [maxsize, typed] = params(
        me,
        Style::Clinic,
        "lru_cache",
        a,
        ["maxsize", "typed"],
        (0, 2),
    )?;
    let typed = match typed {
        Some(t) => me.truthy(&t)?,
        None => false,
    };
    let maxsize = maxsize.unwrap_or(Value::Int(128));
    let maxsize = match &maxsize {
        Value::None => Value::None,
        v if crate::ops::as_big(v).is_some() => {
            // A negative size is 0, as in CPython.
            match v {
                Value::Int(n) if *n < 0 => Value::Int(0),
                Value::Bool(b) => Value::Int(i64::from(*b)),
                v => v.clone(),
            }
        }
        f if callable(me, f)? => return make_cache(me, f.clone(), Value::Int(128), typed),
        _ => {
            return Err(me.exc(
                "TypeError",
                "Expected first argument to be an integer, a callable, or None",
            ))
        }
    };
    Ok(bound(
        vec![maxsize, Value::Bool(typed)],
        "decorating_function",
        |me, a| {
            let (state, f) = state_and_object(me, a, "decorating_function")?;
            let [maxsize, typed]: [Value; 2] = state
                .try_into()
                .map_err(|_| me.exc("TypeError", "lru_cache's state was changed"))?;
            let typed = me.truthy(&typed)?;
            make_cache(me, f, maxsize, typed)
        },
    ))
}

/// A cache wrapper of `f`: `maxsize` an int (at least 0) or `None` (no bound).
fn make_cache(me: &mut Interp, f: Value, maxsize: Value, typed: bool) -> Res<Value> {
    if !callable(me, &f)? {
        return Err(me.exc("TypeError", "the first argument must be callable"));
    }
    let w = Instance::new(&cache_class());
    set(&w, "__cache__", Dict::new().into());
    set(&w, "__hits__", Value::Int(0));
    set(&w, "__misses__", Value::Int(0));
    set(&w, "__maxsize__", maxsize);
    set(&w, "__typed__", Value::Bool(typed));
    let wv: Value = w.clone().into();
    update_wrapper(me, Args::of(vec![wv.clone(), f]))?;
    set(
        &w,
        "cache_info",
        bound(vec![wv.clone()], "cache_info", cache_info),
    );
    set(
        &w,
        "cache_clear",
        bound(vec![wv.clone()], "cache_clear", cache_clear),
    );
    Ok(wv)
}

/// The marker between the positional and keyword arguments in a cache key.
fn kwd_mark() -> Value {
    static MARK: OnceLock<Frozen> = OnceLock::new();
    MARK.get_or_init(|| {
        let o = Instance::new(&types().class("object"));
        floe_core::freeze_component(std::slice::from_ref(o.as_obj()))
            .expect("a new object freezes");
        Frozen::try_from(o.into_obj())
            .expect("frozen")
            .into_immortal()
    })
    .to_value()
}

/// CPython's `_make_key`: the arguments (an int or str alone when it is the only one
/// and the cache is not typed), the keywords after a marker, then the types if typed.
fn make_key(me: &Interp, args: &[Value], kw: &[(String, Value)], typed: bool) -> Value {
    if kw.is_empty() && !typed {
        if let [one @ (Value::Int(_) | Value::Str(_))] = args {
            return one.clone();
        }
    }
    let mut key = args.to_vec();
    if !kw.is_empty() {
        key.push(kwd_mark());
        for (k, v) in kw {
            key.push(Value::str(k));
            key.push(v.clone());
        }
    }
    if typed {
        let types: Vec<Value> = args
            .iter()
            .chain(kw.iter().map(|(_, v)| v))
            .map(|v| me.type_of(v))
            .collect();
        key.extend(types);
    }
    Tuple::new(key).into()
}

/// The wrapper's cache dict, and whether it can still change (not frozen).
fn cache_dict(me: &mut Interp, w: &Value) -> Res<(Value, bool)> {
    let d = own(me, w, "__cache__")?;
    let live = d.as_obj().is_some_and(|o| !o.is_frozen());
    Ok((d, live))
}

/// Adds one to a counter attribute of a live wrapper.
fn bump(me: &mut Interp, w: &Value, name: &str) -> Res<()> {
    let n = match own(me, w, name)? {
        Value::Int(n) => n.saturating_add(1),
        _ => 1,
    };
    me.setattr(w, name, Value::Int(n))
}

/// Calling a cache wrapper.
fn cache_call(me: &mut Interp, a: Args) -> Res<Value> {
    let Args { pos, kw } = a;
    let mut pos = pos.into_iter();
    let w = this_of(me, pos.next(), &cache_class())?;
    let args: Vec<Value> = pos.collect();
    let f = own(me, &w, "__wrapped__")?;
    let maxsize = own(me, &w, "__maxsize__")?;
    let (cache, live) = cache_dict(me, &w)?;
    if matches!(maxsize, Value::Int(0)) {
        if live {
            bump(me, &w, "__misses__")?;
        }
        return me.call(&f, Args { pos: args, kw });
    }
    let typed = own(me, &w, "__typed__")?;
    let typed = me.truthy(&typed)?;
    let key = make_key(me, &args, &kw, typed);
    if let Some(v) = me.mapping_get(&cache, &key)? {
        if live {
            bump(me, &w, "__hits__")?;
            if !matches!(maxsize, Value::None) {
                // Most recently used: to the end of the dict's order.
                me.delitem(&cache, &key)?;
                me.setitem(&cache, key, v.clone())?;
            }
        }
        return Ok(v);
    }
    if live {
        bump(me, &w, "__misses__")?;
    }
    let result = me.call(&f, Args { pos: args, kw })?;
    // A recursive call may have stored the same key meanwhile: it stays as it is.
    if live && me.mapping_get(&cache, &key)?.is_none() {
        me.setitem(&cache, key, result.clone())?;
        if let Value::Int(max) = maxsize {
            let d = Dict::try_from(cache.as_obj().expect("a dict").clone())
                .map_err(|_| me.exc("TypeError", "a cache wrapper's cache must be a dict"))?;
            if d.len() as i64 > max {
                if let Some(oldest) = d.keys().into_iter().next() {
                    me.delitem(&cache, &oldest)?;
                }
            }
        }
    }
    Ok(result)
}

/// `f.cache_info()`.
fn cache_info(me: &mut Interp, a: Args) -> Res<Value> {
    let [state] = me.exact::<1>("cache_info", a)?;
    let w = me
        .collect(&state)?
        .into_iter()
        .next()
        .unwrap_or(Value::None);
    let (cache, _) = cache_dict(me, &w)?;
    let size = me.len(&cache)?;
    let info = Instance::new(&info_class());
    let values = [
        own(me, &w, "__hits__")?,
        own(me, &w, "__misses__")?,
        own(me, &w, "__maxsize__")?,
        Value::Int(size as i64),
    ];
    for (name, v) in INFO_FIELDS.into_iter().zip(values) {
        set(&info, name, v);
    }
    Ok(info.into())
}

/// `f.cache_clear()`: a `TypeError` on a frozen wrapper (nothing of it can change).
fn cache_clear(me: &mut Interp, a: Args) -> Res<Value> {
    let [state] = me.exact::<1>("cache_clear", a)?;
    let w = me
        .collect(&state)?
        .into_iter()
        .next()
        .unwrap_or(Value::None);
    let (cache, live) = cache_dict(me, &w)?;
    if !live {
        let name = me.getattr(&w, "__name__").unwrap_or(Value::None);
        let name = me.str_of(&name)?;
        return Err(me.exc(
            "TypeError",
            format!(
                "cannot clear the cache of frozen function '{name}': its cache is frozen with it"
            ),
        ));
    }
    me.call_method(&cache, "clear", Args::default())?;
    me.setattr(&w, "__hits__", Value::Int(0))?;
    me.setattr(&w, "__misses__", Value::Int(0))?;
    Ok(Value::None)
}

/// The four fields of a `CacheInfo`, in order.
fn info_fields(me: &mut Interp, info: &Value) -> Res<Vec<Value>> {
    INFO_FIELDS.iter().map(|n| own(me, info, n)).collect()
}

/// `repr(info)`: `CacheInfo(hits=…, misses=…, maxsize=…, currsize=…)`.
fn info_repr(me: &mut Interp, a: Args) -> Res<Value> {
    let [this] = me.exact::<1>("__repr__", a)?;
    let mut parts = Vec::new();
    for (n, v) in INFO_FIELDS.iter().zip(info_fields(me, &this)?) {
        parts.push(format!("{n}={}", me.repr(&v)?));
    }
    Ok(Value::str(&format!("CacheInfo({})", parts.join(", "))))
}

/// `info == other`: equal to another `CacheInfo` or to the tuple of its fields.
fn info_eq(me: &mut Interp, a: Args) -> Res<Value> {
    let [this, other] = me.exact::<2>("__eq__", a)?;
    let mine = Tuple::new(info_fields(me, &this)?).into();
    let theirs = if is_instance(&other, &info_class()) {
        Tuple::new(info_fields(me, &other)?).into()
    } else {
        other
    };
    Ok(Value::Bool(me.eq(&mine, &theirs)?))
}

// ----- cmp_to_key -----

/// The class of `cmp_to_key`'s keys: each compares by calling the function on the two
/// objects.
fn key_class() -> Class {
    static CLASS: OnceLock<Frozen> = OnceLock::new();
    native_class(
        &CLASS,
        "functools.KeyWrapper",
        "object",
        &[
            ("__lt__", |me, a| key_compare(me, a, CmpOp::Lt)),
            ("__le__", |me, a| key_compare(me, a, CmpOp::LtE)),
            ("__gt__", |me, a| key_compare(me, a, CmpOp::Gt)),
            ("__ge__", |me, a| key_compare(me, a, CmpOp::GtE)),
            ("__eq__", |me, a| key_compare(me, a, CmpOp::Eq)),
        ],
    )
}

/// `k1 op k2`: `mycmp(k1.obj, k2.obj) op 0`.
fn key_compare(me: &mut Interp, a: Args, op: CmpOp) -> Res<Value> {
    let [this, other] = me.exact::<2>("__lt__", a)?;
    if !is_instance(&other, &key_class()) {
        return Err(me.exc("TypeError", "other argument must be K instance"));
    }
    let cmp = own(me, &this, "__cmp__")?;
    let (x, y) = (own(me, &this, "obj")?, own(me, &other, "obj")?);
    let r = me.call(&cmp, Args::of(vec![x, y]))?;
    Ok(Value::Bool(me.compare(op, &r, &Value::Int(0))?))
}

// ----- total_ordering -----

/// How a derived comparison is computed from the root's result `r` (CPython's
/// `_gt_from_lt` and its eleven siblings).
#[derive(Clone, Copy)]
enum Form {
    /// `not r and self != other`
    NotAndNe,
    /// `r or self == other`
    OrEq,
    /// `not r`
    Not,
    /// `not r or self == other`
    NotOrEq,
    /// `r and self != other`
    AndNe,
}

/// The root operations in CPython's order of preference, each with the three it gives.
const ROOTS: [(&str, [(&str, Form); 3]); 4] = [
    (
        "__lt__",
        [
            ("__gt__", Form::NotAndNe),
            ("__le__", Form::OrEq),
            ("__ge__", Form::Not),
        ],
    ),
    (
        "__le__",
        [
            ("__ge__", Form::NotOrEq),
            ("__lt__", Form::AndNe),
            ("__gt__", Form::Not),
        ],
    ),
    (
        "__gt__",
        [
            ("__lt__", Form::NotAndNe),
            ("__ge__", Form::OrEq),
            ("__le__", Form::Not),
        ],
    ),
    (
        "__ge__",
        [
            ("__le__", Form::NotOrEq),
            ("__gt__", Form::AndNe),
            ("__lt__", Form::Not),
        ],
    ),
];

/// The derived comparison `ROOTS[R].1[D]` as a built-in function.
fn derived<const R: usize, const D: usize>(me: &mut Interp, a: Args) -> Res<Value> {
    let (root, (name, form)) = (ROOTS[R].0, ROOTS[R].1[D]);
    let [this, other] = me.exact::<2>(name, a)?;
    let class = me.class_of(&this);
    let Some(f) = class.lookup(root) else {
        return Err(me.exc("TypeError", format!("'{}' lost its {root}", class.name())));
    };
    let r = me.call(&f, Args::of(vec![this.clone(), other.clone()]))?;
    if is_not_implemented(me, &r) {
        return Ok(r);
    }
    let truth = me.truthy(&r)?;
    Ok(match form {
        Form::Not => Value::Bool(!truth),
        Form::NotAndNe if truth => Value::Bool(false),
        Form::AndNe if !truth => r,
        Form::NotAndNe | Form::AndNe => Value::Bool(me.compare(CmpOp::NotEq, &this, &other)?),
        Form::OrEq if truth => r,
        Form::NotOrEq if !truth => Value::Bool(true),
        Form::OrEq | Form::NotOrEq => Value::Bool(me.eq(&this, &other)?),
    })
}

/// `v` is the interpreter's `NotImplemented` (when it is a value of its own).
fn is_not_implemented(me: &Interp, v: &Value) -> bool {
    match (me.builtins.get_text("NotImplemented"), v) {
        (Some(Value::Obj(ni)), Value::Obj(o)) => ni.ptr_eq(o),
        _ => false,
    }
}

/// The derived comparisons, by root and position in `ROOTS`.
const DERIVED: [[crate::runtime::BuiltinFn; 3]; 4] = [
    [derived::<0, 0>, derived::<0, 1>, derived::<0, 2>],
    [derived::<1, 0>, derived::<1, 1>, derived::<1, 2>],
    [derived::<2, 0>, derived::<2, 1>, derived::<2, 2>],
    [derived::<3, 0>, derived::<3, 1>, derived::<3, 2>],
];

/// `@total_ordering`: the comparisons a class lacks, from the one it defines (`<`
/// first, then `<=`, `>`, `>=`).
fn total_ordering(me: &mut Interp, a: Args) -> Res<Value> {
    let [cls] = params(me, Style::Clinic, "total_ordering", a, ["cls"], (1, 1))?;
    let cls = cls.expect("required");
    let Some(class) = cls.as_obj().and_then(|o| Class::try_from(o.clone()).ok()) else {
        return Err(me.exc(
            "TypeError",
            format!("total_ordering() expects a class, not {}", cls.type_name()),
        ));
    };
    let defined: Vec<bool> = ROOTS
        .iter()
        .map(|(r, _)| class.lookup(r).is_some())
        .collect();
    let Some(root) = defined.iter().position(|&d| d) else {
        return Err(me.exc(
            "ValueError",
            "must define at least one ordering operation: < > <= >=",
        ));
    };
    for (d, (name, _)) in ROOTS[root].1.iter().enumerate() {
        let is_root = ROOTS
            .iter()
            .zip(&defined)
            .any(|((r, _), &def)| def && r == name);
        if !is_root {
            let f = crate::runtime::builtin(name, DERIVED[root][d]);
            me.setattr(&cls, name, f)?;
        }
    }
    Ok(cls)
}
