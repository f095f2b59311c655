//! The `sys` module (RFC-0008 §8 step 1, RFC-0006 §9): the recursion limit, `argv`,
//! `maxsize`, `version_info`, `platform`, `exit` (raising `SystemExit`, whose status
//! ends the run), and `stdout`/`stderr` objects with `write` and `flush`.

use floe_core::{Instance, List, Tuple, Value};

use crate::interp::{Args, Interp};
use crate::runtime::{builtin, new_module, types};
use crate::Res;

/// The Python version whose semantics floe follows, as `sys.version_info` gives it.
const VERSION: (i64, i64, i64) = (3, 11, 0);

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
            ("exit", exit),
            ("intern", |me, a| {
                let [s] = me.exact::<1>("intern", a)?;
                me.str_arg(&s)?;
                Ok(s)
            }),
        ],
    );
    let (major, minor, micro) = VERSION;
    let attrs = [
        ("maxsize", Value::Int(i64::MAX)),
        (
            "version_info",
            Tuple::new([
                Value::Int(major),
                Value::Int(minor),
                Value::Int(micro),
                Value::str("final"),
                Value::Int(0),
            ])
            .into(),
        ),
        (
            "version",
            Value::str(&format!(
                "{major}.{minor}.{micro} (floe {})",
                env!("CARGO_PKG_VERSION")
            )),
        ),
        ("platform", Value::str(platform())),
        (
            "byteorder",
            Value::str(if cfg!(target_endian = "little") {
                "little"
            } else {
                "big"
            }),
        ),
        ("stdout", stream(|me, a| write(me, a, false))),
        ("stderr", stream(|me, a| write(me, a, true))),
    ];
    for (name, v) in attrs {
        m.set_attr(name, v)
            .expect("a new module accepts attributes");
    }
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

/// `sys.platform`: CPython's name for the operating system.
fn platform() -> &'static str {
    match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win32",
        other => other,
    }
}

/// An output stream object whose `write` is the built-in `write`: stored on the object
/// itself, so `sys.stdout.write(s)` and `print(..., file=sys.stderr)` reach it without
/// binding.
fn stream(write: crate::runtime::BuiltinFn) -> Value {
    let s = Instance::new(&types().class("object"));
    s.set_attr("write", builtin("write", write))
        .expect("a new object accepts attributes");
    let flush: crate::runtime::BuiltinFn = |me, a| {
        me.exact::<0>("flush", a)?;
        Ok(Value::None)
    };
    s.set_attr("flush", builtin("flush", flush))
        .expect("a new object accepts attributes");
    s.into()
}

/// `stream.write(text)`: the number of characters written.
fn write(me: &mut Interp, a: Args, to_stderr: bool) -> Res<Value> {
    let [text] = me.exact::<1>("write", a)?;
    let Value::Str(text) = &text else {
        return Err(me.exc(
            "TypeError",
            format!("write() argument must be str, not {}", text.type_name()),
        ));
    };
    if to_stderr {
        eprint!("{text}");
    } else {
        me.write_out(text);
    }
    Ok(Value::Int(text.chars().count() as i64))
}

/// `sys.exit(status=None)`: raises `SystemExit(status)`.
fn exit(me: &mut Interp, a: Args) -> Res<Value> {
    if a.pos.len() > 1 || !a.kw.is_empty() {
        let n = a.pos.len() + a.kw.len();
        return Err(me.exc(
            "TypeError",
            format!("exit expected at most 1 argument, got {n}"),
        ));
    }
    let args = a.pos;
    let code = args.first().cloned().unwrap_or(Value::None);
    let e = me.new_exception("SystemExit", args);
    if let Some(o) = e.as_obj() {
        o.set_attr("code", code)
            .map_err(|err| me.core_exc(err, &[]))?;
    }
    Err(crate::errors::Flow::Exc(Box::new(crate::errors::Exc {
        value: e,
        tb: Vec::new(),
    })))
}

/// An uncaught `SystemExit`: the run's exit status (kept in the interpreter for the
/// runner) and what CPython prints for it (its code when that is not an int or `None`).
/// `None` for any other exception.
pub(crate) fn exit_request(me: &mut Interp, exc: &Value) -> Option<String> {
    let class = exc.as_obj()?.class_of()?;
    if !class.is_subclass(&types().class("SystemExit")) {
        return None;
    }
    let code = exc
        .as_obj()
        .and_then(|o| o.get_attr("code").ok())
        .unwrap_or(Value::None);
    let (status, text) = match &code {
        Value::None => (0, String::new()),
        Value::Int(n) => (*n as i32, String::new()),
        Value::Bool(b) => (i32::from(*b), String::new()),
        other => (1, me.str_of(other).unwrap_or_default()),
    };
    me.stdlib.exit_status = Some(status);
    Some(text)
}
