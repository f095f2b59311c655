//! `gc`: `collect()` runs the interpreter thread's cycle collection now; `enable`,
//! `disable` and `isenabled` keep a flag in the interpreter ([`super::Stdlib`]). Floe
//! frees acyclic garbage at once and collects cycles when the live objects have doubled
//! whatever the flag says, so `disable()` changes no result, only what `isenabled()`
//! answers.

use floe_core::Value;

use super::args::{params, Style};
use super::Spec;
use crate::interp::{Args, Interp};
use crate::Res;

pub(super) const SPEC: Spec = Spec {
    name: "gc",
    fns: &[
        ("collect", collect),
        ("enable", |me, a| switch(me, a, "enable", Some(false))),
        ("disable", |me, a| switch(me, a, "disable", Some(true))),
        ("isenabled", |me, a| switch(me, a, "isenabled", None)),
    ],
    consts: super::no_consts,
};

/// `collect(generation=2)`: the number of objects freed.
fn collect(me: &mut Interp, a: Args) -> Res<Value> {
    let [generation] = params(me, Style::Clinic, "collect", a, ["generation"], (0, 1))?;
    if let Some(g) = generation {
        let g = super::math::integer(me, &g)?;
        if g < 0.into() || g > 2.into() {
            return Err(me.exc("ValueError", "invalid generation"));
        }
    }
    me.generators.drop_abandoned();
    let freed = floe_core::heap::collect();
    Ok(Value::Int(i64::try_from(freed).unwrap_or(i64::MAX)))
}

/// `enable()`, `disable()` (`off` given) and `isenabled()`.
fn switch(me: &mut Interp, a: Args, name: &str, off: Option<bool>) -> Res<Value> {
    let n = a.pos.len() + a.kw.len();
    if n > 0 {
        return Err(me.exc(
            "TypeError",
            format!("gc.{name}() takes no arguments ({n} given)"),
        ));
    }
    Ok(match off {
        Some(off) => {
            me.stdlib.gc_disabled = off;
            Value::None
        }
        None => Value::Bool(!me.stdlib.gc_disabled),
    })
}
