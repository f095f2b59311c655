//! Methods of the built-in types: `str`, `list`, `tuple`, `dict`, `set`, `frozenlist`,
//! `frozendict`, and a region's `owns`.

use floe_core::{Dict, Kind, List, Tuple, Value};
use floe_regions::Region;
use rustpython_parser::ast::CmpOp;

use crate::interp::{Args, Interp};
use crate::ops::{kind_name, range_of};
use crate::Res;

const STR: &[&str] = &[
    "join",
    "split",
    "rsplit",
    "strip",
    "lstrip",
    "rstrip",
    "upper",
    "lower",
    "startswith",
    "endswith",
    "replace",
    "find",
    "rfind",
    "index",
    "count",
    "format",
    "isdigit",
    "isalpha",
    "isspace",
    "isalnum",
    "isupper",
    "islower",
    "capitalize",
    "title",
    "ljust",
    "rjust",
    "center",
    "zfill",
    "splitlines",
    "partition",
    "rpartition",
    "rindex",
    "casefold",
    "swapcase",
    "removeprefix",
    "removesuffix",
    "isascii",
    "isdecimal",
    "isnumeric",
    "isidentifier",
    "isprintable",
    "istitle",
    "expandtabs",
    "encode",
];
const LIST: &[&str] = &[
    "append", "extend", "pop", "insert", "remove", "index", "count", "sort", "reverse", "clear",
    "copy",
];
const TUPLE: &[&str] = &["index", "count"];
const DICT: &[&str] = &[
    "get",
    "keys",
    "values",
    "items",
    "pop",
    "setdefault",
    "update",
    "clear",
    "copy",
    "popitem",
];
const INT: &[&str] = &["bit_length", "bit_count", "to_bytes"];
const FROZENDICT: &[&str] = &["get", "keys", "values", "items", "copy"];
const GENERATOR: &[&str] = &["send", "throw", "close", "__next__", "__iter__"];
const ITERATOR: &[&str] = &["__next__", "__iter__"];

/// The methods of a built-in type (for a `set` or a `bytearray`, those it shares with
/// `frozenset` or `bytes`: [`type_has`] adds their mutators).
fn methods_of(kind: Option<&str>) -> &'static [&'static str] {
    match kind {
        Some("str") => STR,
        Some("list") => LIST,
        Some("tuple" | "frozenlist") => TUPLE,
        Some("dict") => DICT,
        Some("set" | "frozenset") => crate::sets::FROZENSET,
        Some("int") => INT,
        Some("bytes" | "bytearray") => crate::bytes::BYTES,
        Some("frozendict") => FROZENDICT,
        Some("generator") => GENERATOR,
        Some("map" | "filter" | "zip" | "enumerate") => ITERATOR,
        _ => &[],
    }
}

/// `true` if the built-in type `kind` has a method `name`.
fn type_has(kind: Option<&str>, name: &str) -> bool {
    methods_of(kind).contains(&name)
        || match kind {
            Some("set") => crate::sets::SET_MUTATORS.contains(&name),
            Some("bytearray") => crate::bytes::BYTEARRAY_MUTATORS.contains(&name),
            _ => false,
        }
}

/// The position `pop(i)` removes from a sequence of `n` items (`i` defaults to the last);
/// `IndexError` in CPython's words for an empty sequence (`what`) or a bad index.
pub(crate) fn pop_index(me: &mut Interp, a: &Args, n: usize, what: &str) -> Res<usize> {
    if n == 0 {
        return Err(me.exc("IndexError", format!("pop from empty {what}")));
    }
    let i = match a.pos.first() {
        Some(i) => me.index_of(i)?,
        None => -1,
    };
    let n = n as i64;
    let j = if i < 0 { i + n } else { i };
    if !(0..n).contains(&j) {
        return Err(me.exc("IndexError", "pop index out of range"));
    }
    Ok(j as usize)
}

/// `true` if `obj` is the built-in class `frozendict` (whose `fromkeys` is a method).
fn is_frozendict_class(obj: &Value) -> bool {
    builtin_class(obj) == Some("frozendict")
}

/// The name of `obj` if it is a built-in class.
fn builtin_class(obj: &Value) -> Option<&'static str> {
    obj.as_obj()
        .and_then(|o| crate::runtime::types().builtin_name(o))
}

/// `true` if the built-in type of `obj` has a method `name`.
pub(crate) fn has_method(_: &Interp, obj: &Value, name: &str) -> bool {
    type_has(kind_name(obj), name)
        || (name == "fromkeys" && matches!(builtin_class(obj), Some("dict" | "frozendict")))
        || crate::dunders::has(obj, name)
        || (name == "owns"
            && obj
                .as_obj()
                .is_some_and(|o| Region::try_from(o.clone()).is_ok()))
        || (name == "is_integer" && matches!(obj, Value::Float(_)))
}

/// Methods and attributes CPython's built-in types have that floe's do not (yet): asking
/// for one says so, rather than borrowing CPython's wording for an attribute that does
/// not exist.
const NOT_IMPLEMENTED: &[(&str, &str)] = &[
    ("str", "format_map maketrans translate"),
    ("int", "as_integer_ratio conjugate from_bytes to_bytes"),
    ("float", "as_integer_ratio conjugate fromhex hex"),
    ("range", "count index"),
];

/// `Some(message)` if CPython's type of `obj` has the attribute `name` and floe's lacks it.
pub(crate) fn missing(obj: &Value, name: &str) -> Option<String> {
    let ty = obj.type_name();
    let (_, names) = NOT_IMPLEMENTED.iter().find(|(t, _)| *t == ty)?;
    names.split(' ').any(|n| n == name).then(|| {
        format!("'{ty}' object has no attribute '{name}': floe does not implement {ty}.{name} yet")
    })
}

/// Read-only attributes of built-in values (`range.start`, …).
pub(crate) fn property(_: &mut Interp, obj: &Value, name: &str) -> Res<Option<Value>> {
    match (kind_name(obj), name) {
        (Some("float"), "real") => return Ok(Some(obj.clone())),
        (Some("int"), "real" | "numerator") => {
            return Ok(crate::ops::as_big(obj).map(crate::ops::int_value))
        }
        (Some("int"), "denominator") => return Ok(Some(Value::Int(1))),
        (Some("int"), "imag") => return Ok(Some(Value::Int(0))),
        (Some("float"), "imag") => return Ok(Some(Value::Float(0.0))),
        _ => {}
    }
    if let Some(s) = crate::slices::slice_of(obj) {
        return Ok(s.attr(name));
    }
    if let Some(r) = range_of(obj) {
        return Ok(match name {
            "start" => Some(Value::Int(r.start)),
            "stop" => Some(Value::Int(r.stop)),
            "step" => Some(Value::Int(r.step)),
            _ => None,
        });
    }
    Ok(None)
}

/// Calls method `name` of a built-in value.
pub(crate) fn call(me: &mut Interp, obj: &Value, name: &str, a: Args) -> Res<Value> {
    let base_has = |me: &Interp| {
        crate::subclass::base_value(obj).is_some_and(|base| has_method(me, &base, name))
    };
    if crate::subclass::has_base(obj) && base_has(me) {
        return me
            .with_base(obj, |me, base| call(me, base, name, a))
            .expect("it has a base value");
    }
    if !has_method(me, obj, name) {
        // Not a built-in method: an attribute holding a callable, or an error.
        let f = me.getattr(obj, name)?;
        return me.call(&f, a);
    }
    if name == "fromkeys" {
        return fromkeys(me, is_frozendict_class(obj), a);
    }
    if crate::dunders::has(obj, name) {
        return crate::dunders::call(me, obj, name, a);
    }
    match kind_name(obj) {
        Some("str") => {
            let Value::Str(s) = obj else {
                unreachable!("a str")
            };
            str_method(me, s, name, a)
        }
        Some("list") => list_method(me, obj, name, a),
        Some("tuple" | "frozenlist") => seq_search(me, obj, name, a),
        Some("dict" | "frozendict") => dict_method(me, obj, name, a),
        Some("set" | "frozenset") => crate::sets::method(me, obj, name, a),
        Some("bytes" | "bytearray") => crate::bytes::method(me, obj, name, a),
        Some("int") if name == "to_bytes" => int_to_bytes(me, obj, a),
        Some("int") => {
            let i = crate::ops::as_big(obj).expect("an int");
            if !a.pos.is_empty() || !a.kw.is_empty() {
                let n = a.pos.len() + a.kw.len();
                return Err(me.exc(
                    "TypeError",
                    format!("int.{name}() takes no arguments ({n} given)"),
                ));
            }
            let digits = i.to_str_radix(2);
            let bits = digits.trim_start_matches('-');
            Ok(Value::Int(if name == "bit_count" {
                bits.bytes().filter(|&b| b == b'1').count() as i64
            } else if bits == "0" {
                0
            } else {
                bits.len() as i64
            }))
        }
        Some("generator" | "map" | "filter" | "zip" | "enumerate") => {
            crate::vm::generator_method(me, obj, name, a)
        }
        _ if name == "is_integer" => {
            let Value::Float(f) = obj else {
                unreachable!("a float")
            };
            Ok(Value::Bool(f.fract() == 0.0))
        }
        _ => {
            let [x] = me.exact::<1>("owns", a)?;
            let r = Region::try_from(obj.as_obj().expect("a bridge").clone()).expect("checked");
            Ok(Value::Bool(x.as_obj().is_some_and(|o| r.owns(o))))
        }
    }
}

/// Argument `i` of the str method `name`: `None` when absent or `None`; a `TypeError`
/// naming the method and the argument when it is not a str.
fn arg_str(me: &mut Interp, a: &Args, name: &str, i: usize) -> Res<Option<String>> {
    match a.pos.get(i) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.to_string())),
        Some(v) => {
            let ty = v.type_name();
            let msg = match name {
                "strip" | "lstrip" | "rstrip" => format!("{name} arg must be None or str"),
                "ljust" | "rjust" | "center" => {
                    format!("The fill character must be a unicode character, not {ty}")
                }
                "removeprefix" | "removesuffix" => {
                    format!("{name}() argument must be str, not {ty}")
                }
                "replace" => format!("replace() argument {} must be str, not {ty}", i + 1),
                _ => format!("must be str, not {ty}"),
            };
            Err(me.exc("TypeError", msg))
        }
    }
}

/// `s.split(None, n)` (or `rsplit`): at most `n` splits at runs of whitespace, the rest
/// kept as it is but for the whitespace before it (after it, for `rsplit`).
fn split_whitespace_n(s: &str, n: usize, from_right: bool) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = if from_right {
        s.trim_end()
    } else {
        s.trim_start()
    };
    while !rest.is_empty() {
        if parts.len() == n {
            parts.push(rest);
            break;
        }
        let (part, tail) = if from_right {
            match rest.rfind(char::is_whitespace) {
                Some(i) => (&rest[i..], &rest[..i]),
                None => (rest, ""),
            }
        } else {
            match rest.find(char::is_whitespace) {
                Some(i) => (&rest[..i], &rest[i..]),
                None => (rest, ""),
            }
        };
        parts.push(part.trim());
        rest = if from_right {
            tail.trim_end()
        } else {
            tail.trim_start()
        };
    }
    if from_right {
        parts.reverse();
    }
    parts
}

fn str_list(items: Vec<&str>) -> Value {
    List::new(items.into_iter().map(Value::str)).into()
}

fn str_method(me: &mut Interp, s: &str, name: &str, a: Args) -> Res<Value> {
    let b = Value::Bool;
    Ok(match name {
        "join" => {
            let Some(it) = a.pos.first() else {
                return Err(me.exc("TypeError", "join() takes exactly one argument (0 given)"));
            };
            let items = me.collect(it)?;
            let mut parts = Vec::with_capacity(items.len());
            for (i, x) in items.iter().enumerate() {
                match x {
                    Value::Str(p) => parts.push(p.to_string()),
                    other => {
                        return Err(me.exc(
                            "TypeError",
                            format!(
                                "sequence item {i}: expected str instance, {} found",
                                other.type_name()
                            ),
                        ))
                    }
                }
            }
            Value::str(&parts.join(s))
        }
        "split" | "rsplit" => {
            let keyword = |k: &str| a.kw.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
            let sep = match a.pos.first().cloned().or_else(|| keyword("sep")) {
                None | Some(Value::None) => None,
                Some(Value::Str(s)) => Some(s.to_string()),
                Some(v) => {
                    let msg = format!("must be str or None, not {}", v.type_name());
                    return Err(me.exc("TypeError", msg));
                }
            };
            let max = match a.pos.get(1).cloned().or_else(|| keyword("maxsplit")) {
                Some(m) => me.index_of(&m)?,
                None => -1,
            };
            let parts: Vec<&str> = match (&sep, max) {
                (None, m) if m < 0 => s.split_whitespace().collect(),
                (None, m) => split_whitespace_n(s, m as usize, name == "rsplit"),
                (Some(p), _) if p.is_empty() => return Err(me.exc("ValueError", "empty separator")),
                (Some(p), m) if m < 0 => s.split(p.as_str()).collect(),
                (Some(p), m) if name == "split" => s.splitn(m as usize + 1, p.as_str()).collect(),
                (Some(p), m) => {
                    let mut v: Vec<&str> = s.rsplitn(m as usize + 1, p.as_str()).collect();
                    v.reverse();
                    v
                }
            };
            str_list(parts)
        }
        "splitlines" => str_list(s.lines().collect()),
        "strip" | "lstrip" | "rstrip" => {
            let chars = arg_str(me, &a, name, 0)?;
            let pat = |c: char| {
                chars
                    .as_ref()
                    .map_or(c.is_whitespace(), |cs| cs.contains(c))
            };
            Value::str(match name {
                "strip" => s.trim_matches(pat),
                "lstrip" => s.trim_start_matches(pat),
                _ => s.trim_end_matches(pat),
            })
        }
        "upper" => Value::str(&s.to_uppercase()),
        "lower" => Value::str(&s.to_lowercase()),
        "capitalize" => {
            let mut c = s.chars();
            Value::str(&match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
                None => String::new(),
            })
        }
        "title" => {
            let mut out = String::new();
            let mut prev_alpha = false;
            for c in s.chars() {
                if prev_alpha {
                    out.extend(c.to_lowercase());
                } else {
                    out.extend(c.to_uppercase());
                }
                prev_alpha = c.is_alphabetic();
            }
            Value::str(&out)
        }
        "startswith" | "endswith" => {
            let Some(p) = a.pos.first() else {
                return Err(me.exc(
                    "TypeError",
                    format!("{name}() takes at least 1 argument (0 given)"),
                ));
            };
            let options = match p {
                Value::Str(p) => vec![p.to_string()],
                other => me
                    .collect(other)?
                    .iter()
                    .map(|x| me.str_arg(x))
                    .collect::<Res<Vec<_>>>()?,
            };
            b(options.iter().any(|p| {
                if name == "startswith" {
                    s.starts_with(p.as_str())
                } else {
                    s.ends_with(p.as_str())
                }
            }))
        }
        "replace" => {
            let (Some(old), Some(new)) = (arg_str(me, &a, name, 0)?, arg_str(me, &a, name, 1)?)
            else {
                return Err(me.exc("TypeError", "replace() takes 2 arguments"));
            };
            Value::str(&s.replace(old.as_str(), &new))
        }
        "find" | "rfind" | "index" | "rindex" => {
            let Some(sub) = arg_str(me, &a, name, 0)? else {
                return Err(me.exc("TypeError", format!("{name}() takes a str")));
            };
            let at = if name.starts_with('r') {
                s.rfind(sub.as_str())
            } else {
                s.find(sub.as_str())
            };
            match at {
                Some(i) => Value::Int(s[..i].chars().count() as i64),
                None if name.ends_with("index") => {
                    return Err(me.exc("ValueError", "substring not found"))
                }
                None => Value::Int(-1),
            }
        }
        "count" => {
            let Some(sub) = arg_str(me, &a, name, 0)? else {
                return Err(me.exc("TypeError", "count() takes a str"));
            };
            Value::Int(if sub.is_empty() {
                s.chars().count() as i64 + 1
            } else {
                s.matches(sub.as_str()).count() as i64
            })
        }
        "partition" | "rpartition" => {
            let Some(sep) = arg_str(me, &a, name, 0)? else {
                return Err(me.exc("TypeError", format!("{name}() takes a str")));
            };
            let at = if name == "partition" {
                s.find(sep.as_str())
            } else {
                s.rfind(sep.as_str())
            };
            let parts = match at {
                Some(i) => [&s[..i], sep.as_str(), &s[i + sep.len()..]],
                None if name == "partition" => [s, "", ""],
                None => ["", "", s],
            };
            Tuple::new(parts.map(Value::str)).into()
        }
        "casefold" => Value::str(&s.to_lowercase()),
        "encode" => {
            let enc = crate::bytes::encoding_arg(me, &a)?;
            crate::bytes::new_bytes(me.encode(s, &enc)?)
        }
        "swapcase" => Value::str(
            &s.chars()
                .flat_map(|c| {
                    let flipped: Vec<char> = if c.is_uppercase() {
                        c.to_lowercase().collect()
                    } else {
                        c.to_uppercase().collect()
                    };
                    flipped
                })
                .collect::<String>(),
        ),
        "removeprefix" | "removesuffix" => {
            let Some(p) = arg_str(me, &a, name, 0)? else {
                let msg = format!("{name}() argument must be str, not None");
                return Err(me.exc("TypeError", msg));
            };
            Value::str(if name == "removeprefix" {
                s.strip_prefix(p.as_str()).unwrap_or(s)
            } else {
                s.strip_suffix(p.as_str()).unwrap_or(s)
            })
        }
        "isascii" => b(s.is_ascii()),
        "isdecimal" | "isnumeric" => b(!s.is_empty() && s.chars().all(char::is_numeric)),
        "isidentifier" => b(s
            .chars()
            .next()
            .is_some_and(|c| c == '_' || c.is_alphabetic())
            && s.chars().all(|c| c == '_' || c.is_alphanumeric())),
        "isprintable" => b(s.chars().all(|c| !c.is_control())),
        "istitle" => {
            let mut prev_cased = false;
            let mut any = false;
            let mut ok = true;
            for c in s.chars() {
                if c.is_uppercase() {
                    ok &= !prev_cased;
                    prev_cased = true;
                    any = true;
                } else if c.is_lowercase() {
                    ok &= prev_cased;
                    prev_cased = true;
                    any = true;
                } else {
                    prev_cased = false;
                }
            }
            b(ok && any)
        }
        "expandtabs" => {
            let size = match a.pos.first() {
                Some(n) => me.index_of(n)?.max(0) as usize,
                None => 8,
            };
            let mut out = String::new();
            let mut col = 0;
            for c in s.chars() {
                match c {
                    '\t' if size > 0 => {
                        let pad = size - col % size;
                        me.check_size((out.len() + pad) as u128)?;
                        out.extend(std::iter::repeat_n(' ', pad));
                        col += pad;
                    }
                    '\t' => {}
                    '\n' | '\r' => {
                        out.push(c);
                        col = 0;
                    }
                    _ => {
                        out.push(c);
                        col += 1;
                    }
                }
            }
            Value::str(&out)
        }
        "isdigit" => b(!s.is_empty() && s.chars().all(|c| c.is_ascii_digit())),
        "isalpha" => b(!s.is_empty() && s.chars().all(char::is_alphabetic)),
        "isalnum" => b(!s.is_empty() && s.chars().all(char::is_alphanumeric)),
        "isspace" => b(!s.is_empty() && s.chars().all(char::is_whitespace)),
        "isupper" => b(s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)),
        "islower" => b(s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_uppercase)),
        "ljust" | "rjust" | "center" | "zfill" => {
            let width = match a.pos.first() {
                Some(w) => me.index_of(w)?.max(0) as usize,
                None => {
                    return Err(me.exc("TypeError", format!("{name}() takes at least 1 argument")))
                }
            };
            me.check_size(width as u128)?;
            let fill = arg_str(me, &a, name, 1)?
                .and_then(|f| f.chars().next())
                .unwrap_or(if name == "zfill" { '0' } else { ' ' });
            let n = s.chars().count();
            let gap = width.saturating_sub(n);
            let pad = |k: usize| fill.to_string().repeat(k);
            Value::str(&match name {
                "ljust" => format!("{s}{}", pad(gap)),
                "rjust" | "zfill" => match (name, s.chars().next()) {
                    ("zfill", Some(c @ ('-' | '+'))) => format!("{c}{}{}", pad(gap), &s[1..]),
                    _ => format!("{}{s}", pad(gap)),
                },
                _ => format!("{}{s}{}", pad(gap / 2), pad(gap - gap / 2)),
            })
        }
        "format" => Value::str(&str_format(me, s, &a)?),
        _ => unreachable!("has_method lists every str method"),
    })
}

/// `"...{}...{0}...{name:spec}...".format(*args, **kwargs)`.
fn str_format(me: &mut Interp, s: &str, a: &Args) -> Res<String> {
    let mut out = String::new();
    let mut auto = 0;
    let mut rest = s;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let c = rest.as_bytes()[i];
        rest = &rest[i + 1..];
        if rest.as_bytes().first() == Some(&c) {
            out.push(c as char);
            rest = &rest[1..];
            continue;
        }
        if c == b'}' {
            return Err(me.exc("ValueError", "Single '}' encountered in format string"));
        }
        let Some(end) = rest.find('}') else {
            return Err(me.exc("ValueError", "Single '{' encountered in format string"));
        };
        let field = &rest[..end];
        rest = &rest[end + 1..];
        let (name, spec) = field.split_once(':').unwrap_or((field, ""));
        let (name, conv) = name
            .split_once('!')
            .map_or((name, None), |(n, c)| (n, Some(c)));
        let v = if name.is_empty() {
            auto += 1;
            a.pos.get(auto - 1).cloned()
        } else if let Ok(i) = name.parse::<usize>() {
            a.pos.get(i).cloned()
        } else {
            a.kw.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        };
        let Some(v) = v else {
            return Err(me.exc(
                "IndexError",
                format!("Replacement index {name} out of range for positional args tuple"),
            ));
        };
        let v = match conv {
            Some("r") => Value::str(&me.repr(&v)?),
            Some("s") => Value::str(&me.str_of(&v)?),
            _ => v,
        };
        out.push_str(&me.format_value(&v, spec)?);
    }
    out.push_str(rest);
    Ok(out)
}

fn list_of(obj: &Value) -> List {
    List::try_from(obj.as_obj().expect("a list").clone()).expect("a list")
}

fn list_method(me: &mut Interp, obj: &Value, name: &str, a: Args) -> Res<Value> {
    let l = list_of(obj);
    let core = |me: &mut Interp, e, parties: &[&Value]| me.core_exc(e, parties);
    match name {
        "append" => {
            let [v] = me.exact::<1>("append", a)?;
            l.push(v.clone()).map_err(|e| core(me, e, &[obj, &v]))?;
        }
        "extend" => {
            let [v] = me.exact::<1>("extend", a)?;
            let items = me.collect(&v)?;
            let n = l.len();
            l.splice(n, n, items).map_err(|e| core(me, e, &[obj, &v]))?;
        }
        "insert" => {
            let [i, v] = me.exact::<2>("insert", a)?;
            let i = me.index_of(&i)?;
            l.insert(i, v.clone())
                .map_err(|e| core(me, e, &[obj, &v]))?;
        }
        "pop" => {
            let j = pop_index(me, &a, l.len(), "list")?;
            let mut out = l
                .splice(j, j + 1, vec![])
                .map_err(|e| core(me, e, &[obj]))?;
            return Ok(out.pop().expect("one element removed"));
        }
        "remove" => {
            let [v] = me.exact::<1>("remove", a)?;
            let items = l.to_vec();
            for (i, x) in items.iter().enumerate() {
                if me.eq(x, &v)? {
                    l.splice(i, i + 1, vec![])
                        .map_err(|e| core(me, e, &[obj]))?;
                    return Ok(Value::None);
                }
            }
            return Err(me.exc("ValueError", "list.remove(x): x not in list"));
        }
        "index" | "count" => return seq_search(me, obj, name, a),
        "sort" => {
            let mut key = None;
            let mut reverse = false;
            for (k, v) in &a.kw {
                match k.as_str() {
                    "key" if !matches!(v, Value::None) => key = Some(v.clone()),
                    "reverse" => reverse = me.truthy(v)?,
                    _ => {}
                }
            }
            // As CPython: the list is empty while it sorts, and a key function that
            // changes it is caught afterwards (its changes are discarded).
            let n = l.len();
            let items = l.splice(0, n, vec![]).map_err(|e| core(me, e, &[obj]))?;
            let sorted = me.sorted(items.clone(), key, reverse);
            let modified = !l.is_empty();
            let m = l.len();
            let result = match sorted {
                Ok(sorted) => sorted,
                Err(e) => {
                    l.splice(0, m, items).map_err(|e| core(me, e, &[obj]))?;
                    return Err(e);
                }
            };
            l.splice(0, m, result).map_err(|e| core(me, e, &[obj]))?;
            if modified {
                return Err(me.exc("ValueError", "list modified during sort"));
            }
        }
        "reverse" => {
            let mut items = l.to_vec();
            items.reverse();
            let n = l.len();
            l.splice(0, n, items).map_err(|e| core(me, e, &[obj]))?;
        }
        "clear" => l.clear().map_err(|e| core(me, e, &[obj]))?,
        "copy" => return Ok(List::new(l.to_vec()).into()),
        _ => unreachable!("has_method lists every list method"),
    }
    Ok(Value::None)
}

/// `index` (`x, start, stop`, bounds as a slice's) and `count` of lists, tuples and
/// frozenlists.
fn seq_search(me: &mut Interp, obj: &Value, name: &str, a: Args) -> Res<Value> {
    let (v, bounds) = if name == "index" && a.kw.is_empty() && (2..=3).contains(&a.pos.len()) {
        let mut pos = a.pos.into_iter();
        let v = pos.next().expect("at least two");
        let bounds: Vec<Value> = pos.collect();
        (v, bounds)
    } else if name == "index" && a.kw.is_empty() && a.pos.len() > 3 {
        let n = a.pos.len();
        return Err(me.exc(
            "TypeError",
            format!("index expected at most 3 arguments, got {n}"),
        ));
    } else {
        let [v] = me.exact::<1>(name, a)?;
        (v, Vec::new())
    };
    // A list or tuple is searched in place while no comparison can run Python code
    // (primitive elements and needle); anything else, or a search that meets such an
    // element, compares a snapshot of the items.
    let in_place = obj
        .as_obj()
        .filter(|o| matches!(o.kind(), Kind::List | Kind::Tuple));
    let snapshot = match in_place {
        Some(_) => None,
        None => Some(me.collect(obj)?),
    };
    let len = match (&snapshot, in_place) {
        (Some(items), _) => items.len(),
        (None, Some(o)) => o.with_seq_items(<[Value]>::len).unwrap_or(0),
        (None, None) => unreachable!("one of the two"),
    } as i64;
    // Python's search bounds: negative counts from the end, then clamped to the sequence.
    let mut window = [0, len];
    for (end, b) in window.iter_mut().zip(&bounds) {
        let i = me.clamped_index(b)?.unwrap_or(*end);
        *end = if i < 0 { (i + len).max(0) } else { i.min(len) };
    }
    let range = window[0] as usize..window[1].max(window[0]) as usize;
    let index = name == "index";
    let found = match (&snapshot, in_place) {
        (None, Some(o)) => o
            .with_seq_items(|items| {
                let items = items.get(range.clone())?;
                search(items, index, |x| {
                    crate::vm::fast_compare(CmpOp::Eq, x, &v).ok_or(())
                })
                .ok()
            })
            .flatten(),
        _ => None,
    };
    let found = match found {
        Some(found) => found,
        None => {
            let items = match snapshot {
                Some(items) => items,
                None => me.collect(obj)?,
            };
            // The bounds' `__index__` may have shrunk the sequence meanwhile.
            let end = range.end.min(items.len());
            search(&items[range.start.min(end)..end], index, |x| me.eq(x, &v))?
        }
    };
    match found {
        Found::At(i) => Ok(Value::Int((range.start + i) as i64)),
        Found::Count(n) if !index => Ok(Value::Int(n as i64)),
        Found::Count(_) => {
            let ty = obj.type_name();
            let msg = if ty == "list" {
                format!("{} is not in list", me.repr(&v)?)
            } else {
                format!("{ty}.index(x): x not in {ty}")
            };
            Err(me.exc("ValueError", msg))
        }
    }
}

/// What a search of a sequence found: the position of the first match (`index`), or
/// the number of matches.
enum Found {
    At(usize),
    Count(usize),
}

/// The first position in `items` where `eq` holds (`index`), or how many there are;
/// stops at `eq`'s first error. [`seq_search`] runs it in place with a comparison that
/// fails at the first non-primitive, then on a snapshot with Python's `==`.
fn search<E>(
    items: &[Value],
    index: bool,
    mut eq: impl FnMut(&Value) -> Result<bool, E>,
) -> Result<Found, E> {
    let mut count = 0;
    for (i, x) in items.iter().enumerate() {
        if eq(x)? {
            if index {
                return Ok(Found::At(i));
            }
            count += 1;
        }
    }
    Ok(Found::Count(count))
}

/// `dict.fromkeys(iterable, value=None)` and `frozendict.fromkeys` (PEP 814): each key
/// once, in first-seen order, all with `value`.
fn fromkeys(me: &mut Interp, frozen: bool, a: Args) -> Res<Value> {
    let n = a.pos.len();
    if !a.kw.is_empty() {
        let ty = if frozen { "frozendict" } else { "dict" };
        return Err(me.exc(
            "TypeError",
            format!("{ty}.fromkeys() takes no keyword arguments"),
        ));
    }
    if !(1..=2).contains(&n) {
        let msg = match n {
            0 => "fromkeys expected at least 1 argument, got 0".to_string(),
            _ => format!("fromkeys expected at most 2 arguments, got {n}"),
        };
        return Err(me.exc("TypeError", msg));
    }
    let value = a.pos.get(1).cloned().unwrap_or(Value::None);
    let keys = me.collect(&a.pos[0])?;
    let pairs = keys.into_iter().map(|k| (k, value.clone())).collect();
    if frozen {
        return me.new_frozendict(pairs);
    }
    Ok(me.new_dict(pairs)?.into())
}

fn dict_method(me: &mut Interp, obj: &Value, name: &str, a: Args) -> Res<Value> {
    let frozen = kind_name(obj) == Some("frozendict");
    let ty = obj.type_name();
    if !a.kw.is_empty() && name != "update" {
        return Err(me.exc(
            "TypeError",
            format!("{ty}.{name}() takes no keyword arguments"),
        ));
    }
    let n = a.pos.len();
    match name {
        "keys" | "values" | "items" | "copy" | "popitem" | "clear" if n > 0 => {
            let msg = format!("{ty}.{name}() takes no arguments ({n} given)");
            return Err(me.exc("TypeError", msg));
        }
        "get" | "pop" | "setdefault" if n == 0 => {
            let msg = format!("{name} expected at least 1 argument, got 0");
            return Err(me.exc("TypeError", msg));
        }
        "get" | "pop" | "setdefault" if n > 2 => {
            let msg = format!("{name} expected at most 2 arguments, got {n}");
            return Err(me.exc("TypeError", msg));
        }
        _ => {}
    }
    match name {
        "get" => {
            let key = a.pos.first().cloned().unwrap_or(Value::None);
            let default = a.pos.get(1).cloned().unwrap_or(Value::None);
            return Ok(me.mapping_get(obj, &key)?.unwrap_or(default));
        }
        "keys" | "values" | "items" => {
            let pairs = me.mapping_items(obj)?;
            let items: Vec<Value> = pairs
                .into_iter()
                .map(|(k, v)| match name {
                    "keys" => k,
                    "values" => v,
                    _ => Tuple::new([k, v]).into(),
                })
                .collect();
            return Ok(List::new(items).into());
        }
        "copy" if frozen => return Ok(obj.clone()),
        _ => {}
    }
    let d = Dict::try_from(obj.as_obj().expect("a dict").clone()).expect("a dict");
    match name {
        "copy" => Ok(me.new_dict(d.items())?.into()),
        "pop" => {
            let key = a.pos.first().cloned().unwrap_or(Value::None);
            me.refuse_frozen(obj, "delete an item of")?;
            match me.dict_remove(&d, &key)? {
                Some(v) => Ok(v),
                None if a.pos.len() > 1 => Ok(a.pos[1].clone()),
                None => Err(me.key_error(key)),
            }
        }
        "popitem" => {
            me.refuse_frozen(obj, "delete an item of")?;
            let Some((k, _)) = d.items().pop() else {
                return Err(me.exc("KeyError", "popitem(): dictionary is empty"));
            };
            let v = me.dict_remove(&d, &k)?.unwrap_or(Value::None);
            Ok(Tuple::new([k, v]).into())
        }
        "setdefault" => {
            let key = a.pos.first().cloned().unwrap_or(Value::None);
            if let Some(v) = me.dict_get(&d, &key)? {
                return Ok(v);
            }
            let default = a.pos.get(1).cloned().unwrap_or(Value::None);
            me.dict_set(&d, key, default.clone())?;
            Ok(default)
        }
        "update" => {
            let pairs = crate::builtins::dict_pairs(me, a)?;
            me.refuse_frozen(obj, "update")?;
            for (k, v) in pairs {
                me.dict_set(&d, k, v)?;
            }
            Ok(Value::None)
        }
        "clear" => {
            me.refuse_frozen(obj, "clear")?;
            for k in d.keys() {
                me.dict_remove(&d, &k)?;
            }
            Ok(Value::None)
        }
        _ => unreachable!("has_method lists every dict method"),
    }
}

/// A method of a built-in type read from the type (`str.lower`, `dict.__setitem__`,
/// `object.__setattr__`): called with a value of the type first, it is that value's
/// method.
pub(crate) struct UnboundBody {
    pub ty: &'static str,
    pub name: floe_core::Str,
}

impl floe_core::NativeBody for UnboundBody {
    fn type_name(&self) -> &'static str {
        "method_descriptor"
    }
    fn for_each_value(&self, _: &mut dyn FnMut(&Value)) {}
}

/// The methods of `object` that can be called on any value through the class.
const OBJECT: &[&str] = &["__setattr__", "__eq__", "__ne__", "__hash__"];

/// `true` for a method `object` itself has (`object.__setattr__`).
pub(crate) fn is_object_method(name: &str) -> bool {
    OBJECT.contains(&name)
}

/// A value of the built-in type `ty`, to ask which methods the type has.
fn sample(ty: &str) -> Option<Value> {
    Some(match ty {
        "str" => Value::str(""),
        "int" => Value::Int(0),
        "bool" => Value::Bool(false),
        "float" => Value::Float(0.0),
        "list" => List::new([]).into(),
        "tuple" => Tuple::new([]).into(),
        "dict" => Dict::new().into(),
        "set" => floe_core::Set::new([]).expect("an empty set").into(),
        "bytes" => crate::bytes::new_bytes(Vec::new()),
        _ => return None,
    })
}

/// `ty.name` for a built-in class `ty` whose values have the method `name`.
pub(crate) fn unbound(obj: &Value, name: &str) -> Option<Value> {
    let ty = builtin_class(obj)?;
    let found = if ty == "object" {
        OBJECT.contains(&name)
    } else {
        let s = sample(ty)?;
        type_has(kind_name(&s), name) || crate::dunders::has(&s, name)
    };
    found.then(|| {
        let body = UnboundBody {
            ty,
            name: floe_core::Str::from(name),
        };
        Value::Obj(floe_core::ObjRef::new_native(body))
    })
}

/// Calls a method read from a built-in type: its first argument is the value.
pub(crate) fn call_unbound(
    me: &mut Interp,
    ty: &'static str,
    name: &str,
    mut a: Args,
) -> Res<Value> {
    if a.pos.is_empty() {
        return Err(me.exc(
            "TypeError",
            format!("unbound method {ty}.{name}() needs an argument"),
        ));
    }
    let this = a.pos.remove(0);
    if ty == "object" {
        return object_method(me, &this, name, a);
    }
    let class: Value = crate::runtime::types().get(ty).into();
    if !me.isinstance(&this, &class)? {
        return Err(me.exc(
            "TypeError",
            format!(
                "descriptor '{name}' for '{ty}' objects doesn't apply to a '{}' object",
                this.type_name()
            ),
        ));
    }
    me.call_method(&this, name, a)
}

/// `object.__setattr__(v, name, value)`, `object.__eq__`, `__ne__` (identity) and
/// `__hash__` (identity for objects).
fn object_method(me: &mut Interp, this: &Value, name: &str, a: Args) -> Res<Value> {
    match name {
        "__setattr__" => {
            let [n, v] = me.exact::<2>(name, a)?;
            let n = me.str_arg(&n)?;
            me.object_setattr(this, &n, v)?;
            Ok(Value::None)
        }
        "__eq__" | "__ne__" => {
            let [other] = me.exact::<1>(name, a)?;
            Ok(match (this.is(&other), name) {
                (true, "__eq__") => Value::Bool(true),
                (true, _) => Value::Bool(false),
                (false, _) => crate::ops::not_implemented(),
            })
        }
        _ => {
            let [] = me.exact::<0>(name, a)?;
            match this {
                Value::Obj(o) if o.kind() == floe_core::Kind::Instance => {
                    let key =
                        floe_core::Key::new(this.clone()).map_err(|e| me.core_exc(e, &[this]))?;
                    Ok(Value::Int(key.hash_code() as i64))
                }
                _ => Ok(Value::Int(me.hash(this)?)),
            }
        }
    }
}

/// `n.to_bytes(length=1, byteorder='big', *, signed=False)`.
fn int_to_bytes(me: &mut Interp, obj: &Value, a: Args) -> Res<Value> {
    let i = crate::ops::as_big(obj).expect("an int");
    let mut pos = a.pos.into_iter();
    let (mut length, mut order, mut signed) = (pos.next(), pos.next(), None);
    if pos.next().is_some() {
        return Err(me.exc(
            "TypeError",
            "to_bytes() takes at most 2 positional arguments",
        ));
    }
    for (k, v) in a.kw {
        let slot = match k.as_str() {
            "length" => &mut length,
            "byteorder" => &mut order,
            "signed" => &mut signed,
            _ => {
                return Err(me.exc(
                    "TypeError",
                    format!("to_bytes() got an unexpected keyword argument '{k}'"),
                ))
            }
        };
        *slot = Some(v);
    }
    let length = match length {
        Some(v) => me.index_of(&v)?,
        None => 1,
    };
    if length < 0 {
        return Err(me.exc("ValueError", "length argument must be non-negative"));
    }
    let little = match order {
        None => false,
        Some(Value::Str(s)) if &*s == "big" => false,
        Some(Value::Str(s)) if &*s == "little" => true,
        Some(Value::Str(_)) => {
            return Err(me.exc("ValueError", "byteorder must be either 'little' or 'big'"))
        }
        Some(v) => {
            let t = v.type_name();
            return Err(me.exc(
                "TypeError",
                format!("to_bytes() argument 'byteorder' must be str, not {t}"),
            ));
        }
    };
    let signed = match signed {
        Some(v) => me.truthy(&v)?,
        None => false,
    };
    let negative = i < malachite_bigint::BigInt::from(0);
    if negative && !signed {
        return Err(me.exc("OverflowError", "can't convert negative int to unsigned"));
    }
    // Little-endian two's complement, as short as it can be, then padded to `length`.
    let mut bytes = if signed {
        i.to_signed_bytes_le()
    } else {
        i.to_bytes_le().1
    };
    if !signed && bytes == [0] {
        bytes.clear();
    }
    let fill = if negative { 0xff } else { 0 };
    while bytes.len() > 1 && signed && bytes[bytes.len() - 1] == fill {
        let next = bytes[bytes.len() - 2];
        if (next & 0x80 != 0) != negative {
            break;
        }
        bytes.pop();
    }
    if signed && bytes == [0] {
        bytes.clear();
    }
    if bytes.len() as i64 > length {
        return Err(me.exc("OverflowError", "int too big to convert"));
    }
    bytes.resize(length as usize, fill);
    if !little {
        bytes.reverse();
    }
    Ok(crate::bytes::new_bytes(bytes))
}
