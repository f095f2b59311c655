//! Floe's standard library, written in Rust (issue #16; RFC-0006 "Modules and the
//! model"): `math`, `time`, `_random` (the functions of `random`, whose module is
//! Python source in `py/`), `bisect`, `heapq`, `operator`, `itertools`, `functools`,
//! `string`, `gc`, `typing`, `copy` and `json`.
//!
//! Each module object is made once per interpreter, on its first import, and frozen
//! there (PEP 795's immutable modules): it holds built-in functions, numbers, strings
//! and the frozen classes it defines ([`classes`]), so every behaviour may share it.
//! State a module needs — `random`'s generator, `gc`'s switch — lives in the
//! interpreter ([`Stdlib`]), never in an object: each behaviour's worker has its own.

mod args;
mod bisect;
mod classes;
mod copy;
mod functools;
mod gc;
mod heapq;
pub(crate) mod itertools;
mod json;
mod math;
mod operator;
mod random;
mod string;
mod time;
mod typing;

use floe_core::{freeze_component, Instance, Value};

use crate::interp::{Args, Interp};
use crate::runtime::{new_module, BuiltinFn, FastMap};
use crate::Res;

/// How a module is made: its functions, and its other (frozen or immediate) attributes.
struct Spec {
    name: &'static str,
    fns: &'static [(&'static str, BuiltinFn)],
    consts: fn() -> Vec<(&'static str, Value)>,
}

/// Every standard-library module, by name.
const MODULES: &[Spec] = &[
    math::SPEC,
    time::SPEC,
    random::SPEC,
    bisect::SPEC,
    heapq::SPEC,
    operator::SPEC,
    itertools::SPEC,
    functools::SPEC,
    string::SPEC,
    gc::SPEC,
    typing::SPEC,
    copy::SPEC,
    json::SPEC,
];

/// Standard-library modules written in Python (`py/NAME.py`, embedded in the binary):
/// their names and sources. [`crate::modules`] runs one on its first import and freezes
/// it.
const PYTHON_MODULES: &[(&str, &str)] = &[
    ("__future__", include_str!("py/__future__.py")),
    ("collections", include_str!("py/collections.py")),
    ("collections.abc", include_str!("py/collections_abc.py")),
    ("io", include_str!("py/io.py")),
    ("array", include_str!("py/array.py")),
    ("enum", include_str!("py/enum.py")),
    ("dataclasses", include_str!("py/dataclasses.py")),
    ("random", include_str!("py/random.py")),
];

/// `true` if the standard-library module `name` has submodules (`collections`): it is
/// a package, whose own source may import them relatively (`from . import abc`).
pub(crate) fn is_python_package(name: &str) -> bool {
    PYTHON_MODULES.iter().any(|(n, _)| {
        n.strip_prefix(name)
            .is_some_and(|rest| rest.starts_with('.'))
    })
}

/// The source of the standard-library module `name` if it is written in Python.
pub(crate) fn python_source(name: &str) -> Option<&'static str> {
    PYTHON_MODULES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, source)| source)
}

/// The deepest a module's own recursion over nested data (`copy.deepcopy`, `json`)
/// goes before `RecursionError`, whatever the recursion limit: each level is a Rust
/// frame on the interpreter thread's stack, as a native call into Python is.
const MAX_NESTING: usize = 8_000;

/// `true` when a module's recursion at `depth` must stop ([`MAX_NESTING`], or the
/// script's recursion limit if lower).
fn too_deep(me: &Interp, depth: usize) -> bool {
    depth >= MAX_NESTING.min(me.recursion_limit)
}

/// No attributes besides the functions.
fn no_consts() -> Vec<(&'static str, Value)> {
    Vec::new()
}

/// One interpreter's standard-library state: the modules imported so far, and the
/// state of those that have some.
#[derive(Default)]
pub(crate) struct Stdlib {
    loaded: FastMap<&'static str, Value>,
    /// `random`'s generator, made (seeded from the OS) on first use.
    random: Option<random::Generator>,
    /// `gc.disable()` was called last (not `gc.enable()`).
    gc_disabled: bool,
    /// The status an uncaught `SystemExit` asked the run to end with.
    pub(crate) exit_status: Option<i32>,
}

/// The module `name` of this interpreter (made and frozen on first import), or `None`
/// when the standard library has no such module.
pub(crate) fn import(me: &mut Interp, name: &str) -> Option<Value> {
    let spec = MODULES.iter().find(|s| s.name == name)?;
    if let Some(m) = me.stdlib.loaded.get(spec.name) {
        return Some(m.clone());
    }
    let m = new_module(spec.name, spec.fns);
    for (attr, value) in (spec.consts)() {
        m.set_attr(attr, value)
            .expect("a new module accepts attributes");
    }
    freeze(&m);
    let v: Value = m.into();
    me.stdlib.loaded.insert(spec.name, v.clone());
    Some(v)
}

/// Freezes a new module object with the objects it alone holds (the classes and
/// callable objects a module defines, such as `itertools.chain`).
pub(crate) fn freeze(m: &Instance) {
    let mut component = vec![m.as_obj().clone()];
    let mut i = 0;
    while i < component.len() {
        let o = component[i].clone();
        let more = o
            .references()
            .into_iter()
            .chain(o.class_of().map(Into::into));
        for r in more {
            if !r.is_frozen() && !component.iter().any(|c| c.ptr_eq(&r)) {
                component.push(r);
            }
        }
        i += 1;
    }
    freeze_component(&component).expect("a new module's objects are its own");
}

/// Python's `a < b`, without the special-method lookups when both are small ints or
/// both floats (the common heap and search keys).
fn less_than(me: &mut Interp, a: &Value, b: &Value) -> Res<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(x < y),
        (Value::Float(x), Value::Float(y)) => Ok(x < y),
        _ => me.compare(rustpython_parser::ast::CmpOp::Lt, a, b),
    }
}

/// The positional arguments of a call that takes `min..=max` of them and no keywords.
fn positional(me: &mut Interp, name: &str, a: Args, min: usize, max: usize) -> Res<Vec<Value>> {
    if let Some((k, _)) = a.kw.first() {
        return Err(me.exc(
            "TypeError",
            format!("{name}() got an unexpected keyword argument '{k}'"),
        ));
    }
    let n = a.pos.len();
    if n < min || n > max {
        let want = if min == max {
            format!("exactly {min}")
        } else if n < min {
            format!("at least {min}")
        } else {
            format!("at most {max}")
        };
        return Err(me.exc(
            "TypeError",
            format!(
                "{name}() takes {want} argument{} ({n} given)",
                if want.ends_with(" 1") { "" } else { "s" }
            ),
        ));
    }
    Ok(a.pos)
}

/// Splits keyword arguments named in `allowed` off a call (`None` for those not given).
fn keywords<const N: usize>(
    me: &mut Interp,
    name: &str,
    kw: Vec<(String, Value)>,
    allowed: [&str; N],
) -> Res<[Option<Value>; N]> {
    let mut out: [Option<Value>; N] = std::array::from_fn(|_| None);
    for (k, v) in kw {
        match allowed.iter().position(|a| *a == k) {
            Some(i) => out[i] = Some(v),
            None => {
                return Err(me.exc(
                    "TypeError",
                    format!("{name}() got an unexpected keyword argument '{k}'"),
                ))
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
