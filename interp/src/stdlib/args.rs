//! Argument parsing with CPython's messages, in its two styles: functions that take
//! keywords (`count(start=0, step=1)`: "'x' is an invalid keyword argument for
//! count()") and positional-only ones (`cycle(iterable)`: "cycle expected 1 argument,
//! got 2").

use floe_core::Value;

use crate::interp::{Args, Interp};
use crate::Res;

/// The arguments of a call to `f(names[0], names[1], …)` where the first `required`
/// parameters must be given and the first `positional` may be given by position (the
/// rest are keyword-only): each parameter's value, `None` where not given.
pub(super) fn params<const N: usize>(
    me: &mut Interp,
    f: &str,
    a: Args,
    names: [&str; N],
    required: usize,
    positional: usize,
) -> Res<[Option<Value>; N]> {
    let given = a.pos.len();
    if given > positional {
        let what = if positional == N {
            "argument"
        } else {
            "positional argument"
        };
        return Err(me.exc(
            "TypeError",
            format!(
                "{f}() takes at most {positional} {what}{} ({given} given)",
                plural(positional)
            ),
        ));
    }
    let mut out: [Option<Value>; N] = std::array::from_fn(|_| None);
    for (slot, v) in out.iter_mut().zip(a.pos) {
        *slot = Some(v);
    }
    // As CPython's argument clinic: a missing argument is reported before one given
    // twice, and an unknown keyword before both.
    let mut twice = None;
    for (k, v) in a.kw {
        let Some(i) = names.iter().position(|n| *n == k) else {
            return Err(me.exc(
                "TypeError",
                format!("'{k}' is an invalid keyword argument for {f}()"),
            ));
        };
        if i < given {
            twice.get_or_insert((k, i));
        } else {
            out[i] = Some(v);
        }
    }
    if let Some(i) = out[..required].iter().position(Option::is_none) {
        return Err(me.exc(
            "TypeError",
            format!(
                "{f}() missing required argument '{}' (pos {})",
                names[i],
                i + 1
            ),
        ));
    }
    if let Some((k, i)) = twice {
        return Err(me.exc(
            "TypeError",
            format!(
                "argument for {f}() given by name ('{k}') and position ({})",
                i + 1
            ),
        ));
    }
    Ok(out)
}

/// The positional arguments of a call to a function that takes `min..=max` of them and
/// no keywords, with CPython's "f expected 2 arguments, got 1".
pub(super) fn only_positional(
    me: &mut Interp,
    f: &str,
    a: Args,
    min: usize,
    max: usize,
) -> Res<Vec<Value>> {
    if !a.kw.is_empty() {
        return Err(me.exc("TypeError", format!("{f}() takes no keyword arguments")));
    }
    let n = a.pos.len();
    let bound = if n < min { min } else { max };
    if n < min || n > max {
        let how = match (min == max, n < min) {
            (true, _) => "",
            (false, true) => "at least ",
            (false, false) => "at most ",
        };
        return Err(me.exc(
            "TypeError",
            format!(
                "{f} expected {how}{bound} argument{}, got {n}",
                plural(bound)
            ),
        ));
    }
    Ok(a.pos)
}

/// `only_positional` for exactly `N` arguments.
pub(super) fn exactly<const N: usize>(me: &mut Interp, f: &str, a: Args) -> Res<[Value; N]> {
    let pos = only_positional(me, f, a, N, N)?;
    Ok(pos.try_into().expect("checked count"))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A value that is `None` when the argument was not given or was `None`.
pub(super) fn given(v: Option<Value>) -> Option<Value> {
    v.filter(|v| !matches!(v, Value::None))
}

/// [`params`] with the messages of a function written in Python (`copy.copy`,
/// `json.dumps`): "f() missing 1 required positional argument: 'x'", "f() takes 1
/// positional argument but 2 were given", "f() got an unexpected keyword argument 'k'".
pub(super) fn py_params<const N: usize>(
    me: &mut Interp,
    f: &str,
    a: Args,
    names: [&str; N],
    required: usize,
    positional: usize,
) -> Res<[Option<Value>; N]> {
    let given = a.pos.len();
    if given > positional {
        let takes = if required == positional {
            format!("{positional} positional argument{}", plural(positional))
        } else {
            format!("from {required} to {positional} positional arguments")
        };
        let were = if given == 1 { "was" } else { "were" };
        return Err(me.exc(
            "TypeError",
            format!("{f}() takes {takes} but {given} {were} given"),
        ));
    }
    let mut out: [Option<Value>; N] = std::array::from_fn(|_| None);
    for (slot, v) in out.iter_mut().zip(a.pos) {
        *slot = Some(v);
    }
    for (k, v) in a.kw {
        let Some(i) = names.iter().position(|n| *n == k) else {
            return Err(me.exc(
                "TypeError",
                format!("{f}() got an unexpected keyword argument '{k}'"),
            ));
        };
        if out[i].replace(v).is_some() {
            return Err(me.exc(
                "TypeError",
                format!("{f}() got multiple values for argument '{k}'"),
            ));
        }
    }
    let missing: Vec<String> = (0..required)
        .filter(|&i| out[i].is_none())
        .map(|i| format!("'{}'", names[i]))
        .collect();
    if !missing.is_empty() {
        let n = missing.len();
        let list = match missing.as_slice() {
            [one] => one.clone(),
            [a, b] => format!("{a} and {b}"),
            [init @ .., last] => format!("{}, and {last}", init.join(", ")),
            [] => unreachable!("not empty"),
        };
        return Err(me.exc(
            "TypeError",
            format!(
                "{f}() missing {n} required positional argument{}: {list}",
                plural(n)
            ),
        ));
    }
    Ok(out)
}
