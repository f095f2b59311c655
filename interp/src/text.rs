//! `repr`, `str` and format specifications (f-strings, `format`, `str.format`).

use floe_core::{Class, Dict, Kind, List, ObjRef, Set, Tuple, Value};

use crate::interp::{Args, Interp};
use crate::ops::{as_big, kind_name, range_of};
use crate::runtime::{types, BigIntBody, BuiltinBody};
use crate::Res;

/// How deeply `repr` follows nested containers before `RecursionError` (Python stops
/// near 1,000; floe allows more, but never a stack overflow).
const MAX_REPR_DEPTH: usize = 20_000;

/// Python's `repr` of a float: the shortest round-trip digits, exponent outside
/// `1e-4 <= |x| < 1e16`.
pub(crate) fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let a = x.abs();
    if a != 0.0 && !(1e-4..1e16).contains(&a) {
        let s = format!("{x:e}");
        let (mant, exp) = s.split_once('e').expect("exponent form");
        let exp: i32 = exp.parse().expect("an exponent");
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{mant}e{sign}{:02}", exp.abs());
    }
    if x.fract() == 0.0 {
        format!("{x:.1}")
    } else {
        format!("{x}")
    }
}

/// More digits than any `f64`'s exact decimal expansion has (at most 767 significant
/// digits, 1074 after the point): past it, every digit is 0. Rust's formatter refuses a
/// precision above `u16::MAX`, so larger ones are written as this many and zeros.
const EXACT_DIGITS: usize = 1100;

/// `x` with `p` digits after the point (Python's `f` format), for any `p`.
fn fixed(x: f64, p: usize) -> String {
    let mut out = format!("{:.*}", p.min(EXACT_DIGITS), x);
    if x.is_finite() {
        out.push_str(&"0".repeat(p.saturating_sub(EXACT_DIGITS)));
    }
    out
}

/// Python's general float format (`g`) of a non-negative `x` at `precision` significant
/// digits: fixed notation when the exponent is in [-4, precision), else scientific, with
/// trailing zeros removed. `point` keeps one digit after the point in fixed notation (the
/// format with no type letter).
fn general(x: f64, precision: usize, point: bool) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    let p = precision.max(1);
    let sci = format!("{:.*e}", p - 1, x);
    let (mant, exp) = sci.split_once('e').expect("exponent form");
    let exp: i64 = exp.parse().expect("an exponent");
    let trim = |t: &str| -> String {
        if t.contains('.') {
            t.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            t.to_string()
        }
    };
    if (-4..p as i64).contains(&exp) {
        let fixed = trim(&format!("{:.*}", (p as i64 - 1 - exp).max(0) as usize, x));
        if point && !fixed.contains('.') {
            fixed + ".0"
        } else {
            fixed
        }
    } else {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{}e{sign}{:02}", trim(mant), exp.abs())
    }
}

/// Python's `repr` of a string: single quotes unless the text has one and no double.
pub(crate) fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

impl Interp {
    /// `str(v)`.
    pub(crate) fn str_of(&mut self, v: &Value) -> Res<String> {
        match v {
            Value::Str(s) => Ok(s.to_string()),
            Value::Obj(o) if o.kind() == Kind::Instance => {
                if let Some(f) = self.special(v, "__str__") {
                    let r = self.call(&f, Args::of(vec![v.clone()]))?;
                    return self.str_of(&r);
                }
                if self.is_exception(o) {
                    return Ok(self.exc_message(v));
                }
                // `str.__str__` is the string; the other built-in bases print as `repr`.
                if let Some(Value::Str(s)) = crate::subclass::base_value(v) {
                    return Ok(s.to_string());
                }
                self.repr(v)
            }
            _ => self.repr(v),
        }
    }

    fn is_exception(&self, o: &ObjRef) -> bool {
        o.class_of()
            .is_some_and(|c| c.is_subclass(&types().class("BaseException")))
    }

    /// `repr(v)`.
    pub(crate) fn repr(&mut self, v: &Value) -> Res<String> {
        let mut seen = Vec::new();
        self.repr_in(v, &mut seen)
    }

    fn repr_in(&mut self, v: &Value, seen: &mut Vec<usize>) -> Res<String> {
        let o = match v {
            Value::None => return Ok("None".into()),
            Value::Bool(b) => return Ok(if *b { "True" } else { "False" }.into()),
            Value::Int(i) => return Ok(i.to_string()),
            Value::Float(x) => return Ok(float_repr(*x)),
            Value::Str(s) => return Ok(str_repr(s)),
            Value::Obj(o) => o,
        };
        if let Some(b) = o.native::<BigIntBody>() {
            return Ok(b.0.to_string());
        }
        if seen.len() >= MAX_REPR_DEPTH {
            return Err(self.exc(
                "RecursionError",
                "maximum recursion depth exceeded while getting the repr of an object",
            ));
        }
        if seen.contains(&o.id()) {
            let base = crate::subclass::base_value(v);
            return Ok(match kind_name(base.as_ref().unwrap_or(v)) {
                Some("list") => "[...]".into(),
                Some("dict") => "{...}".into(),
                _ => "...".into(),
            });
        }
        seen.push(o.id());
        let r = self.repr_obj(v, o, seen);
        seen.pop();
        r
    }

    fn repr_items(&mut self, items: &[Value], seen: &mut Vec<usize>) -> Res<String> {
        let parts = items
            .iter()
            .map(|x| self.repr_in(x, seen))
            .collect::<Res<Vec<_>>>()?;
        Ok(parts.join(", "))
    }

    fn repr_pairs(&mut self, pairs: &[(Value, Value)], seen: &mut Vec<usize>) -> Res<String> {
        let mut parts = Vec::with_capacity(pairs.len());
        for (k, val) in pairs {
            parts.push(format!(
                "{}: {}",
                self.repr_in(k, seen)?,
                self.repr_in(val, seen)?
            ));
        }
        Ok(parts.join(", "))
    }

    fn repr_obj(&mut self, v: &Value, o: &ObjRef, seen: &mut Vec<usize>) -> Res<String> {
        match o.kind() {
            Kind::List => {
                let items = List::try_from(o.clone()).expect("k").to_vec();
                Ok(format!("[{}]", self.repr_items(&items, seen)?))
            }
            Kind::Tuple => {
                let items = Tuple::try_from(o.clone()).expect("k").to_vec();
                let inner = self.repr_items(&items, seen)?;
                Ok(if items.len() == 1 {
                    format!("({inner},)")
                } else {
                    format!("({inner})")
                })
            }
            Kind::Dict => {
                let pairs = Dict::try_from(o.clone()).expect("k").items();
                Ok(format!("{{{}}}", self.repr_pairs(&pairs, seen)?))
            }
            Kind::Set => {
                let items = Set::try_from(o.clone()).expect("k").to_vec();
                if items.is_empty() {
                    return Ok("set()".into());
                }
                Ok(format!("{{{}}}", self.repr_items(&items, seen)?))
            }
            Kind::Class => {
                let c = Class::try_from(o.clone()).expect("k");
                Ok(format!("<class '{}'>", qualified_name(&c)))
            }
            Kind::Function if crate::vm::is_generator(o) => {
                let name = match o.get_attr("__qualname__") {
                    Ok(n) => self.str_of(&n)?,
                    Err(_) => String::new(),
                };
                Ok(format!("<generator object {name} at {:#x}>", o.id()))
            }
            Kind::Function if crate::vm::is_suspendable(o) => {
                Ok(format!("<{} object at {:#x}>", o.type_name(), o.id()))
            }
            Kind::Function => {
                let name = o
                    .own_attr("__qualname__")
                    .or_else(|| o.own_attr("__name__"))
                    .map(|n| self.str_of(&n))
                    .transpose()?;
                Ok(format!(
                    "<function {} at {:#x}>",
                    name.unwrap_or_default(),
                    o.id()
                ))
            }
            Kind::Region => match floe_regions::Region::try_from(o.clone()) {
                Ok(r) => Ok(match r.name() {
                    Some(n) => format!("<Region '{n}' at {:#x}>", o.id()),
                    None => format!("<Region at {:#x}>", o.id()),
                }),
                Err(_) => Ok(format!("<former Region bridge at {:#x}>", o.id())),
            },
            Kind::Native => {
                if let Some(l) = Interp::frozenlist_of(v) {
                    let items: Vec<Value> = l.items().iter().map(|x| (**x).clone()).collect();
                    return Ok(format!("frozenlist([{}])", self.repr_items(&items, seen)?));
                }
                if let Some(d) = Interp::frozendict_of(v) {
                    if d.is_empty() {
                        return Ok("frozendict()".to_string()); // PEP 814
                    }
                    let pairs: Vec<(Value, Value)> = d.pairs().collect();
                    return Ok(format!(
                        "frozendict({{{}}})",
                        self.repr_pairs(&pairs, seen)?
                    ));
                }
                if let Some(s) = crate::sets::set_like(v) {
                    let items = s.to_vec();
                    if items.is_empty() {
                        return Ok("frozenset()".into());
                    }
                    return Ok(format!("frozenset({{{}}})", self.repr_items(&items, seen)?));
                }
                if let Some(b) = o.native::<crate::bytes::BytesBody>() {
                    return Ok(crate::bytes::repr(&b.0));
                }
                if let Some(u) = o.native::<crate::methods::UnboundBody>() {
                    return Ok(format!("<method '{}' of '{}' objects>", u.name, u.ty));
                }
                if let Some(s) = crate::slices::slice_of(v) {
                    return Ok(s.repr());
                }
                if let Some(s) = o.native::<crate::ops::Singleton>() {
                    return Ok(s.repr.into());
                }
                if let Some(r) = range_of(v) {
                    return Ok(if r.step == 1 {
                        format!("range({}, {})", r.start, r.stop)
                    } else {
                        format!("range({}, {}, {})", r.start, r.stop, r.step)
                    });
                }
                if let Some(b) = o.native::<BuiltinBody>() {
                    return Ok(format!("<built-in function {}>", b.name));
                }
                Ok(format!("<{} object at {:#x}>", o.type_name(), o.id()))
            }
            Kind::Instance => {
                if let Some(f) = self.special(v, "__repr__") {
                    let r = self.call(&f, Args::of(vec![v.clone()]))?;
                    return self.str_of(&r);
                }
                if self.is_exception(o) {
                    let args = o.get_attr("args").unwrap_or(Value::None);
                    let items = args
                        .as_obj()
                        .and_then(|a| Tuple::try_from(a.clone()).ok())
                        .map(|t| t.to_vec())
                        .unwrap_or_default();
                    return Ok(format!(
                        "{}({})",
                        o.type_name(),
                        self.repr_items(&items, seen)?
                    ));
                }
                if let Some(base) = crate::subclass::base_value(v) {
                    return self.repr_in(&base, seen);
                }
                let class = o.class_of().expect("instances have a class");
                match types().builtin_name(class.as_obj()) {
                    Some("method") => {
                        // A script may have deleted or replaced `__func__`.
                        let name = o
                            .get_attr("__func__")
                            .ok()
                            .and_then(|f| f.as_obj().and_then(|f| f.get_attr("__name__").ok()))
                            .unwrap_or(Value::None);
                        Ok(format!("<bound method {}>", self.str_of(&name)?))
                    }
                    Some("method-wrapper") => {
                        let name = o.get_attr("__name__").unwrap_or(Value::None);
                        Ok(format!("<built-in method {}>", self.str_of(&name)?))
                    }
                    Some("bytearray") => {
                        let data = self.bytes_of(v)?.unwrap_or_default();
                        Ok(format!("bytearray({})", crate::bytes::repr(&data)))
                    }
                    Some("module") => {
                        let name = o.get_attr("__name__").unwrap_or(Value::None);
                        Ok(format!("<module '{}'>", self.str_of(&name)?))
                    }
                    _ => Ok(format!(
                        "<{} object at {:#x}>",
                        qualified_name(&class),
                        o.id()
                    )),
                }
            }
        }
    }

    /// `template % args`: printf-style formatting (`%s %r %d %i %f %e %g %x %X %o %%`, with
    /// flags `-+ 0`, width, precision, and `%(name)s` keys from a dict).
    pub(crate) fn percent_format(&mut self, template: &str, args: &Value) -> Res<String> {
        // A tuple subclass's instance supplies its items, as a tuple does.
        let base = crate::subclass::base_value(args);
        let args = match &base {
            Some(b) if kind_name(b) == Some("tuple") => b,
            _ => args,
        };
        let mapping = matches!(kind_name(args), Some("dict" | "frozendict"));
        let mut positional = match (kind_name(args), mapping) {
            (Some("tuple"), _) => self.collect(args)?,
            (_, true) => Vec::new(),
            _ => vec![args.clone()],
        }
        .into_iter();
        let mut out = String::new();
        let mut chars = template.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '%' {
                out.push(c);
                continue;
            }
            let mut key = None;
            if chars.peek() == Some(&'(') {
                chars.next();
                let name: String = chars.by_ref().take_while(|&c| c != ')').collect();
                key = Some(name);
            }
            let mut flags = String::new();
            while let Some(&f) = chars.peek().filter(|f| "-+ 0#".contains(**f)) {
                flags.push(f);
                chars.next();
            }
            let mut width = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                width.push(d);
                chars.next();
            }
            let mut precision = String::new();
            if chars.peek() == Some(&'.') {
                chars.next();
                precision.push('.');
                while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    precision.push(d);
                    chars.next();
                }
            }
            let Some(conv) = chars.next() else {
                return Err(self.exc("ValueError", "incomplete format"));
            };
            if conv == '%' {
                out.push('%');
                continue;
            }
            let value = match &key {
                Some(k) => match self.mapping_get(args, &Value::str(k))? {
                    Some(v) => v,
                    None => {
                        let value = self.new_exception("KeyError", vec![Value::str(k)]);
                        return Err(crate::errors::Flow::Exc(Box::new(crate::errors::Exc {
                            value,
                            tb: Vec::new(),
                        })));
                    }
                },
                None => match positional.next() {
                    Some(v) => v,
                    None => {
                        return Err(self.exc("TypeError", "not enough arguments for format string"))
                    }
                },
            };
            let (value, ty) = match conv {
                's' => (Value::str(&self.str_of(&value)?), ""),
                'r' => (Value::str(&self.repr(&value)?), ""),
                'd' | 'i' | 'u' => (value, "d"),
                'f' | 'F' | 'e' | 'E' | 'g' | 'x' | 'X' | 'o' => (value, ""),
                other => {
                    return Err(self.exc(
                        "ValueError",
                        format!("unsupported format character '{other}'"),
                    ))
                }
            };
            let align = if flags.contains('-') {
                "<"
            } else if matches!(value, Value::Str(_)) {
                ">"
            } else {
                ""
            };
            let sign = if flags.contains('+') {
                "+"
            } else if flags.contains(' ') {
                " "
            } else {
                ""
            };
            let zero = if flags.contains('0') && !flags.contains('-') {
                "0"
            } else {
                ""
            };
            let ty = if ty.is_empty() && !matches!(conv, 's' | 'r') {
                conv.to_string()
            } else {
                ty.to_string()
            };
            let spec = format!("{align}{sign}{zero}{width}{precision}{ty}");
            out.push_str(&self.format_value(&value, &spec)?);
        }
        if positional.next().is_some() {
            return Err(self.exc(
                "TypeError",
                "not all arguments converted during string formatting",
            ));
        }
        Ok(out)
    }

    /// `format(v, spec)`: Python's format mini-language for numbers and strings
    /// (`[[fill]align][sign][,][0][width][.precision][type]`).
    pub(crate) fn format_value(&mut self, v: &Value, spec: &str) -> Res<String> {
        if spec.is_empty() {
            return self.str_of(v);
        }
        if let Some(base) = crate::subclass::base_value(v) {
            return self.format_value(&base, spec);
        }
        let Some(s) = Spec::parse(spec) else {
            return Err(self.exc("ValueError", format!("Invalid format specifier '{spec}'")));
        };
        // CPython's limits, then the size cap: a huge width or precision is an error
        // before any text is made.
        if s.width > isize::MAX as usize {
            return Err(self.exc("ValueError", "Too many decimal digits in format string"));
        }
        let precision = s.precision.unwrap_or(0);
        if precision > i32::MAX as usize {
            return Err(self.exc("ValueError", "precision too big"));
        }
        self.check_size(s.width.max(precision) as u128)?;
        let body = match (s.ty, v) {
            (Some('f' | 'F' | 'e' | 'E' | 'g' | '%'), _) | (None, Value::Float(_)) => {
                let Some(x) = crate::ops::as_f64(v) else {
                    return Err(self.exc(
                        "ValueError",
                        format!("Unknown format code for object of type '{}'", v.type_name()),
                    ));
                };
                let p = s.precision.unwrap_or(6);
                let mut out = match s.ty {
                    _ if !x.is_finite() => {
                        let word = if x.is_nan() { "nan" } else { "inf" };
                        if matches!(s.ty, Some('F' | 'E' | 'G')) {
                            word.to_uppercase()
                        } else {
                            word.to_string()
                        }
                    }
                    Some('f' | 'F') => fixed(x.abs(), p),
                    Some('e' | 'E') => {
                        let t = format!("{:.*e}", p.min(EXACT_DIGITS), x.abs());
                        let (m, e) = t.split_once('e').expect("exponent");
                        let e: i32 = e.parse().expect("exponent");
                        let zeros = "0".repeat(p.saturating_sub(EXACT_DIGITS));
                        format!("{m}{zeros}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
                    }
                    Some('%') => fixed(x.abs() * 100.0, p) + "%",
                    Some('g') => general(x.abs(), p.min(EXACT_DIGITS), false),
                    _ => match s.precision {
                        Some(p) => general(x.abs(), p.min(EXACT_DIGITS), true),
                        None => float_repr(x.abs()),
                    },
                };
                if s.comma {
                    out = group_thousands(&out);
                }
                // -0.0 keeps its sign, as in Python; a NaN prints none.
                sign(x.is_sign_negative() && !x.is_nan(), s.sign) + &out
            }
            (Some('d' | 'x' | 'X' | 'b' | 'o'), _) | (None, Value::Int(_)) => {
                let Some(i) = as_big(v) else {
                    return Err(self.exc(
                        "ValueError",
                        format!(
                            "Unknown format code 'd' for object of type '{}'",
                            v.type_name()
                        ),
                    ));
                };
                let neg = i < malachite_bigint::BigInt::from(0);
                let mag = if neg { -i } else { i };
                let mut out = match s.ty {
                    Some('x') => format!("{mag:x}"),
                    Some('X') => format!("{mag:X}"),
                    Some('b') => format!("{mag:b}"),
                    Some('o') => format!("{mag:o}"),
                    _ => mag.to_string(),
                };
                if s.comma {
                    out = group_thousands(&out);
                }
                sign(neg, s.sign) + &out
            }
            _ => {
                let mut text = self.str_of(v)?;
                if let Some(p) = s.precision {
                    text = text.chars().take(p).collect();
                }
                text
            }
        };
        let numeric = !matches!(v, Value::Str(_));
        Ok(s.pad(&body, numeric))
    }
}

fn sign(neg: bool, flag: Option<char>) -> String {
    match (neg, flag) {
        (true, _) => "-".into(),
        (false, Some('+')) => "+".into(),
        (false, Some(' ')) => " ".into(),
        _ => String::new(),
    }
}

fn group_thousands(digits: &str) -> String {
    let (int, frac) = match digits.find('.') {
        Some(i) => digits.split_at(i),
        None => (digits, ""),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out + frac
}

/// A parsed format specification.
struct Spec {
    fill: char,
    align: Option<char>,
    sign: Option<char>,
    zero: bool,
    width: usize,
    comma: bool,
    precision: Option<usize>,
    ty: Option<char>,
}

impl Spec {
    fn parse(spec: &str) -> Option<Spec> {
        let chars: Vec<char> = spec.chars().collect();
        let mut i = 0;
        let mut s = Spec {
            fill: ' ',
            align: None,
            sign: None,
            zero: false,
            width: 0,
            comma: false,
            precision: None,
            ty: None,
        };
        let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
        if chars.len() >= 2 && is_align(chars[1]) {
            s.fill = chars[0];
            s.align = Some(chars[1]);
            i = 2;
        } else if !chars.is_empty() && is_align(chars[0]) {
            s.align = Some(chars[0]);
            i = 1;
        }
        if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
            s.sign = Some(chars[i]);
            i += 1;
        }
        if i < chars.len() && chars[i] == '0' {
            s.zero = true;
            i += 1;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        // Too many digits for a usize saturate: `format_value` refuses such a size.
        let number = |digits: &[char]| {
            let text: String = digits.iter().collect();
            text.parse().unwrap_or(usize::MAX)
        };
        s.width = if start == i {
            0
        } else {
            number(&chars[start..i])
        };
        if i < chars.len() && chars[i] == ',' {
            s.comma = true;
            i += 1;
        }
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if start == i {
                return None;
            }
            s.precision = Some(number(&chars[start..i]));
        }
        if i < chars.len() {
            s.ty = Some(chars[i]);
            i += 1;
        }
        (i == chars.len()).then_some(s)
    }

    fn pad(&self, body: &str, numeric: bool) -> String {
        let n = body.chars().count();
        if n >= self.width {
            return body.to_string();
        }
        let gap = self.width - n;
        let fill = |k: usize| self.fill.to_string().repeat(k);
        let zero = self.zero && self.align.is_none();
        if zero || (numeric && self.align == Some('=')) {
            // The padding goes between the sign and the digits.
            let (sign, digits) = match body.chars().next() {
                Some(c @ ('-' | '+' | ' ')) => (c.to_string(), &body[1..]),
                _ => (String::new(), body),
            };
            let pad = if zero { "0".repeat(gap) } else { fill(gap) };
            return format!("{sign}{pad}{digits}");
        }
        match self.align.unwrap_or(if numeric { '>' } else { '<' }) {
            '<' => format!("{body}{}", fill(gap)),
            '^' => format!("{}{body}{}", fill(gap / 2), fill(gap - gap / 2)),
            _ => format!("{}{body}", fill(gap)),
        }
    }
}

/// A class's name as its `repr` shows it: `module.Name` for a class a script defined
/// (its `__module__`), `Name` for a built-in class.
fn qualified_name(class: &Class) -> String {
    match class.own_attr("__module__") {
        Some(Value::Str(m)) => format!("{m}.{}", class.name()),
        _ => class.name().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_as_python_prints_them() {
        for (x, s) in [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1.5e-5, "1.5e-05"),
            (-2.5, "-2.5"),
            (123456.789, "123456.789"),
        ] {
            assert_eq!(float_repr(x), s);
        }
    }

    #[test]
    fn strings_quote_as_python_quotes_them() {
        assert_eq!(str_repr("a'b"), "\"a'b\"");
        assert_eq!(str_repr("a\nb"), "'a\\nb'");
        assert_eq!(str_repr("it's \"x\""), "'it\\'s \"x\"'");
    }

    #[test]
    fn thousands_group_from_the_right() {
        assert_eq!(group_thousands("1234567.25"), "1,234,567.25");
        assert_eq!(group_thousands("123"), "123");
    }
}
