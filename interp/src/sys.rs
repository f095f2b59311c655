//! A minimal `sys` module (RFC-0008 §8 step 1): the recursion limit and `argv`. The
//! whole module comes with the standard library (issue #16).

use floe_core::{List, Value};

use crate::interp::{Args, Interp};
use crate::runtime::new_module;
use crate::Res;

/// The highest recursion limit a script may set: each Python frame lives on the heap,
/// but calls made from native code (a key function, `__init__`, `__eq__`) still nest on
/// the interpreter thread's stack, which this bound keeps within its 256 MiB.
pub(crate) const MAX_RECURSION_LIMIT: usize = 100_000;

/// The `sys` module object (made once per interpreter).
pub(crate) fn module(me: &mut Interp) -> Value {
    if let Some(m) = &me.sys_module {
        return m.clone();
    }
    let m = new_module(
        "sys",
        &[
            ("setrecursionlimit", setrecursionlimit),
            ("getrecursionlimit", getrecursionlimit),
        ],
    );
    let script = me
        .modules
        .first()
        .map_or_else(String::new, |m| m.source.name.clone());
    m.set_attr("argv", List::new([Value::str(&script)]).into())
        .expect("a new module accepts attributes");
    let v: Value = m.into();
    me.sys_module = Some(v.clone());
    v
}

/// `sys.setrecursionlimit(n)`.
fn setrecursionlimit(me: &mut Interp, a: Args) -> Res<Value> {
    let [n] = me.exact::<1>("setrecursionlimit", a)?;
    let Value::Int(n) = n else {
        return Err(me.exc(
            "TypeError",
            format!(
                "'{}' object cannot be interpreted as an integer",
                n.type_name()
            ),
        ));
    };
    if n < 1 {
        return Err(me.exc(
            "ValueError",
            "recursion limit must be greater or equal than 1",
        ));
    }
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    if n > MAX_RECURSION_LIMIT {
        return Err(me.exc(
            "ValueError",
            format!("recursion limit must be at most {MAX_RECURSION_LIMIT} in floe"),
        ));
    }
    let depth = me.frames.len();
    if n <= depth {
        return Err(me.exc(
            "RecursionError",
            format!("cannot set the recursion limit to {n} at the recursion depth {depth}: the limit is too low"),
        ));
    }
    me.recursion_limit = n;
    Ok(Value::None)
}

/// `sys.getrecursionlimit()`.
fn getrecursionlimit(me: &mut Interp, a: Args) -> Res<Value> {
    me.exact::<0>("getrecursionlimit", a)?;
    Ok(Value::Int(me.recursion_limit as i64))
}
