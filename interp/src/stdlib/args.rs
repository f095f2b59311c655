//! Argument parsing with CPython's messages, in its two styles: functions that take
//! keywords (`count(start=0, step=1)`: "'x' is an invalid keyword argument for
//! count()") and positional-only ones (`cycle(iterable)`: "cycle expected 1 argument,
//! got 2").

use floe_core::Value;

use crate::interp::{Args, Interp};
use crate::Res;

/// Whose messages a function's argument errors carry.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    /// A C function's (CPython's argument clinic): "'k' is an invalid keyword argument
    /// for f()", "f() missing required argument 'x' (pos 1)".
    Clinic,
    /// A function written in Python (`copy.copy`, `json.dumps`): "f() got an unexpected
    /// keyword argument 'k'", "f() missing 1 required positional argument: 'x'".
    Python,
}

/// The arguments of a call to `f(names[0], names[1], …)` where the first `required`
/// parameters must be given and the first `positional` may be given by position (the
/// rest are keyword-only): each parameter's value, `None` where not given. Errors are
/// reported in the order CPython checks them for a function of `style`.
pub(super) fn params<const N: usize>(
    me: &mut Interp,
    style: Style,
    f: &str,
    a: Args,
    names: [&str; N],
    (required, positional): (usize, usize),
) -> Res<[Option<Value>; N]> {
    let given = a.pos.len();
    if given > positional {
        let msg = match style {
            Style::Clinic => {
                let what = if positional == N { "" } else { "positional " };
                format!(
                    "{f}() takes at most {positional} {what}argument{} ({given} given)",
                    plural(positional)
                )
            }
            Style::Python => {
                let takes = if required == positional {
                    format!("{positional} positional argument{}", plural(positional))
                } else {
                    format!("from {required} to {positional} positional arguments")
                };
                let were = if given == 1 { "was" } else { "were" };
                format!("{f}() takes {takes} but {given} {were} given")
            }
        };
        return Err(me.exc("TypeError", msg));
    }
    let Filled {
        out,
        unknown,
        twice,
    } = fill(names, a);
    let missing: Vec<usize> = (0..required).filter(|&i| out[i].is_none()).collect();
    let unknown = unknown.map(|k| match style {
        Style::Clinic => format!("'{k}' is an invalid keyword argument for {f}()"),
        Style::Python => format!("{f}() got an unexpected keyword argument '{k}'"),
    });
    let twice = twice.map(|i| match style {
        Style::Clinic => format!(
            "argument for {f}() given by name ('{}') and position ({})",
            names[i],
            i + 1
        ),
        Style::Python => format!("{f}() got multiple values for argument '{}'", names[i]),
    });
    let missing = (!missing.is_empty()).then(|| match style {
        Style::Clinic => format!(
            "{f}() missing required argument '{}' (pos {})",
            names[missing[0]],
            missing[0] + 1
        ),
        Style::Python => {
            let quoted: Vec<String> = missing.iter().map(|&i| format!("'{}'", names[i])).collect();
            let list = match quoted.as_slice() {
                [one] => one.clone(),
                [a, b] => format!("{a} and {b}"),
                [init @ .., last] => format!("{}, and {last}", init.join(", ")),
                [] => unreachable!("not empty"),
            };
            let n = quoted.len();
            format!(
                "{f}() missing {n} required positional argument{}: {list}",
                plural(n)
            )
        }
    });
    let first = match style {
        Style::Clinic => unknown.or(missing).or(twice),
        Style::Python => unknown.or(twice).or(missing),
    };
    match first {
        Some(msg) => Err(me.exc("TypeError", msg)),
        None => Ok(out),
    }
}

/// A call's arguments matched to the parameters `names`: what each received, the first
/// unknown keyword, and the first parameter given both by position and by name.
struct Filled<const N: usize> {
    out: [Option<Value>; N],
    unknown: Option<String>,
    twice: Option<usize>,
}

fn fill<const N: usize>(names: [&str; N], a: Args) -> Filled<N> {
    let mut out: [Option<Value>; N] = std::array::from_fn(|_| None);
    let given = a.pos.len();
    for (slot, v) in out.iter_mut().zip(a.pos) {
        *slot = Some(v);
    }
    let (mut unknown, mut twice) = (None, None);
    for (k, v) in a.kw {
        match names.iter().position(|n| *n == k) {
            None => {
                unknown.get_or_insert(k);
            }
            Some(i) if i < given || out[i].is_some() => {
                twice.get_or_insert(i);
            }
            Some(i) => out[i] = Some(v),
        }
    }
    Filled {
        out,
        unknown,
        twice,
    }
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
